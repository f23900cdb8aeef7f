// Parses queries: WITH, SELECT (hints, DISTINCT, FROM with joins and table functions, WHERE, GROUP BY
// with grouping sets, HAVING, WINDOW), set operations (INTERSECT binds tighter than UNION/EXCEPT),
// VALUES, ORDER BY and LIMIT/OFFSET/FETCH.
import type {
  Cte, Expr, GroupBy, GroupingElement, Ident, OrderItem, Query, QueryBody, Select, SelectItem, TableRef,
  Values, WindowSpec,
} from '../ast/ast.ts';
import { SqlParseError } from '../sql-errors.ts';
import { parseHints } from './parse-hint.ts';
import { LEVEL, parseExpr, parseExprList, parseWindowSpec } from './parse-expression.ts';
import type { TokenCursor } from './token-cursor.ts';

/** The next tokens start a query (used to tell `(query)` from `(expr)`). */
export function startsQuery(c: TokenCursor, k = 0): boolean {
  while (c.isOp('(', k)) k++;
  return c.isWord('SELECT', k) || c.isWord('WITH', k) || c.isWord('VALUES', k);
}

export function parseQuery(c: TokenCursor): Query {
  return c.nested(() => parseQueryNested(c));
}

function parseQueryNested(c: TokenCursor): Query {
  const pos = c.pos();
  const ctes: Cte[] = [];
  if (c.acceptWord('WITH')) {
    do {
      const name = c.ident('a common table expression name');
      const columns = c.isOp('(') ? c.identList() : [];
      c.expectWord('AS');
      c.expectOp('(');
      const query = parseQuery(c);
      c.expectOp(')');
      ctes.push({ name, columns, query, pos: name.pos });
    } while (c.acceptOp(','));
  }
  const body = parseSetOperations(c);
  const orderBy = c.isWord('ORDER') ? parseOrderBy(c) : [];
  let limit: Expr | undefined;
  let offset: Expr | undefined;
  if (c.acceptWord('LIMIT')) limit = parseExpr(c, LEVEL.CONCAT);
  if (c.acceptWord('OFFSET')) {
    offset = parseExpr(c, LEVEL.CONCAT);
    if (!c.acceptWord('ROWS')) c.acceptWord('ROW');
  }
  if (limit === undefined && c.acceptWord('FETCH')) {
    if (!c.acceptWord('FIRST')) c.expectWord('NEXT');
    limit = c.isWord('ROW') || c.isWord('ROWS') ? { kind: 'Literal', pos: c.pos(), type: 'numeric', value: '1' } : parseExpr(c, LEVEL.CONCAT);
    if (!c.acceptWord('ROWS')) c.expectWord('ROW');
    c.expectWord('ONLY');
  }
  const query: Query = { kind: 'Query', pos, with: ctes, body, orderBy };
  return { ...query, ...(limit ? { limit } : {}), ...(offset ? { offset } : {}) };
}

/** `UNION`/`EXCEPT` over `INTERSECT` terms, all left-associative. */
function parseSetOperations(c: TokenCursor): QueryBody {
  let left = parseIntersect(c);
  for (;;) {
    if (!(c.isWord('UNION') || c.isWord('EXCEPT') || c.isWord('MINUS'))) return left;
    const op = c.next().value === 'UNION' ? 'UNION' : 'EXCEPT';
    const all = setQuantifier(c);
    left = { kind: 'SetOperation', pos: left.pos, op, all, left, right: parseIntersect(c) };
  }
}

function parseIntersect(c: TokenCursor): QueryBody {
  let left = parseQueryPrimary(c);
  while (c.acceptWord('INTERSECT')) {
    const all = setQuantifier(c);
    left = { kind: 'SetOperation', pos: left.pos, op: 'INTERSECT', all, left, right: parseQueryPrimary(c) };
  }
  return left;
}

function setQuantifier(c: TokenCursor): boolean {
  if (c.acceptWord('ALL')) return true;
  c.acceptWord('DISTINCT');
  return false;
}

function parseQueryPrimary(c: TokenCursor): QueryBody {
  if (c.isWord('SELECT')) return parseSelect(c);
  if (c.isWord('VALUES')) return parseValues(c);
  if (c.isOp('(') && startsQuery(c, 1)) {
    c.next();
    const inner = parseQuery(c);
    c.expectOp(')');
    // A parenthesised plain body needs no Query wrapper; one with WITH/ORDER BY/LIMIT keeps it.
    const plain = inner.with.length === 0 && inner.orderBy.length === 0 && !inner.limit && !inner.offset;
    return plain ? inner.body : inner;
  }
  throw c.error(`'SELECT', 'VALUES' or '('`);
}

