// Parses expressions by precedence climbing: OR < AND < NOT < comparison/IS/LIKE/BETWEEN/IN < || <
// + - < * / % < unary sign < postfix ([], .field) < primaries (literals, names, calls, CASE, ...).
import type {
  BinaryExpr, Expr, FrameBound, FunctionCall, Ident, InSubqueryExpr, OrderItem, QualifiedName, Query, WindowFrame, WindowSpec,
} from '../ast/ast.ts';
import { SqlParseError } from '../sql-errors.ts';
import { parseIntervalQualifier, parseType } from './parse-data-type.ts';
import { parseOnNull, parseSpecialCall } from './parse-special-call.ts';
import { parseOrderBy, parseQuery, startsQuery } from './parse-query.ts';
import type { TokenCursor } from './token-cursor.ts';

/** Binding levels; `parseExpr(c, level)` parses an expression whose top operator binds at least that tightly. */
export const LEVEL = { OR: 1, AND: 2, NOT: 3, COMPARE: 4, CONCAT: 5, ADD: 6, MUL: 7, UNARY: 8, POSTFIX: 9, PRIMARY: 10 } as const;

/** Operator tokens: the AST operator (`!=` is `<>`) and its level. */
const BINARY_OPS: ReadonlyMap<string, readonly [BinaryExpr['op'], number]> = new Map<string, readonly [BinaryExpr['op'], number]>([
  ['=', ['=', LEVEL.COMPARE]], ['<>', ['<>', LEVEL.COMPARE]], ['!=', ['<>', LEVEL.COMPARE]], ['<', ['<', LEVEL.COMPARE]],
  ['<=', ['<=', LEVEL.COMPARE]], ['>', ['>', LEVEL.COMPARE]], ['>=', ['>=', LEVEL.COMPARE]], ['||', ['||', LEVEL.CONCAT]],
  ['+', ['+', LEVEL.ADD]], ['-', ['-', LEVEL.ADD]], ['*', ['*', LEVEL.MUL]], ['/', ['/', LEVEL.MUL]], ['%', ['%', LEVEL.MUL]],
]);

/** Functions written without parentheses. */
const NO_PAREN_FUNCTIONS: ReadonlySet<string> = new Set([
  'CURRENT_TIMESTAMP', 'LOCALTIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME', 'CURRENT_ROW_TIMESTAMP',
  'CURRENT_CATALOG', 'CURRENT_DATABASE', 'CURRENT_USER', 'SESSION_USER',
]);

/** Reserved words that are still function names when followed by `(`. */
const RESERVED_FUNCTIONS: ReadonlySet<string> = new Set(['LEFT', 'RIGHT']);

export function parseExpr(c: TokenCursor, min: number = LEVEL.OR): Expr {
  return c.nested(() => {
    let left = parsePrefix(c);
    for (;;) {
      const next = parseInfix(c, left, min);
      if (next === undefined) return left;
      left = next;
    }
  });
}

/** A comma-separated list of expressions (no surrounding parentheses). */
export function parseExprList(c: TokenCursor): Expr[] {
  const list = [parseExpr(c)];
  while (c.acceptOp(',')) list.push(parseExpr(c));
  return list;
}

function parsePrefix(c: TokenCursor): Expr {
  const t = c.peek();
  if (t.type === 'word' && t.value === 'NOT') {
    const exists = c.isWord('EXISTS', 1);
    c.next();
    const operand = parseExpr(c, LEVEL.NOT);
    // NOT EXISTS (q) is one node so that it prints back the same way.
    if (exists && operand.kind === 'ExistsExpr' && !operand.negated) return { ...operand, pos: c.pos(t), negated: true };
    return { kind: 'UnaryExpr', pos: c.pos(t), op: 'NOT', operand };
  }
  if (t.type === 'op' && (t.value === '-' || t.value === '+')) {
    c.next();
    return { kind: 'UnaryExpr', pos: c.pos(t), op: t.value, operand: parseExpr(c, LEVEL.UNARY) };
  }
  return parsePostfix(c, parsePrimary(c));
}

