// + - * / % MOD and unary minus over numbers (Java-exact integer wrap, exact BIGINT and DECIMAL,
// integer division truncates) and over DATE/TIME/TIMESTAMP with INTERVALs.
import { Types, withNullability, type LogicalType } from '../../../core/types/logical-type.ts';
import type { Rex, RexCall } from '../../planner/rex.ts';
import { i64Add, i64Div, i64Mod, i64Mul, i64Neg, i64Sub } from '../../types/bigint.ts';
import { decAdd, decDiv, decMod, decMul, decSub, fit } from '../../types/decimal.ts';
import { addMonthsToDays, addMonthsToTimestamp, instantToLocal, localToInstant, MS_PER_DAY, timeZone } from '../../types/datetime.ts';
import { arithmeticResultType, decimalShape, isInterval, isNumeric, isTemporal, type ArithmeticOp } from '../../types/type-rules.ts';
import type { CallSite, CodeGen, ScalarFunctionDef } from './function-def.ts';
import { intDiv, intMod } from './runtime-helpers.ts';
import { anyNullable, cannotApply, castTo, makeCall } from './signature.ts';

const FORMS: Record<ArithmeticOp, string[]> = {
  '+': ['<NUMERIC> + <NUMERIC>', '<DATETIME_INTERVAL> + <DATETIME_INTERVAL>', '<DATETIME> + <DATETIME_INTERVAL>', '<DATETIME_INTERVAL> + <DATETIME>'],
  '-': ['<NUMERIC> - <NUMERIC>', '<DATETIME_INTERVAL> - <DATETIME_INTERVAL>', '<DATETIME> - <DATETIME_INTERVAL>'],
  '*': ['<NUMERIC> * <NUMERIC>', '<DATETIME_INTERVAL> * <NUMERIC>', '<NUMERIC> * <DATETIME_INTERVAL>'],
  '/': ['<NUMERIC> / <NUMERIC>', '<DATETIME_INTERVAL> / <NUMERIC>'],
  '%': ['<EXACT_NUMERIC> % <EXACT_NUMERIC>'],
};

function resolveArithmetic(site: CallSite, op: ArithmeticOp): RexCall {
  if (site.operands.length !== 2) cannotApply(site, FORMS[op]);
  let [a, b] = site.operands as [Rex, Rex];
  // NULL literals take the other side's type.
  if (a.type.root === 'NULL' && b.type.root !== 'NULL') a = castTo(a, b.type);
  if (b.type.root === 'NULL' && a.type.root !== 'NULL') b = castTo(b, a.type);
  if (a.type.root === 'NULL') { a = castTo(a, Types.INT()); b = castTo(b, Types.INT()); }
  const nullable = anyNullable([a, b]);
  if (isNumeric(a.type) && isNumeric(b.type)) {
    const t = arithmeticResultType(op, a.type, b.type)!;
    if (t.root === 'DECIMAL') return makeCall(site, op, [toDecimal(a), toDecimal(b)], t);
    return makeCall(site, op, [castTo(a, t), castTo(b, t)], t);
  }
  const ia = isInterval(a.type), ib = isInterval(b.type);
  if (op === '+' || op === '-') {
    if (ia && ib && a.type.root === b.type.root) return makeCall(site, op, [a, b], withNullability(a.type, nullable));
    if (isTemporal(a.type) && ib) return makeCall(site, op, [a, b], withNullability(a.type, nullable));
    if (op === '+' && ia && isTemporal(b.type)) return makeCall(site, op, [b, a], withNullability(b.type, nullable));
  }
  if (op === '*' && ia && isNumeric(b.type)) return makeCall(site, op, [a, b], withNullability(a.type, nullable));
  if (op === '*' && ib && isNumeric(a.type)) return makeCall(site, op, [b, a], withNullability(b.type, nullable));
  if (op === '/' && ia && isNumeric(b.type)) return makeCall(site, op, [a, b], withNullability(a.type, nullable));
  return cannotApply(site, FORMS[op]);
}

/** Integer operands of a DECIMAL operation become DECIMAL(digits, 0). */
function toDecimal(r: Rex): Rex {
  if (r.type.root === 'DECIMAL') return r;
  const { precision, scale } = decimalShape(r.type);
  return castTo(r, Types.DECIMAL(precision, scale));
}

const JS_OP: Record<ArithmeticOp, string> = { '+': '+', '-': '-', '*': '*', '/': '/', '%': '%' };
const I64 = { '+': i64Add, '-': i64Sub, '*': i64Mul, '/': i64Div, '%': i64Mod } as const;
const DEC = { '+': decAdd, '-': decSub, '*': decMul, '/': decDiv, '%': decMod } as const;