function parseValues(c: TokenCursor): Values {
  const pos = c.pos(c.next());
  const rows: Expr[][] = [];
  do {
    const row = parseExpr(c);
    rows.push(row.kind === 'RowConstructor' ? [...row.values] : [row]);
  } while (c.acceptOp(','));
  return { kind: 'Values', pos, rows };
}

export function parseOrderBy(c: TokenCursor): OrderItem[] {
  c.expectWord('ORDER', 'BY');
  const items: OrderItem[] = [];
  do {
    const expr = parseExpr(c);
    let direction: 'ASC' | 'DESC' = 'ASC';
    if (c.acceptWord('DESC')) direction = 'DESC';
    else c.acceptWord('ASC');
    let nulls: 'FIRST' | 'LAST' | undefined;
    if (c.acceptWords('NULLS', 'FIRST')) nulls = 'FIRST';
    else if (c.acceptWords('NULLS', 'LAST')) nulls = 'LAST';
    items.push({ expr, direction, pos: expr.pos, ...(nulls ? { nulls } : {}) });
  } while (c.acceptOp(','));
  return items;
}

function parseSelect(c: TokenCursor): Select {
  const pos = c.pos(c.next());
  const hints = parseHints(c);
  let distinct = false;
  if (c.acceptWord('DISTINCT')) distinct = true;
  else c.acceptWord('ALL');
  const items: SelectItem[] = [];
  do items.push(parseSelectItem(c)); while (c.acceptOp(','));
  let select: Select = { kind: 'Select', pos, hints, distinct, items, windows: [] };
  if (c.acceptWord('FROM')) select = { ...select, from: parseFrom(c) };
  if (c.acceptWord('WHERE')) select = { ...select, where: parseExpr(c) };
  if (c.isWord('GROUP')) select = { ...select, groupBy: parseGroupBy(c) };
  if (c.acceptWord('HAVING')) select = { ...select, having: parseExpr(c) };
  if (c.acceptWord('WINDOW')) {
    const windows: { name: Ident; spec: WindowSpec }[] = [];
    do {
      const name = c.ident('a window name');
      c.expectWord('AS');
      windows.push({ name, spec: parseWindowSpec(c) });
    } while (c.acceptOp(','));
    select = { ...select, windows };
  }
  return select;
}

function parseSelectItem(c: TokenCursor): SelectItem {
  const pos = c.pos();
  if (c.isOp('*')) {
    c.next();
    return { kind: 'SelectItem', pos, expr: { kind: 'Star', pos } };
  }
  const expr = parseExpr(c);
  const alias = parseAlias(c);
  return alias ? { kind: 'SelectItem', pos, expr, alias } : { kind: 'SelectItem', pos, expr };
}

/** `[AS] alias`: an unreserved word or back-quoted name. */
function parseAlias(c: TokenCursor): Ident | undefined {
  if (c.acceptWord('AS')) return c.ident('an alias');
  return c.isIdent() ? c.ident() : undefined;
}

function parseGroupBy(c: TokenCursor): GroupBy {
  const pos = c.pos();
  c.expectWord('GROUP', 'BY');
  const elements: GroupingElement[] = [];
  do elements.push(parseGroupingElement(c)); while (c.acceptOp(','));
  return { pos, elements };
}

function parseGroupingElement(c: TokenCursor): GroupingElement {
  const pos = c.pos();
  if (c.isWords('GROUPING', 'SETS')) {
    c.next();
    c.next();
    c.expectOp('(');
    const sets: Expr[][] = [];
    do sets.push(parseGroupingSet(c)); while (c.acceptOp(','));
    c.expectOp(')');
    return { type: 'GROUPING SETS', sets, pos };
  }
  if ((c.isWord('ROLLUP') || c.isWord('CUBE')) && c.isOp('(', 1)) {
    const type = c.next().value as 'ROLLUP' | 'CUBE';
    c.next();
    const exprs = parseExprList(c);
    c.expectOp(')');
    return { type, exprs, pos };
  }
  // `GROUP BY ()` is the grand total: the one empty grouping set.
  if (c.isOp('(') && c.isOp(')', 1)) return { type: 'GROUPING SETS', sets: [parseGroupingSet(c)], pos };
  return { type: 'expr', expr: parseExpr(c) };
}

