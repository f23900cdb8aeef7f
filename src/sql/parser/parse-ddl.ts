// Parses catalog statements: CREATE TABLE (columns, computed and metadata columns, watermark, primary
// key, PARTITIONED BY, WITH), CREATE TABLE AS, CREATE VIEW/FUNCTION/CATALOG/DATABASE, DROP, ALTER TABLE.
import type {
  AlterTable, ColumnDef, CreateTable, Ident, Pos, Property, Statement, WatermarkDef,
} from '../ast/ast.ts';
import { SqlParseError } from '../sql-errors.ts';
import { parseType } from './parse-data-type.ts';
import { parseExpr } from './parse-expression.ts';
import { parseQuery } from './parse-query.ts';
import type { TokenCursor } from './token-cursor.ts';

/** `( 'k' = 'v', ... )`: keys and values are string literals (Flink's table options). */
export function parseProperties(c: TokenCursor): Property[] {
  c.expectOp('(');
  const props: Property[] = [];
  if (!c.isOp(')')) {
    do {
      const key = c.expectString(`an option key as a string literal such as 'connector'`);
      c.expectOp('=');
      const value = c.expectString('an option value as a string literal');
      props.push({ key: key.value, value: value.value, pos: c.pos(key) });
    } while (c.acceptOp(','));
  }
  c.expectOp(')');
  return props;
}

/** `( 'k', ... )` of ALTER TABLE RESET. */
function parseKeys(c: TokenCursor): string[] {
  c.expectOp('(');
  const keys: string[] = [];
  do keys.push(c.expectString('an option key as a string literal').value); while (c.acceptOp(','));
  c.expectOp(')');
  return keys;
}

function optionalComment(c: TokenCursor): string | undefined {
  return c.acceptWord('COMMENT') ? c.expectString('a comment string').value : undefined;
}

export function parseCreate(c: TokenCursor): Statement {
  const pos = c.pos(c.expectWord('CREATE'));
  const temporary = c.acceptWord('TEMPORARY');
  const system = temporary && c.acceptWord('SYSTEM');
  if (c.isWord('FUNCTION')) return parseCreateFunction(c, pos, temporary, system);
  if (system) throw c.error(`'FUNCTION'`);
  if (c.acceptWord('TABLE')) return parseCreateTable(c, pos, temporary);
  if (c.acceptWord('VIEW')) {
    const ifNotExists = c.acceptWords('IF', 'NOT', 'EXISTS');
    const name = c.qualifiedName('a view name');
    const columns = c.isOp('(') ? c.identList() : [];
    const comment = optionalComment(c);
    c.expectWord('AS');
    const start = c.peek().start;
    const query = parseQuery(c);
    const queryText = c.sql.slice(start, c.prevEnd());
    return { kind: 'CreateView', pos, temporary, ifNotExists, name, columns, query, queryText, ...(comment !== undefined ? { comment } : {}) };
  }
  if (temporary) throw c.error(`'TABLE', 'VIEW' or 'FUNCTION'`);
  if (c.acceptWord('CATALOG')) {
    const name = c.ident('a catalog name');
    c.expectWord('WITH');
    return { kind: 'CreateCatalog', pos, name, options: parseProperties(c) };
  }
  if (c.acceptWord('DATABASE')) {
    const ifNotExists = c.acceptWords('IF', 'NOT', 'EXISTS');
    const name = c.qualifiedName('a database name');
    const comment = optionalComment(c);
    if (c.isWord('WITH')) throw new SqlParseError(c.pos(), 'database options (WITH ...) are not supported');
    return { kind: 'CreateDatabase', pos, ifNotExists, name, ...(comment !== undefined ? { comment } : {}) };
  }
  throw c.error(`'TABLE', 'VIEW', 'FUNCTION', 'CATALOG' or 'DATABASE'`);
}

