// The parser's read position over the token list: look-ahead, keyword and operator matching,
// identifiers, and the errors that name the offending token and what was expected.
import type { Ident, Pos, QualifiedName } from '../ast/ast.ts';
import { SqlParseError } from '../sql-errors.ts';
import type { Token } from './tokenizer.ts';

/**
 * Words that cannot be unquoted identifiers (they start or separate clauses, so an implicit alias or
 * a column of that name would be ambiguous). Every other keyword may name a column or table, which is
 * more generous than Flink: `value`, `type`, `name`, `data`, `user`, `timestamp`... need no quotes.
 */
export const RESERVED: ReadonlySet<string> = new Set([
  'ALL', 'AND', 'AS', 'BETWEEN', 'BY', 'CASE', 'CAST', 'CROSS', 'DISTINCT', 'ELSE', 'END', 'EXCEPT',
  'EXISTS', 'FALSE', 'FETCH', 'FOR', 'FROM', 'FULL', 'GROUP', 'HAVING', 'IN', 'INNER', 'INTERSECT',
  'INTERVAL', 'IS', 'JOIN', 'LATERAL', 'LEFT', 'LIKE', 'LIMIT', 'MINUS', 'NATURAL', 'NOT', 'NULL',
  'OFFSET', 'ON', 'OR', 'ORDER', 'OUTER', 'OVER', 'RIGHT', 'SELECT', 'SIMILAR', 'TABLE', 'THEN', 'TRUE',
  'UNION', 'UNNEST', 'USING', 'VALUES', 'WHEN', 'WHERE', 'WINDOW', 'WITH',
]);

const MAX_NESTING = 400;

/** How a token is named in an error message: as written, in quotes (a string literal keeps its own), shortened. */
export function describeToken(t: Token): string {
  if (t.type === 'eof') return 'end of input';
  const text = t.type === 'string' ? t.text.slice(1, -1) : t.text;
  return `'${text.length > 40 ? `${text.slice(0, 37)}...` : text}'`;
}

export class TokenCursor {
  readonly sql: string;
  readonly tokens: readonly Token[];
  index = 0;
  /** Count of `?` parameters seen, so each gets its 1-based index. */
  paramCount = 0;
  /** Current nesting of expressions, queries and types, bounded so deep input fails cleanly instead of overflowing the stack. */
  private depth = 0;

  constructor(sql: string, tokens: readonly Token[]) {
    this.sql = sql;
    this.tokens = tokens;
  }

  peek(k = 0): Token {
    const i = Math.min(this.index + k, this.tokens.length - 1);
    return this.tokens[i]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.index++;
    return t;
  }

  /** End offset of the last consumed token (for slicing the source, e.g. a view's query text). */
  prevEnd(): number {
    return this.index === 0 ? 0 : this.tokens[this.index - 1]!.end;
  }

  pos(t: Token = this.peek()): Pos {
    return { line: t.line, column: t.column };
  }

  atEnd(): boolean {
    return this.peek().type === 'eof';
  }

  /** The token at `k` is the unquoted keyword `word` (upper case). */
  isWord(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'word' && t.value === word;
  }

  /** Consecutive unquoted keywords starting here. */
  isWords(...words: string[]): boolean {
    return words.every((w, k) => this.isWord(w, k));
  }

  isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'op' && t.value === op;
  }

  /** Consumes the keyword if it is next. */
  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.index++;
    return true;
  }

  /** Consumes the keywords if all of them are next, in order. */
  acceptWords(...words: string[]): boolean {
    if (!this.isWords(...words)) return false;
    this.index += words.length;
    return true;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.index++;
    return true;
  }

  expectWord(...words: string[]): Token {
    const first = this.peek();
    for (const w of words) {
      if (!this.isWord(w)) throw this.error(`'${w}'`);
      this.index++;
    }
    return first;
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) throw this.error(`'${op}'`);
    return this.next();
  }

  expectString(what = 'a string literal'): Token {
    if (this.peek().type !== 'string') throw this.error(what);
    return this.next();
  }

  /** Runs `parse` one nesting level deeper. */
  nested<T>(parse: () => T): T {
    if (this.depth >= MAX_NESTING) {
      throw new SqlParseError(this.pos(), `the statement is nested too deeply (more than ${MAX_NESTING} levels)`);
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** `expected X but found 'Y'` at the token (default: the next one). */
  error(expected: string, t: Token = this.peek()): SqlParseError {
    if (t.type === 'eof') return new SqlParseError(this.pos(t), `unexpected end of input, expected ${expected}`);
    return new SqlParseError(this.pos(t), `expected ${expected} but found ${describeToken(t)}`);
  }

  /** Whether the token at `k` can be an identifier (back-quoted, or an unreserved word). */
  isIdent(k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'qident' || (t.type === 'word' && !RESERVED.has(t.value));
  }

  ident(what = 'an identifier'): Ident {
    const t = this.peek();
    if (!this.isIdent()) throw this.error(what);
    this.index++;
    return { kind: 'Ident', pos: this.pos(t), name: t.type === 'qident' ? t.value : t.text, quoted: t.type === 'qident' };
  }

  qualifiedName(what = 'a name'): QualifiedName {
    const first = this.ident(what);
    const parts = [first];
    while (this.isOp('.') && this.isIdent(1)) {
      this.index++;
      parts.push(this.ident());
    }
    return { kind: 'QualifiedName', pos: first.pos, parts };
  }

  /** `( ident, ... )`. */
  identList(): Ident[] {
    this.expectOp('(');
    const list = [this.ident()];
    while (this.acceptOp(',')) list.push(this.ident());
    this.expectOp(')');
    return list;
  }
}
