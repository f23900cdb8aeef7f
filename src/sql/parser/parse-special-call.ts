// Parses the functions whose arguments use keywords instead of commas: EXTRACT(unit FROM x),
// FLOOR/CEIL(x TO unit), POSITION(a IN b), TRIM(.. FROM s), SUBSTRING(s FROM a FOR b), OVERLAY(s PLACING r FROM a),
// TIMESTAMPADD/TIMESTAMPDIFF(unit, a, b) and the JSON functions with their ON EMPTY/ON ERROR clauses.
import type { Expr, Ident, JsonCall, Pos, QualifiedName } from '../ast/ast.ts';
import { SqlParseError } from '../sql-errors.ts';
import { isTimeUnit, parseTimeUnit, parseType } from './parse-data-type.ts';
import { LEVEL, parseExpr } from './parse-expression.ts';
import type { TokenCursor } from './token-cursor.ts';

/** `NULL ON NULL` / `ABSENT ON NULL`. */
export function parseOnNull(c: TokenCursor): 'NULL' | 'ABSENT' | undefined {
  if (c.acceptWords('NULL', 'ON', 'NULL')) return 'NULL';
  if (c.acceptWords('ABSENT', 'ON', 'NULL')) return 'ABSENT';
  return undefined;
}


function simpleName(c: TokenCursor): QualifiedName {
  const t = c.next();
  const ident: Ident = { kind: 'Ident', pos: c.pos(t), name: t.text, quoted: false };
  return { kind: 'QualifiedName', pos: ident.pos, parts: [ident] };
}

/** Functions with keyword syntax inside their parentheses; undefined when `word` is an ordinary function. */
export function parseSpecialCall(c: TokenCursor, word: string): Expr | undefined {
  const t = c.peek();
  const pos: Pos = c.pos(t);
  switch (word) {
    case 'EXTRACT': {
      c.next();
      c.next();
      const unit = parseTimeUnit(c);
      c.expectWord('FROM');
      const operand = parseExpr(c);
      c.expectOp(')');
      return { kind: 'ExtractExpr', pos, unit, operand };
    }
    case 'FLOOR': case 'CEIL': case 'CEILING': {
      const name = simpleName(c);
      c.next();
      const operand = parseExpr(c);
      if (c.acceptWord('TO')) {
        const unit = parseTimeUnit(c);
        c.expectOp(')');
        return { kind: 'FloorCeilToExpr', pos, fn: word === 'FLOOR' ? 'FLOOR' : 'CEIL', operand, unit };
      }
      const args = [operand];
      while (c.acceptOp(',')) args.push(parseExpr(c));
      c.expectOp(')');
      return { kind: 'FunctionCall', pos, name, args, distinct: false };
    }
    case 'POSITION': {
      const name = simpleName(c);
      c.next();
      const needle = parseExpr(c, LEVEL.CONCAT);
      if (c.acceptWord('IN')) {
        const haystack = parseExpr(c);
        c.expectOp(')');
        return { kind: 'PositionExpr', pos, needle, haystack };
      }
      const args = [needle];
      while (c.acceptOp(',')) args.push(parseExpr(c));
      c.expectOp(')');
      return { kind: 'FunctionCall', pos, name, args, distinct: false };
    }
    case 'TRIM': {
      c.next();
      c.next();
      let side: 'BOTH' | 'LEADING' | 'TRAILING' = 'BOTH';
      let explicitSide = false;
      for (const s of ['BOTH', 'LEADING', 'TRAILING'] as const) {
        if (c.acceptWord(s)) {
          side = s;
          explicitSide = true;
          break;
        }
      }
      let chars: Expr | undefined;
      let operand: Expr;
      if (c.acceptWord('FROM')) {
        operand = parseExpr(c);
      } else {
        const first = parseExpr(c);
        if (c.acceptWord('FROM')) {
          chars = first;
          operand = parseExpr(c);
        } else {
          if (explicitSide) throw c.error(`'FROM'`);
          operand = first;
        }
      }
      c.expectOp(')');
      return { kind: 'TrimExpr', pos, side, operand, ...(chars ? { chars } : {}) };
    }
    case 'SUBSTRING': {
      const name = simpleName(c);
      c.next();
      const operand = parseExpr(c);
      if (c.acceptWord('FROM')) {
        const start = parseExpr(c);
        const length = c.acceptWord('FOR') ? parseExpr(c) : undefined;
        c.expectOp(')');
        return { kind: 'SubstringExpr', pos, operand, start, ...(length ? { length } : {}) };
      }
      const args = [operand];
      while (c.acceptOp(',')) args.push(parseExpr(c));
      c.expectOp(')');
      return { kind: 'FunctionCall', pos, name, args, distinct: false };
    }
    case 'OVERLAY': {
      // OVERLAY(s PLACING r FROM start [FOR length]) is the call OVERLAY(s, r, start[, length]).
      const name = simpleName(c);
      c.next();
      const args = [parseExpr(c)];
      c.expectWord('PLACING');
      args.push(parseExpr(c));
      c.expectWord('FROM');
      args.push(parseExpr(c));
      if (c.acceptWord('FOR')) args.push(parseExpr(c));
      c.expectOp(')');
      return { kind: 'FunctionCall', pos, name, args, distinct: false };
    }
    case 'TIMESTAMPADD': case 'TIMESTAMPDIFF': {
      if (!isTimeUnit(c, 2)) return undefined;
      c.next();
      c.next();
      const unit = parseTimeUnit(c);
      c.expectOp(',');
      const a = parseExpr(c);
      c.expectOp(',');
      const b = parseExpr(c);
      c.expectOp(')');
      return { kind: 'TimestampAddExpr', pos, fn: word, unit, args: [a, b] };
    }
    case 'JSON_VALUE': case 'JSON_QUERY': case 'JSON_EXISTS': case 'JSON_OBJECT': case 'JSON_ARRAY':
      return parseJsonCall(c, word);
    default:
      return undefined;
  }
}