function parseCreateFunction(c: TokenCursor, pos: Pos, temporary: boolean, system: boolean): Statement {
  c.expectWord('FUNCTION');
  const ifNotExists = c.acceptWords('IF', 'NOT', 'EXISTS');
  const name = c.qualifiedName('a function name');
  c.expectWord('AS');
  const className = c.expectString(`the function's module and export as a string, e.g. './udfs.ts#myFunction'`).value;
  let language: string | undefined;
  if (c.acceptWord('LANGUAGE')) {
    const t = c.peek();
    if (t.type !== 'word') throw c.error('a language name');
    language = c.next().value;
  }
  if (c.isWord('USING')) throw new SqlParseError(c.pos(), 'CREATE FUNCTION ... USING JAR is not supported');
  return { kind: 'CreateFunction', pos, temporary, system, ifNotExists, name, className, ...(language ? { language } : {}) };
}

function parseCreateTable(c: TokenCursor, pos: Pos, temporary: boolean): Statement {
  const ifNotExists = c.acceptWords('IF', 'NOT', 'EXISTS');
  const name = c.qualifiedName('a table name');
  if (!c.isOp('(')) {
    const options = c.acceptWord('WITH') ? parseProperties(c) : [];
    if (c.acceptWord('AS')) return { kind: 'CreateTableAs', pos, temporary, ifNotExists, name, options, query: parseQuery(c) };
    if (c.isWord('LIKE')) throw new SqlParseError(c.pos(), 'CREATE TABLE ... LIKE is not supported');
    if (options.length === 0) throw c.error(`'(', 'WITH' or 'AS'`);
    return { kind: 'CreateTable', pos, temporary, ifNotExists, name, columns: [], partitionedBy: [], options };
  }
  c.next();
  const columns: ColumnDef[] = [];
  let watermark: WatermarkDef | undefined;
  let primaryKey: CreateTable['primaryKey'];
  const setPrimaryKey = (key: NonNullable<CreateTable['primaryKey']>): void => {
    if (primaryKey !== undefined) throw new SqlParseError(key.pos, 'a table can have only one primary key');
    primaryKey = key;
  };
  do {
    const at = c.pos();
    if (c.isWords('WATERMARK', 'FOR')) {
      c.next();
      c.next();
      if (watermark !== undefined) throw new SqlParseError(at, 'a table can have only one watermark');
      const column = c.ident('a column name');
      c.expectWord('AS');
      watermark = { pos: at, column, expr: parseExpr(c) };
    } else if (c.isWords('PRIMARY', 'KEY') || c.isWord('CONSTRAINT')) {
      const constraintName = c.acceptWord('CONSTRAINT') ? c.ident('a constraint name') : undefined;
      c.expectWord('PRIMARY', 'KEY');
      const keyColumns = c.identList();
      expectNotEnforced(c);
      setPrimaryKey({ columns: keyColumns, pos: at, ...(constraintName ? { constraintName } : {}) });
    } else {
      const column = parseColumn(c);
      columns.push(column.def);
      if (column.primaryKey) setPrimaryKey(column.primaryKey);
    }
  } while (c.acceptOp(','));
  c.expectOp(')');
  const comment = optionalComment(c);
  let partitionedBy: Ident[] = [];
  if (c.acceptWords('PARTITIONED', 'BY')) partitionedBy = c.identList();
  if (c.isWord('LIKE')) throw new SqlParseError(c.pos(), 'CREATE TABLE ... LIKE is not supported');
  const options = c.acceptWord('WITH') ? parseProperties(c) : [];
  if (c.isWord('AS')) throw new SqlParseError(c.pos(), 'CREATE TABLE AS with a column list is not supported; declare the columns in the query');
  return {
    kind: 'CreateTable', pos, temporary, ifNotExists, name, columns, partitionedBy, options,
    ...(watermark ? { watermark } : {}), ...(primaryKey ? { primaryKey } : {}), ...(comment !== undefined ? { comment } : {}),
  };
}

