// Splits Flink SQL text into tokens with 1-based line/column positions; comments are skipped,
// optimizer hints `/*+ ... *\/` are kept as one token so the parser can place them.
import { SqlParseError } from '../sql-errors.ts';

export type TokenType =
  /** Unquoted identifier or keyword: `value` is the upper-cased text. */
  | 'word'
  /** Back-quoted identifier: `value` is the name with `` `` `` unescaped. */
  | 'qident'
  /** '...': `value` is the content with '' unescaped. */
  | 'string'
  /** X'0A': `value` is the hex digits. */
  | 'binary'
  | 'number'
  | 'op'
  /** `/*+ ... *\/`: `value` is the text between `/*+` and `*\/`. */
  | 'hint'
  | 'param'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  /** The token as written in the source. */
  readonly text: string;
  readonly value: string;
  readonly line: number;
  readonly column: number;
  /** Offsets of the token in the source text: [start, end). */
  readonly start: number;
  readonly end: number;
}

/** Where the text starts in a larger document, so positions are reported relative to it. */
export interface Origin {
  readonly line: number;
  readonly column: number;
}

const OPERATORS = ['<>', '<=', '>=', '!=', '||', '=>', '(', ')', ',', ';', '.', '[', ']', '+', '-', '*', '/', '%', '=', '<', '>', ':', '{', '}'];

/** Whitespace, including the no-break spaces and byte-order mark that SQL copied from web pages carries. */
export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\u00a0' || ch === '\ufeff'
    || ch === '\u2028' || ch === '\u2029' || ch === '\u202f';
}

function isIdentStart(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_' || (ch > '\u007f' && !isSpace(ch));
}

function isIdentPart(ch: string): boolean {
  return isIdentStart(ch) || (ch >= '0' && ch <= '9') || ch === '$';
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

/**
 * Tokenizes `sql`; the last token is always `eof`, placed right after the last real token (so
 * "unexpected end of input" points where the statement stopped, not at trailing blank lines).
 */
export function tokenize(sql: string, origin: Origin = { line: 1, column: 1 }): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = origin.line;
  let column = origin.column;
  let endLine = line;
  let endColumn = column;

  /** Advances over sql[i..to), keeping line/column current. */
  const advanceTo = (to: number): void => {
    for (; i < to; i++) {
      if (sql.charCodeAt(i) === 10) {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
  };
  const push = (type: TokenType, to: number, value: string, startLine: number, startColumn: number, start: number): void => {
    advanceTo(to);
    tokens.push({ type, text: sql.slice(start, to), value, line: startLine, column: startColumn, start, end: to });
    endLine = line;
    endColumn = column;
  };
  /** Index just after the quote closing a quoted run that starts at `from` (the opening quote); doubled quotes escape. */
  const closeQuote = (from: number, quote: string, what: string): number => {
    let j = from + 1;
    for (;;) {
      const k = sql.indexOf(quote, j);
      if (k < 0) throw new SqlParseError({ line, column }, `unterminated ${what}`);
      if (sql[k + 1] === quote) {
        j = k + 2;
        continue;
      }
      return k + 1;
    }
  };

  while (i < sql.length) {
    const ch = sql[i]!;
    const startLine = line;
    const startColumn = column;
    const start = i;
    if (isSpace(ch)) {
      advanceTo(i + 1);
      continue;
    }
    if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      advanceTo(nl < 0 ? sql.length : nl);
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) throw new SqlParseError({ line, column }, sql[i + 2] === '+' ? 'unterminated hint' : 'unterminated comment');
      if (sql[i + 2] === '+') {
        push('hint', close + 2, sql.slice(i + 3, close), startLine, startColumn, start);
      } else {
        advanceTo(close + 2);
      }
      continue;
    }
    if (ch === "'") {
      const end = closeQuote(i, "'", 'string literal');
      push('string', end, sql.slice(i + 1, end - 1).replaceAll("''", "'"), startLine, startColumn, start);
      continue;
    }
    if (ch === '`') {
      const end = closeQuote(i, '`', 'quoted identifier');
      const name = sql.slice(i + 1, end - 1).replaceAll('``', '`');
      if (name === '') throw new SqlParseError({ line, column }, 'empty quoted identifier');
      push('qident', end, name, startLine, startColumn, start);
      continue;
    }
    if ((ch === 'x' || ch === 'X') && sql[i + 1] === "'") {
      const end = closeQuote(i + 1, "'", 'binary literal');
      const hex = sql.slice(i + 2, end - 1);
      if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) {
        throw new SqlParseError({ line, column }, `invalid binary literal ${sql.slice(i, end)}: expected an even number of hex digits`);
      }
      push('binary', end, hex.toUpperCase(), startLine, startColumn, start);
      continue;
    }
    if (isIdentStart(ch)) {
      let j = i + 1;
      while (j < sql.length && isIdentPart(sql[j]!)) j++;
      push('word', j, sql.slice(i, j).toUpperCase(), startLine, startColumn, start);
      continue;
    }
    if (isDigit(ch) || (ch === '.' && isDigit(sql[i + 1] ?? ''))) {
      let j = i;
      while (isDigit(sql[j] ?? '')) j++;
      if (sql[j] === '.') {
        j++;
        while (isDigit(sql[j] ?? '')) j++;
      }
      if ((sql[j] === 'e' || sql[j] === 'E')
        && (isDigit(sql[j + 1] ?? '') || ((sql[j + 1] === '+' || sql[j + 1] === '-') && isDigit(sql[j + 2] ?? '')))) {
        j += 2;
        while (isDigit(sql[j] ?? '')) j++;
      }
      push('number', j, sql.slice(i, j), startLine, startColumn, start);
      continue;
    }
    if (ch === '?') {
      push('param', i + 1, '?', startLine, startColumn, start);
      continue;
    }
    const op = OPERATORS.find((o) => sql.startsWith(o, i));
    if (op !== undefined) {
      push('op', i + op.length, op, startLine, startColumn, start);
      continue;
    }
    throw new SqlParseError({ line, column }, `unexpected character '${ch}'`);
  }
  tokens.push({ type: 'eof', text: '', value: '', line: endLine, column: endColumn, start: sql.length, end: sql.length });
  return tokens;
}
