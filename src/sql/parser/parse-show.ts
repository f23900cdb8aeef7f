// Parses session and catalog-inspection statements: SHOW ..., SHOW CREATE, DESCRIBE, USE, SET, RESET.
import type { ResetStatement, SetStatement, ShowStatement, Statement } from '../ast/ast.ts';
import { SqlParseError } from '../sql-errors.ts';
import type { TokenCursor } from './token-cursor.ts';

const SHOW_WHAT: readonly (readonly [string[], ShowStatement['what']])[] = [
  [['TABLES'], 'TABLES'], [['VIEWS'], 'VIEWS'], [['FUNCTIONS'], 'FUNCTIONS'], [['USER', 'FUNCTIONS'], 'USER FUNCTIONS'],
  [['CATALOGS'], 'CATALOGS'], [['DATABASES'], 'DATABASES'], [['CURRENT', 'CATALOG'], 'CURRENT CATALOG'],
  [['CURRENT', 'DATABASE'], 'CURRENT DATABASE'], [['JOBS'], 'JOBS'], [['MODULES'], 'MODULES'], [['COLUMNS'], 'COLUMNS'],
];

/** What may follow `SHOW ... FROM|IN`: a database for TABLES/VIEWS/FUNCTIONS, a catalog for DATABASES, a table for COLUMNS. */
const SHOW_FROM: ReadonlySet<string> = new Set(['TABLES', 'VIEWS', 'FUNCTIONS', 'USER FUNCTIONS', 'DATABASES', 'COLUMNS']);
const SHOW_LIKE: ReadonlySet<string> = new Set([...SHOW_FROM, 'CATALOGS']);

export function parseShow(c: TokenCursor): Statement {
  const pos = c.pos(c.expectWord('SHOW'));
  if (c.acceptWord('CREATE')) {
    const what = c.acceptWord('TABLE') ? 'TABLE' : c.acceptWord('VIEW') ? 'VIEW' : undefined;
    if (what === undefined) throw c.error(`'TABLE' or 'VIEW'`);
    return { kind: 'ShowCreate', pos, what, name: c.qualifiedName(`a ${what.toLowerCase()} name`) };
  }
  const entry = SHOW_WHAT.find(([words]) => c.isWords(...words));
  if (entry === undefined) throw c.error(`'TABLES', 'VIEWS', 'FUNCTIONS', 'USER FUNCTIONS', 'CATALOGS', 'DATABASES', 'CURRENT CATALOG', 'CURRENT DATABASE', 'JOBS', 'MODULES', 'COLUMNS' or 'CREATE'`);
  const [words, what] = entry;
  c.acceptWords(...words);
  let show: ShowStatement = { kind: 'ShowStatement', pos, what };
  if (SHOW_FROM.has(what) && (c.acceptWord('FROM') || c.acceptWord('IN'))) show = { ...show, from: c.qualifiedName() };
  else if (what === 'COLUMNS') throw c.error(`'FROM' or 'IN'`);
  if (SHOW_LIKE.has(what)) {
    const negated = c.isWord('NOT') && (c.isWord('LIKE', 1) || c.isWord('ILIKE', 1));
    if (negated) c.next();
    const ilike = c.isWord('ILIKE');
    if (ilike || c.isWord('LIKE')) {
      c.next();
      show = { ...show, like: { pattern: c.expectString('a pattern string').value, negated, ilike } };
    } else if (negated) {
      throw c.error(`'LIKE' or 'ILIKE'`);
    }
  }
  return show;
}

export function parseDescribe(c: TokenCursor): Statement {
  const pos = c.pos(c.next());
  const extended = c.acceptWord('EXTENDED');
  return { kind: 'DescribeStatement', pos, extended, name: c.qualifiedName('a table name') };
}

export function parseUse(c: TokenCursor): Statement {
  const pos = c.pos(c.expectWord('USE'));
  if (c.isWord('CATALOG') && c.isIdent(1)) {
    c.next();
    const name = c.ident('a catalog name');
    return { kind: 'UseStatement', pos, catalog: true, name: { kind: 'QualifiedName', pos: name.pos, parts: [name] } };
  }
  if (c.isWord('MODULES')) throw new SqlParseError(c.pos(), 'USE MODULES is not supported');
  return { kind: 'UseStatement', pos, catalog: false, name: c.qualifiedName('a database name') };
}

/**
 * `SET 'k' = 'v'`, and the SQL client's unquoted form `SET table.dml-sync = true`: an unquoted key or
 * value is taken as written in the source, up to `=` or the end of the statement.
 */
export function parseSet(c: TokenCursor): SetStatement {
  const pos = c.pos(c.expectWord('SET'));
  if (c.atEnd() || c.isOp(';')) return { kind: 'SetStatement', pos };
  const key = rawText(c, '=', 'a configuration key');
  c.expectOp('=');
  const value = rawText(c, ';', 'a configuration value');
  return { kind: 'SetStatement', pos, key, value };
}

export function parseReset(c: TokenCursor): ResetStatement {
  const pos = c.pos(c.expectWord('RESET'));
  if (c.atEnd() || c.isOp(';')) return { kind: 'ResetStatement', pos };
  return { kind: 'ResetStatement', pos, key: rawText(c, ';', 'a configuration key') };
}

/** A string literal's value, or the source text of the tokens up to `stop` (exclusive). */
function rawText(c: TokenCursor, stop: string, what: string): string {
  const first = c.peek();
  if (first.type === 'string' && (c.isOp(stop, 1) || c.peek(1).type === 'eof')) {
    c.next();
    return first.value;
  }
  if (first.type === 'eof' || c.isOp(stop)) throw c.error(what);
  while (!c.atEnd() && !c.isOp(stop) && !(stop === '=' && c.isOp(';'))) c.next();
  return c.sql.slice(first.start, c.prevEnd());
}