/** A physical, computed (`name AS expr`) or metadata (`name TYPE METADATA [FROM 'k'] [VIRTUAL]`) column. */
function parseColumn(c: TokenCursor): { def: ColumnDef; primaryKey?: NonNullable<CreateTable['primaryKey']> } {
  const name = c.ident('a column name, WATERMARK, PRIMARY KEY or CONSTRAINT');
  const pos = name.pos;
  if (c.acceptWord('AS')) {
    const expr = parseExpr(c);
    const comment = optionalComment(c);
    return { def: { kind: 'ComputedColumn', pos, name, expr, ...(comment !== undefined ? { comment } : {}) } };
  }
  const type = parseType(c);
  if (c.acceptWord('METADATA')) {
    const key = c.acceptWord('FROM') ? c.expectString('a metadata key string').value : undefined;
    const virtual = c.acceptWord('VIRTUAL');
    const comment = optionalComment(c);
    return {
      def: { kind: 'MetadataColumn', pos, name, type, virtual, ...(key !== undefined ? { key } : {}), ...(comment !== undefined ? { comment } : {}) },
    };
  }
  let primaryKey: NonNullable<CreateTable['primaryKey']> | undefined;
  if (c.isWord('CONSTRAINT') || c.isWords('PRIMARY', 'KEY')) {
    const at = c.pos();
    const constraintName = c.acceptWord('CONSTRAINT') ? c.ident('a constraint name') : undefined;
    c.expectWord('PRIMARY', 'KEY');
    expectNotEnforced(c);
    primaryKey = { columns: [name], pos: at, ...(constraintName ? { constraintName } : {}) };
  }
  const comment = optionalComment(c);
  const def: ColumnDef = { kind: 'PhysicalColumn', pos, name, type, ...(comment !== undefined ? { comment } : {}) };
  return primaryKey ? { def, primaryKey } : { def };
}

/** Flink's primary keys are never enforced (it does not own the data), so `NOT ENFORCED` is required. */
function expectNotEnforced(c: TokenCursor): void {
  if (c.acceptWords('NOT', 'ENFORCED')) return;
  const t = c.peek();
  const found = t.type === 'eof' ? 'end of input' : `'${t.text}'`;
  throw new SqlParseError(c.pos(t), `expected 'NOT ENFORCED' but found ${found}: primary keys are not enforced (Flink does not own the data), so only NOT ENFORCED is supported`);
}

export function parseDrop(c: TokenCursor): Statement {
  const pos = c.pos(c.expectWord('DROP'));
  const temporary = c.acceptWord('TEMPORARY');
  const system = temporary && c.acceptWord('SYSTEM');
  const what = c.peek();
  const kinds = temporary ? ['TABLE', 'VIEW', 'FUNCTION'] : ['TABLE', 'VIEW', 'FUNCTION', 'CATALOG', 'DATABASE'];
  if (what.type !== 'word' || !kinds.includes(what.value) || (system && what.value !== 'FUNCTION')) {
    throw c.error(system ? `'FUNCTION'` : kinds.map((k) => `'${k}'`).join(', '));
  }
  c.next();
  const ifExists = c.acceptWords('IF', 'EXISTS');
  const name = c.qualifiedName(`a ${what.value.toLowerCase()} name`);
  switch (what.value) {
    case 'TABLE': return { kind: 'DropTable', pos, ifExists, name, temporary };
    case 'VIEW': return { kind: 'DropView', pos, ifExists, name, temporary };
    case 'FUNCTION': return { kind: 'DropFunction', pos, ifExists, name, temporary, system };
    case 'CATALOG': return { kind: 'DropCatalog', pos, ifExists, name };
    default: {
      const cascade = c.acceptWord('CASCADE');
      if (!cascade) c.acceptWord('RESTRICT');
      return { kind: 'DropDatabase', pos, ifExists, name, cascade };
    }
  }
}

export function parseAlter(c: TokenCursor): AlterTable {
  const pos = c.pos(c.expectWord('ALTER'));
  c.expectWord('TABLE');
  const ifExists = c.acceptWords('IF', 'EXISTS');
  const name = c.qualifiedName('a table name');
  if (c.acceptWord('SET')) return { kind: 'AlterTable', pos, ifExists, name, action: { type: 'SET', options: parseProperties(c) } };
  if (c.acceptWord('RESET')) return { kind: 'AlterTable', pos, ifExists, name, action: { type: 'RESET', keys: parseKeys(c) } };
  if (c.acceptWords('RENAME', 'TO')) return { kind: 'AlterTable', pos, ifExists, name, action: { type: 'RENAME', newName: c.qualifiedName('a table name') } };
  throw c.error(`'SET', 'RESET' or 'RENAME TO'`);
}