function arithmeticCode(op: ArithmeticOp, [a, b]: readonly string[], c: RexCall, g: CodeGen): string {
  const ta = c.operands[0]!.type, tb = c.operands[1]!.type;
  if (isInterval(ta) || isTemporal(ta)) return temporalCode(op, a!, b!, ta, tb, g);
  switch (c.type.root) {
    case 'INT':
      if (op === '*') return `Math.imul(${a}, ${b})`;
      if (op === '/') return `${g.capture(intDiv)}(${a}, ${b})`;
      if (op === '%') return `${g.capture(intMod)}(${a}, ${b})`;
      return `((${a} ${JS_OP[op]} ${b}) | 0)`;
    case 'TINYINT': case 'SMALLINT': {
      const sh = c.type.root === 'TINYINT' ? 24 : 16;
      const v = op === '*' ? `Math.imul(${a}, ${b})` : op === '/' ? `${g.capture(intDiv)}(${a}, ${b})` : op === '%' ? `${g.capture(intMod)}(${a}, ${b})` : `(${a} ${JS_OP[op]} ${b})`;
      return `((${v} << ${sh}) >> ${sh})`;
    }
    case 'BIGINT': return `${g.capture(I64[op])}(${a}, ${b})`;
    case 'DECIMAL': {
      const r = decimalShape(c.type);
      return `${g.capture(DEC[op])}(${a}, ${ta.scale ?? 0}, ${b}, ${tb.scale ?? 0}, ${r.precision}, ${r.scale})`;
    }
    case 'FLOAT': return `Math.fround(${a} ${JS_OP[op]} ${b})`;
    default: return `(${a} ${JS_OP[op]} ${b})`;
  }
}

function temporalCode(op: ArithmeticOp, a: string, b: string, ta: LogicalType, tb: LogicalType, g: CodeGen): string {
  const num = (x: string, t: LogicalType): string => (t.root === 'BIGINT' ? `Number(${x})` : t.root === 'DECIMAL' ? `${g.capture(Number)}(${x}) / ${10 ** (t.scale ?? 0)}` : x);
  if (isInterval(ta)) {
    if (op === '*') return `Math.round(${a} * ${num(b, tb)})`;
    if (op === '/') return `Math.round(${a} / ${num(b, tb)})`;
    return `(${a} ${JS_OP[op]} ${b})`;
  }
  const delta = op === '-' ? `-${b}` : b;
  const months = tb.root === 'INTERVAL_YEAR_MONTH';
  switch (ta.root) {
    case 'DATE': return months ? `${g.capture(addMonthsToDays)}(${a}, ${delta})` : `(${a} + Math.trunc(${delta} / ${MS_PER_DAY}))`;
    case 'TIME': return months ? a : `((((${a} + ${delta}) % ${MS_PER_DAY}) + ${MS_PER_DAY}) % ${MS_PER_DAY})`;
    case 'TIMESTAMP': return months ? `${g.capture(addMonthsToTimestamp)}(${a}, ${delta})` : `(${a} + ${delta})`;
    default: {
      if (!months) return `(${a} + ${delta})`;
      const zone = timeZone(g.ctx.timeZone);
      const addLtz = (ms: number, m: number): number => localToInstant(addMonthsToTimestamp(instantToLocal(ms, zone), m), zone);
      return `${g.capture(addLtz)}(${a}, ${delta})`;
    }
  }
}

const arithmetic = (op: ArithmeticOp, names: string[] = [op]): ScalarFunctionDef => ({
  names,
  resolve: (site) => resolveArithmetic(site, op),
  impl: { kind: 'inline', code: (args, c, g) => arithmeticCode(op, args, c, g) },
});

const minus: ScalarFunctionDef = {
  names: ['MINUS_PREFIX'],
  resolve(site) {
    const a = site.operands[0];
    if (site.operands.length !== 1 || !(isNumeric(a!.type) || isInterval(a!.type) || a!.type.root === 'NULL')) cannotApply(site, ['-<NUMERIC>', '-<DATETIME_INTERVAL>']);
    const x = a!.type.root === 'NULL' ? castTo(a!, Types.INT()) : a!;
    return makeCall(site, 'MINUS_PREFIX', [x], x.type);
  },
  impl: {
    kind: 'inline',
    code([a], c, g) {
      switch (c.type.root) {
        case 'INT': return `((-${a}) | 0)`;
        case 'TINYINT': return `(((-${a}) << 24) >> 24)`;
        case 'SMALLINT': return `(((-${a}) << 16) >> 16)`;
        case 'BIGINT': return `${g.capture(i64Neg)}(${a})`;
        case 'DECIMAL': return `${g.capture(fit)}(-${a}, ${c.type.precision})`;
        default: return `(-${a})`;
      }
    },
  },
};

export const ARITHMETIC_FUNCTIONS: readonly ScalarFunctionDef[] = [
  arithmetic('+'), arithmetic('-'), arithmetic('*'), arithmetic('/'), arithmetic('%', ['%', 'MOD']), minus,
];