function parseInfix(c: TokenCursor, left: Expr, min: number): Expr | undefined {
  const t = c.peek();
  const pos = left.pos;
  if (t.type === 'op') {
    const entry = BINARY_OPS.get(t.value);
    if (entry === undefined || entry[1] < min) return undefined;
    c.next();
    const quantified = entry[1] === LEVEL.COMPARE ? parseQuantified(c, left, entry[0]) : undefined;
    if (quantified) return quantified;
    return { kind: 'BinaryExpr', pos, op: entry[0], left, right: parseExpr(c, entry[1] + 1) };
  }
  if (t.type !== 'word') return undefined;
  switch (t.value) {
    case 'OR': case 'AND': {
      const level = t.value === 'OR' ? LEVEL.OR : LEVEL.AND;
      if (level < min) return undefined;
      c.next();
      return { kind: 'BinaryExpr', pos, op: t.value, left, right: parseExpr(c, level + 1) };
    }
    case 'IS': {
      if (LEVEL.COMPARE < min) return undefined;
      c.next();
      const negated = c.acceptWord('NOT');
      if (c.acceptWords('DISTINCT', 'FROM')) {
        const right = parseExpr(c, LEVEL.CONCAT);
        return { kind: 'BinaryExpr', pos, op: negated ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM', left, right };
      }
      for (const test of ['NULL', 'TRUE', 'FALSE', 'UNKNOWN'] as const) {
        if (c.acceptWord(test)) return { kind: 'IsExpr', pos, operand: left, test, negated };
      }
      if (c.acceptWord('JSON')) {
        for (const shape of ['VALUE', 'OBJECT', 'ARRAY', 'SCALAR'] as const) {
          if (c.acceptWord(shape)) return { kind: 'IsExpr', pos, operand: left, test: `JSON ${shape}`, negated };
        }
        return { kind: 'IsExpr', pos, operand: left, test: 'JSON', negated };
      }
      throw c.error(`'NULL', 'TRUE', 'FALSE', 'UNKNOWN', 'JSON' or 'DISTINCT FROM'`);
    }
    case 'NOT': case 'LIKE': case 'SIMILAR': case 'BETWEEN': case 'IN': {
      if (LEVEL.COMPARE < min) return undefined;
      const negated = t.value === 'NOT';
      const k = negated ? 1 : 0;
      if (!(c.isWord('LIKE', k) || c.isWord('SIMILAR', k) || c.isWord('BETWEEN', k) || c.isWord('IN', k))) return undefined;
      if (negated) c.next();
      return parsePredicate(c, left, negated);
    }
    default:
      return undefined;
  }
}

/** After a comparison operator: `ANY | SOME | ALL (query)`, or undefined (nothing consumed) when no quantifier follows. */
function parseQuantified(c: TokenCursor, operand: Expr, op: BinaryExpr['op']): Expr | undefined {
  const kind = (['ANY', 'SOME', 'ALL'] as const).find((k) => c.isWord(k) && c.isOp('(', 1));
  if (kind === undefined) return undefined;
  c.next();
  c.next();
  const query = parseSubqueryInParens(c);
  if (!query) throw c.error(`a subquery after ${op} ${kind} (`);
  return { kind: 'InSubqueryExpr', pos: operand.pos, operand, query, negated: false, quantifier: { op: op as NonNullable<InSubqueryExpr['quantifier']>['op'], kind } };
}

function parsePredicate(c: TokenCursor, operand: Expr, negated: boolean): Expr {
  const pos = operand.pos;
  const word = c.next().value;
  if (word === 'LIKE' || word === 'SIMILAR') {
    const similar = word === 'SIMILAR';
    if (similar) c.expectWord('TO');
    const pattern = parseExpr(c, LEVEL.CONCAT);
    const escape = c.acceptWord('ESCAPE') ? parseExpr(c, LEVEL.CONCAT) : undefined;
    return escape === undefined
      ? { kind: 'LikeExpr', pos, operand, pattern, negated, similar }
      : { kind: 'LikeExpr', pos, operand, pattern, escape, negated, similar };
  }
  if (word === 'BETWEEN') {
    let symmetric = false;
    if (c.acceptWord('SYMMETRIC')) symmetric = true;
    else c.acceptWord('ASYMMETRIC');
    const low = parseExpr(c, LEVEL.CONCAT);
    c.expectWord('AND');
    const high = parseExpr(c, LEVEL.CONCAT);
    return { kind: 'BetweenExpr', pos, operand, low, high, negated, symmetric };
  }
  // IN
  c.expectOp('(');
  const query = parseSubqueryInParens(c);
  if (query) return { kind: 'InSubqueryExpr', pos, operand, query, negated };
  const list = parseExprList(c);
  c.expectOp(')');
  return { kind: 'InListExpr', pos, operand, list, negated };
}

function parsePostfix(c: TokenCursor, expr: Expr): Expr {
  for (;;) {
    if (c.isOp('[')) {
      c.next();
      const index = parseExpr(c);
      c.expectOp(']');
      expr = { kind: 'ItemAccess', pos: expr.pos, operand: expr, index };
    } else if (c.isOp('.') && (c.peek(1).type === 'word' || c.peek(1).type === 'qident')) {
      c.next();
      const field = fieldName(c);
      expr = { kind: 'FieldAccess', pos: expr.pos, operand: expr, field };
    } else {
      return expr;
    }
  }
}

/** A word read where any word is a name, reserved or not: a field after `.` (`x.value`) or a named argument before `=>`. */
function fieldName(c: TokenCursor): Ident {
  const t = c.next();
  return { kind: 'Ident', pos: c.pos(t), name: t.type === 'qident' ? t.value : t.text, quoted: t.type === 'qident' };
}

function parsePrimary(c: TokenCursor): Expr {
  const t = c.peek();
  const pos = c.pos(t);
  switch (t.type) {
    case 'number':
      c.next();
      return { kind: 'Literal', pos, type: 'numeric', value: t.value };
    case 'string':
      c.next();
      return { kind: 'Literal', pos, type: 'string', value: t.value };
    case 'binary':
      c.next();
      return { kind: 'Literal', pos, type: 'binary', value: t.value };
    case 'param':
      c.next();
      return { kind: 'Param', pos, index: ++c.paramCount };
    case 'qident':
      return parseNameOrCall(c);
    case 'op':
      if (t.value === '(') return parseParenthesized(c);
      throw c.error('an expression');
    case 'word':
      return parseWordPrimary(c);
    default:
      throw c.error('an expression');
  }
}

/**
 * After an opening `(`: the query and its closing `)` when the tokens start a query, else undefined
 * (nothing consumed). `((SELECT ...) + 1)` also starts like a query, so a query that starts with `(`
 * and fails is read again as an expression.
 */
function parseSubqueryInParens(c: TokenCursor): Query | undefined {
  if (!startsQuery(c)) return undefined;
  if (!c.isOp('(')) {
    const query = parseQuery(c);
    c.expectOp(')');
    return query;
  }
  const mark = c.index;
  const params = c.paramCount;
  try {
    const query = parseQuery(c);
    c.expectOp(')');
    return query;
  } catch (e) {
    if (!(e instanceof SqlParseError)) throw e;
    c.index = mark;
    c.paramCount = params;
    return undefined;
  }
}

function parseParenthesized(c: TokenCursor): Expr {
  const open = c.next();
  const pos = c.pos(open);
  const query = parseSubqueryInParens(c);
  if (query) return { kind: 'ScalarSubquery', pos, query };
  const values = parseExprList(c);
  c.expectOp(')');
  return values.length === 1 ? values[0]! : { kind: 'RowConstructor', pos, values, explicit: false };
}

function parseWordPrimary(c: TokenCursor): Expr {
  const t = c.peek();
  const pos = c.pos(t);
  const word = t.value;
  const call = c.isOp('(', 1);
  switch (word) {
    case 'TRUE': case 'FALSE':
      c.next();
      return { kind: 'Literal', pos, type: 'boolean', value: word === 'TRUE' };
    case 'NULL':
      c.next();
      return { kind: 'Literal', pos, type: 'null', value: null };
    case 'CASE':
      return parseCase(c);
    case 'INTERVAL':
      return parseIntervalLiteral(c);
    case 'EXISTS': {
      c.next();
      c.expectOp('(');
      const query = parseQuery(c);
      c.expectOp(')');
      return { kind: 'ExistsExpr', pos, query, negated: false };
    }
    case 'CAST': case 'TRY_CAST':
      if (!call && word === 'CAST') throw c.error(`'('`, c.peek(1));
      if (call) {
        c.next();
        c.next();
        const operand = parseExpr(c);
        c.expectWord('AS');
        const type = parseType(c);
        c.expectOp(')');
        return { kind: 'CastExpr', pos, operand, type, safe: word === 'TRY_CAST' };
      }
      break;
    case 'DATE': case 'TIME': case 'TIMESTAMP':
      if (c.peek(1).type === 'string') {
        c.next();
        const value = c.next().value;
        return { kind: 'Literal', pos, type: word === 'DATE' ? 'date' : word === 'TIME' ? 'time' : 'timestamp', value };
      }
      break;
    case 'ROW':
      if (call) {
        c.next();
        c.next();
        const values = c.isOp(')') ? [] : parseExprList(c);
        c.expectOp(')');
        return { kind: 'RowConstructor', pos, values, explicit: true };
      }
      break;
    case 'ARRAY':
      if (c.isOp('[', 1)) {
        c.next();
        c.next();
        const values = c.isOp(']') ? [] : parseExprList(c);
        c.expectOp(']');
        return { kind: 'ArrayConstructor', pos, values };
      }
      break;
    case 'MAP':
      if (c.isOp('[', 1)) {
        c.next();
        c.next();
        const entries: { key: Expr; value: Expr }[] = [];
        if (!c.isOp(']')) {
          do {
            const key = parseExpr(c);
            c.expectOp(',');
            entries.push({ key, value: parseExpr(c) });
          } while (c.acceptOp(','));
        }
        c.expectOp(']');
        return { kind: 'MapConstructor', pos, entries };
      }
      break;
    case 'DESCRIPTOR':
      if (call) {
        c.next();
        return { kind: 'DescriptorArg', pos, columns: c.identList() };
      }
      break;
    default:
      if (call) {
        const special = parseSpecialCall(c, word);
        if (special !== undefined) return special;
        if (RESERVED_FUNCTIONS.has(word)) return parseNameOrCall(c, true);
      } else if (NO_PAREN_FUNCTIONS.has(word)) {
        c.next();
        const name: QualifiedName = { kind: 'QualifiedName', pos, parts: [{ kind: 'Ident', pos, name: t.text, quoted: false }] };
        return { kind: 'FunctionCall', pos, name, args: [], distinct: false, noParens: true };
      }
  }
  if (!c.isIdent()) throw c.error('an expression');
  return parseNameOrCall(c);
}

/** `a`, `t.a`, `t.*`, `f(...)`, `db.f(...)` with FILTER and OVER. */
function parseNameOrCall(c: TokenCursor, reservedName = false): Expr {
  const first = c.peek();
  let name: QualifiedName;
  if (reservedName) {
    c.next();
    const ident: Ident = { kind: 'Ident', pos: c.pos(first), name: first.text, quoted: false };
    name = { kind: 'QualifiedName', pos: ident.pos, parts: [ident] };
  } else {
    name = c.qualifiedName();
  }
  if (c.isOp('.') && c.isOp('*', 1)) {
    c.next();
    c.next();
    return { kind: 'Star', pos: name.pos, qualifier: name };
  }
  if (c.isOp('(')) return parseCallRest(c, name);
  return { kind: 'ColumnRef', pos: name.pos, name };
}

function parseCallRest(c: TokenCursor, name: QualifiedName): Expr {
  const pos = name.pos;
  c.expectOp('(');
  let distinct = false;
  let args: Expr[] = [];
  let orderBy: OrderItem[] | undefined;
  let onNull: 'NULL' | 'ABSENT' | undefined;
  if (c.isOp('*') && c.isOp(')', 1)) {
    args = [{ kind: 'Star', pos: c.pos() }];
    c.next();
  } else if (!c.isOp(')')) {
    if (c.acceptWord('DISTINCT')) distinct = true;
    else c.acceptWord('ALL');
    const upper = name.parts.length === 1 && !name.parts[0]!.quoted ? name.parts[0]!.name.toUpperCase() : '';
    if (upper === 'JSON_OBJECTAGG') {
      c.acceptWord('KEY');
      const key = parseExpr(c);
      if (!c.acceptOp(':')) c.expectWord('VALUE');
      args = [key, parseExpr(c)];
    } else {
      do args.push(parseFunctionArg(c)); while (c.acceptOp(','));
    }
    if (c.isWord('ORDER')) orderBy = parseOrderBy(c);
    onNull = parseOnNull(c);
  }
  c.expectOp(')');
  let call: FunctionCall = { kind: 'FunctionCall', pos, name, args, distinct };
  if (orderBy !== undefined) call = { ...call, orderBy };
  if (onNull !== undefined) call = { ...call, onNull };
  if (c.isWord('FILTER') && c.isOp('(', 1) && c.isWord('WHERE', 2)) {
    c.next();
    c.next();
    c.next();
    call = { ...call, filter: parseExpr(c) };
    c.expectOp(')');
  }
  if (c.isWord('OVER')) {
    c.next();
    const window = c.isOp('(') ? parseWindowSpec(c) : windowRef(c);
    return { kind: 'OverExpr', pos, call, window };
  }
  return call;
}

function windowRef(c: TokenCursor): WindowSpec {
  const ref = c.ident('a window name or (');
  return { kind: 'WindowSpec', pos: ref.pos, ref, partitionBy: [], orderBy: [] };
}

/** An argument: `TABLE t`, `name => value`, or an expression. */
function parseFunctionArg(c: TokenCursor): Expr {
  if (c.isWord('TABLE') && c.isIdent(1)) {
    const pos = c.pos(c.next());
    const table = c.qualifiedName();
    if (!c.acceptWords('PARTITION', 'BY')) return { kind: 'TableArg', pos, table };
    const partitionBy = c.isOp('(') ? c.identList() : [c.ident('a partition column')];
    return { kind: 'TableArg', pos, table, partitionBy };
  }
  // Any word names a parameter before `=>`, even a reserved one such as OFFSET.
  if ((c.peek().type === 'word' || c.peek().type === 'qident') && c.isOp('=>', 1)) {
    const name = fieldName(c);
    c.next();
    return { kind: 'NamedArg', pos: name.pos, name, value: parseFunctionArg(c) };
  }
  return parseExpr(c);
}

/** `( [w] [PARTITION BY ..] [ORDER BY ..] [ROWS|RANGE ..] )`. */
export function parseWindowSpec(c: TokenCursor): WindowSpec {
  const pos = c.pos(c.expectOp('('));
  let ref: Ident | undefined;
  if (c.isIdent() && !c.isWords('PARTITION', 'BY') && !c.isWord('ROWS') && !c.isWord('RANGE')) ref = c.ident();
  let partitionBy: Expr[] = [];
  if (c.acceptWords('PARTITION', 'BY')) partitionBy = parseExprList(c);
  const orderBy = c.isWord('ORDER') ? parseOrderBy(c) : [];
  let frame: WindowFrame | undefined;
  if (c.isWord('ROWS') || c.isWord('RANGE')) {
    const unit = c.next().value as 'ROWS' | 'RANGE';
    if (c.acceptWord('BETWEEN')) {
      const start = parseFrameBound(c);
      c.expectWord('AND');
      frame = { unit, start, end: parseFrameBound(c) };
    } else {
      frame = { unit, start: parseFrameBound(c) };
    }
  }
  c.expectOp(')');
  const spec: WindowSpec = { kind: 'WindowSpec', pos, partitionBy, orderBy };
  return { ...spec, ...(ref ? { ref } : {}), ...(frame ? { frame } : {}) };
}

function parseFrameBound(c: TokenCursor): FrameBound {
  if (c.acceptWords('UNBOUNDED', 'PRECEDING')) return { type: 'UNBOUNDED PRECEDING' };
  if (c.acceptWords('UNBOUNDED', 'FOLLOWING')) return { type: 'UNBOUNDED FOLLOWING' };
  if (c.acceptWords('CURRENT', 'ROW')) return { type: 'CURRENT ROW' };
  const offset = parseExpr(c, LEVEL.CONCAT);
  if (c.acceptWord('PRECEDING')) return { type: 'PRECEDING', offset };
  if (c.acceptWord('FOLLOWING')) return { type: 'FOLLOWING', offset };
  throw c.error(`'PRECEDING' or 'FOLLOWING'`);
}

function parseCase(c: TokenCursor): Expr {
  const pos = c.pos(c.next());
  const operand = c.isWord('WHEN') || c.isWord('END') ? undefined : parseExpr(c);
  const whens: { when: Expr; then: Expr }[] = [];
  while (c.acceptWord('WHEN')) {
    const when = parseExpr(c);
    c.expectWord('THEN');
    whens.push({ when, then: parseExpr(c) });
  }
  if (whens.length === 0) throw c.error(`'WHEN'`);
  const elseExpr = c.acceptWord('ELSE') ? parseExpr(c) : undefined;
  c.expectWord('END');
  return { kind: 'CaseExpr', pos, whens, ...(operand ? { operand } : {}), ...(elseExpr ? { else: elseExpr } : {}) };
}

/** `INTERVAL [-|+] 'v' unit [(p)] [TO unit [(p)]]` (precisions are accepted and not kept). */
function parseIntervalLiteral(c: TokenCursor): Expr {
  const pos = c.pos(c.next());
  let negative = false;
  if (c.acceptOp('-')) negative = true;
  else c.acceptOp('+');
  const value = c.expectString(`a quoted interval value such as '10'`).value;
  const q = parseIntervalQualifier(c);
  return { kind: 'IntervalLiteral', pos, value, negative, unit: q.unit, ...(q.toUnit ? { toUnit: q.toUnit } : {}) };
}
