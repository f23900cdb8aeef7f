// Public entry points of the Flink SQL parser: statements, queries, expressions and types from text,
// a script splitter for the SQL client, and the printer that turns an AST back into SQL.
import type { Expr, Query, Statement, TypeSpec } from '../ast/ast.ts';
import { parseType } from './parse-data-type.ts';
import { parseExpr } from './parse-expression.ts';
import { parseQuery as parseQueryAt } from './parse-query.ts';
import { parseSingleStatement, parseStatementList } from './parse-statement.ts';
import { TokenCursor } from './token-cursor.ts';
import { tokenize } from './tokenizer.ts';

export { formatExpr, formatQuery, formatStatement, formatType } from './printer.ts';
export { splitStatements, type StatementPiece } from './split-statements.ts';

/**
 * Where the text starts in a larger script, so that positions (in the AST and in errors) are
 * script-relative: pass a piece's `line - 1` and `column - 1` from splitStatements.
 */
export interface ParseOptions {
  readonly lineOffset?: number;
  /** Added to columns on the text's first line only. */
  readonly columnOffset?: number;
}

function cursor(sql: string, options: ParseOptions = {}): TokenCursor {
  return new TokenCursor(sql, tokenize(sql, { line: 1 + (options.lineOffset ?? 0), column: 1 + (options.columnOffset ?? 0) }));
}

/** Several statements separated by `;` (a trailing `;` is optional). */
export function parseStatements(sql: string, options?: ParseOptions): Statement[] {
  return parseStatementList(cursor(sql, options));
}

/** Exactly one statement, with an optional trailing `;`. */
export function parseStatement(sql: string, options?: ParseOptions): Statement {
  return parseSingleStatement(cursor(sql, options));
}

/** A query (SELECT, VALUES, WITH, set operations) and nothing else. */
export function parseQuery(sql: string, options?: ParseOptions): Query {
  return whole(cursor(sql, options), parseQueryAt);
}

export function parseExpression(sql: string, options?: ParseOptions): Expr {
  return whole(cursor(sql, options), (c) => parseExpr(c));
}

export function parseDataType(sql: string, options?: ParseOptions): TypeSpec {
  return whole(cursor(sql, options), parseType);
}

function whole<T>(c: TokenCursor, parse: (c: TokenCursor) => T): T {
  const result = parse(c);
  if (!c.atEnd()) throw c.error('end of input');
  return result;
}