function parseJsonCall(c: TokenCursor, fn: JsonCall['fn']): Expr {
  const pos = c.pos(c.next());
  c.next();
  let call: JsonCall = { kind: 'JsonCall', pos, fn, args: [] };
  if (fn === 'JSON_OBJECT') {
    const entries: { key: Expr; value: Expr }[] = [];
    if (!c.isOp(')') && !c.isWords('NULL', 'ON') && !c.isWords('ABSENT', 'ON')) {
      do {
        c.acceptWord('KEY');
        const key = parseExpr(c);
        if (!c.acceptOp(':')) c.expectWord('VALUE');
        entries.push({ key, value: parseExpr(c) });
      } while (c.acceptOp(','));
    }
    call = { ...call, entries };
    const onNull = parseOnNull(c);
    if (onNull) call = { ...call, onNull };
  } else if (fn === 'JSON_ARRAY') {
    const args: Expr[] = [];
    if (!c.isOp(')') && !c.isWords('NULL', 'ON') && !c.isWords('ABSENT', 'ON')) {
      do args.push(parseExpr(c)); while (c.acceptOp(','));
    }
    call = { ...call, args };
    const onNull = parseOnNull(c);
    if (onNull) call = { ...call, onNull };
  } else {
    const json = parseExpr(c);
    c.expectOp(',');
    call = { ...call, args: [json, parseExpr(c)] };
    if (fn !== 'JSON_EXISTS' && c.acceptWord('RETURNING')) call = { ...call, returning: parseType(c) };
    if (fn === 'JSON_QUERY') {
      if (c.acceptWord('WITHOUT')) {
        c.acceptWord('ARRAY');
        c.expectWord('WRAPPER');
        call = { ...call, wrapper: 'WITHOUT' };
      } else if (c.acceptWord('WITH')) {
        const wrapper = c.acceptWord('CONDITIONAL') ? 'WITH CONDITIONAL' : 'WITH UNCONDITIONAL';
        if (wrapper === 'WITH UNCONDITIONAL') c.acceptWord('UNCONDITIONAL');
        c.acceptWord('ARRAY');
        c.expectWord('WRAPPER');
        call = { ...call, wrapper };
      }
    }
    for (;;) {
      const behaviour = parseJsonBehaviour(c, fn);
      if (behaviour === undefined) break;
      c.expectWord('ON');
      if (c.isWord('EMPTY') && fn !== 'JSON_EXISTS' && call.onEmpty === undefined && call.onError === undefined) {
        c.next();
        if (['TRUE', 'FALSE', 'UNKNOWN'].includes(behaviour.behavior)) throw new SqlParseError(pos, `${behaviour.behavior} ON EMPTY is not allowed in ${fn}`);
        call = { ...call, onEmpty: behaviour as NonNullable<JsonCall['onEmpty']> };
      } else if (call.onError === undefined) {
        c.expectWord('ERROR');
        call = { ...call, onError: behaviour };
      } else {
        throw c.error(`')'`);
      }
    }
  }
  c.expectOp(')');
  return call;
}

type JsonBehaviour = NonNullable<JsonCall['onError']>;

function parseJsonBehaviour(c: TokenCursor, fn: JsonCall['fn']): JsonBehaviour | undefined {
  const plain = fn === 'JSON_EXISTS' ? ['TRUE', 'FALSE', 'UNKNOWN', 'ERROR'] as const : ['NULL', 'ERROR'] as const;
  for (const b of plain) {
    if (c.isWord(b) && c.isWord('ON', 1)) {
      c.next();
      return { behavior: b };
    }
  }
  if (fn === 'JSON_EXISTS') return undefined;
  if (fn === 'JSON_VALUE' && c.acceptWord('DEFAULT')) return { behavior: 'DEFAULT', default: parseExpr(c, LEVEL.CONCAT) };
  if (fn === 'JSON_QUERY' && c.acceptWords('EMPTY', 'ARRAY')) return { behavior: 'EMPTY ARRAY' };
  if (fn === 'JSON_QUERY' && c.acceptWords('EMPTY', 'OBJECT')) return { behavior: 'EMPTY OBJECT' };
  return undefined;
}
