// Statement dispatch on the leading keyword, plus the DML family: queries, INSERT, statement sets
// (`EXECUTE STATEMENT SET BEGIN ... END` and the client's `BEGIN STATEMENT SET; ... END;`), EXPLAIN.
import type { ExplainStatement, InsertStatement, Property, Statement, StatementSet } from '../ast/ast.ts';
import { SqlParseError } from '../sql-errors.ts';
import { parseAlter, parseCreate, parseDrop } from './parse-ddl.ts';
import { parseHints } from './parse-hint.ts';
import { parseQuery, startsQuery } from './parse-query.ts';
import { parseDescribe, parseReset, parseSet, parseShow, parseUse } from './parse-show.ts';
import type { TokenCursor } from './token-cursor.ts';

const EXPLAIN_DETAILS: ReadonlySet<string> = new Set(['ESTIMATED_COST', 'CHANGELOG_MODE', 'JSON_EXECUTION_PLAN', 'PLAN_ADVICE']);

export function parseOneStatement(c: TokenCursor): Statement {
  const t = c.peek();
  if (startsQuery(c)) return { kind: 'QueryStatement', pos: c.pos(t), query: parseQuery(c) };
  if (t.type === 'word') {
    switch (t.value) {
      case 'INSERT': return parseInsert(c);
      case 'CREATE': return parseCreate(c);
      case 'DROP': return parseDrop(c);
      case 'ALTER': return parseAlter(c);
      case 'SHOW': return parseShow(c);
      case 'DESCRIBE': case 'DESC': return parseDescribe(c);
      case 'USE': return parseUse(c);
      case 'SET': return parseSet(c);
      case 'RESET': return parseReset(c);
      case 'EXPLAIN': return parseExplain(c);
      case 'EXECUTE':
        if (c.isWord('INSERT', 1)) {
          c.next();
          return { ...parseInsert(c), pos: c.pos(t) };
        }
        return parseStatementSet(c);
      case 'BEGIN': return parseStatementSet(c);
      case 'HELP':
        c.next();
        return { kind: 'HelpStatement', pos: c.pos(t) };
      case 'QUIT': case 'EXIT':
        c.next();
        return { kind: 'QuitStatement', pos: c.pos(t) };
    }
  }
  throw c.error('a statement (SELECT, INSERT, CREATE, DROP, ALTER, SHOW, DESCRIBE, USE, SET, RESET, EXPLAIN, ...)');
}

function parseInsert(c: TokenCursor): InsertStatement {
  const pos = c.pos(c.expectWord('INSERT'));
  let overwrite = false;
  if (c.acceptWord('OVERWRITE')) overwrite = true;
  else c.expectWord('INTO');
  const table = c.qualifiedName('a table name');
  const hints = parseHints(c);
  const staticPartition: Property[] = [];
  if (c.acceptWord('PARTITION')) {
    c.expectOp('(');
    do {
      const key = c.ident('a partition column');
      c.expectOp('=');
      const v = c.peek();
      if (v.type !== 'string' && v.type !== 'number') throw c.error('a partition value');
      c.next();
      staticPartition.push({ key: key.name, value: v.value, pos: key.pos });
    } while (c.acceptOp(','));
    c.expectOp(')');
  }
  const columns = c.isOp('(') && !startsQuery(c, 1) ? c.identList() : [];
  if (!startsQuery(c)) throw c.error(`a query (SELECT, VALUES or WITH)`);
  return { kind: 'InsertStatement', pos, overwrite, table, hints, staticPartition, columns, query: parseQuery(c) };
}

/** `EXECUTE STATEMENT SET BEGIN insert; ... END`, `BEGIN STATEMENT SET; insert; ... END` and (after EXPLAIN) `STATEMENT SET BEGIN ...`. */
function parseStatementSet(c: TokenCursor): StatementSet {
  const pos = c.pos();
  const inserts: InsertStatement[] = [];
  if (c.acceptWord('BEGIN')) {
    c.expectWord('STATEMENT', 'SET');
    c.expectOp(';');
  } else {
    c.acceptWord('EXECUTE');
    c.expectWord('STATEMENT', 'SET', 'BEGIN');
  }
  while (!c.isWord('END')) {
    if (!c.isWord('INSERT')) throw c.error(`'INSERT' or 'END'`);
    inserts.push(parseInsert(c));
    c.expectOp(';');
  }
  c.next();
  return { kind: 'StatementSet', pos, inserts };
}

function parseExplain(c: TokenCursor): ExplainStatement {
  const pos = c.pos(c.expectWord('EXPLAIN'));
  c.acceptWords('PLAN', 'FOR');
  const details: string[] = [];
  while (c.peek().type === 'word' && EXPLAIN_DETAILS.has(c.peek().value)) {
    details.push(c.next().value);
    if (!c.acceptOp(',')) break;
  }
  const t = c.peek();
  let statement: ExplainStatement['statement'];
  if (startsQuery(c)) statement = { kind: 'QueryStatement', pos: c.pos(t), query: parseQuery(c) };
  else if (c.isWord('INSERT')) statement = parseInsert(c);
  else if (c.isWord('EXECUTE') || c.isWords('STATEMENT', 'SET') || c.isWords('BEGIN', 'STATEMENT')) statement = parseStatementSet(c);
  else throw c.error(`a query, INSERT or STATEMENT SET to explain${details.length === 0 ? ` (or a detail: ${[...EXPLAIN_DETAILS].join(', ')})` : ''}`);
  return { kind: 'ExplainStatement', pos, details, statement };
}

/** Statements separated by `;` (empty ones are skipped); an error names the first unparsable token. */
export function parseStatementList(c: TokenCursor): Statement[] {
  const statements: Statement[] = [];
  for (;;) {
    while (c.acceptOp(';'));
    if (c.atEnd()) return statements;
    statements.push(parseOneStatement(c));
    if (!c.atEnd() && !c.isOp(';')) throw c.error(`';' or end of input`);
  }
}

/** Exactly one statement with an optional trailing `;`. */
export function parseSingleStatement(c: TokenCursor): Statement {
  while (c.isOp(';')) c.next();
  if (c.atEnd()) throw new SqlParseError(c.pos(), 'empty statement: expected a statement (SELECT, INSERT, CREATE, ...)');
  const statement = parseOneStatement(c);
  while (c.acceptOp(';'));
  if (!c.atEnd()) throw c.error('end of statement');
  return statement;
}