/** One set of GROUPING SETS: `(a, b)`, `()` or `a`. */
function parseGroupingSet(c: TokenCursor): Expr[] {
  if (c.isOp('(') && c.isOp(')', 1)) {
    c.next();
    c.next();
    return [];
  }
  const e = parseExpr(c);
  return e.kind === 'RowConstructor' && !e.explicit ? [...e.values] : [e];
}

// ---- FROM ----

export function parseFrom(c: TokenCursor): TableRef {
  return c.nested(() => parseJoins(c));
}

function parseJoins(c: TokenCursor): TableRef {
  let left = parseTablePrimary(c);
  for (;;) {
    const pos = left.pos;
    if (c.acceptOp(',')) {
      left = { kind: 'JoinRef', pos, type: 'CROSS', left, right: parseTablePrimary(c), natural: false, comma: true };
      continue;
    }
    if (c.acceptWords('CROSS', 'JOIN')) {
      left = { kind: 'JoinRef', pos, type: 'CROSS', left, right: parseTablePrimary(c), natural: false, comma: false };
      continue;
    }
    const natural = c.acceptWord('NATURAL');
    let type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | undefined;
    if (c.acceptWord('JOIN')) type = 'INNER';
    else if (c.acceptWords('INNER', 'JOIN')) type = 'INNER';
    else if (c.isWord('LEFT') || c.isWord('RIGHT') || c.isWord('FULL')) {
      type = c.next().value as 'LEFT';
      c.acceptWord('OUTER');
      c.expectWord('JOIN');
    }
    if (type === undefined) {
      if (natural) throw c.error(`'JOIN'`);
      return left;
    }
    const right = parseTablePrimary(c);
    if (c.acceptWord('ON')) {
      left = { kind: 'JoinRef', pos, type, left, right, on: parseExpr(c), natural, comma: false };
    } else if (c.isWord('USING')) {
      c.next();
      left = { kind: 'JoinRef', pos, type, left, right, using: c.identList(), natural, comma: false };
    } else if (natural) {
      left = { kind: 'JoinRef', pos, type, left, right, natural, comma: false };
    } else {
      throw c.error(`'ON' or 'USING'`);
    }
  }
}

function withAlias<T extends TableRef>(c: TokenCursor, ref: T): T {
  const alias = parseAlias(c);
  if (alias === undefined) return ref;
  const columnAliases = c.isOp('(') ? c.identList() : [];
  return { ...ref, alias, columnAliases };
}

function parseTablePrimary(c: TokenCursor): TableRef {
  const pos = c.pos();
  if (c.isOp('(')) {
    if (startsQuery(c, 1)) {
      c.next();
      const query = parseQuery(c);
      c.expectOp(')');
      return withAlias(c, { kind: 'DerivedTable', pos, query, lateral: false, columnAliases: [] });
    }
    c.next();
    const inner = parseFrom(c);
    c.expectOp(')');
    return inner;
  }
  const lateral = c.acceptWord('LATERAL');
  if (c.isWord('TABLE') && c.isOp('(', 1)) {
    c.next();
    c.next();
    const call = parseExpr(c);
    if (call.kind !== 'FunctionCall') throw new SqlParseError(call.pos, 'expected a table function call in TABLE(...)');
    c.expectOp(')');
    return withAlias(c, { kind: 'TableFunctionRef', pos, call, lateral, columnAliases: [] });
  }
  if (lateral) {
    if (!c.isOp('(')) throw c.error(`'TABLE' or '('`);
    c.next();
    const query = parseQuery(c);
    c.expectOp(')');
    return withAlias(c, { kind: 'DerivedTable', pos, query, lateral: true, columnAliases: [] });
  }
  if (c.acceptWord('UNNEST')) {
    c.expectOp('(');
    const args = parseExprList(c);
    c.expectOp(')');
    const withOrdinality = c.acceptWords('WITH', 'ORDINALITY');
    return withAlias(c, { kind: 'UnnestRef', pos, args, withOrdinality, columnAliases: [] });
  }
  const name = c.qualifiedName('a table name');
  const hints = parseHints(c);
  let systemTimeAsOf: Expr | undefined;
  if (c.acceptWords('FOR', 'SYSTEM_TIME', 'AS', 'OF')) systemTimeAsOf = parseExpr(c, LEVEL.CONCAT);
  hints.push(...parseHints(c));
  return withAlias(c, { kind: 'NamedTable', pos, name, hints, columnAliases: [], ...(systemTimeAsOf ? { systemTimeAsOf } : {}) });
}
