// Types and values of SQL literals as Calcite/Flink derive them: `12` INT NOT NULL, `1.50`
// DECIMAL(3, 2) NOT NULL, `1e3` DOUBLE, `'ab'` CHAR(2) NOT NULL, intervals in ms or months.
import { Types, type LogicalType } from '../../../core/types/logical-type.ts';
import type { IntervalLiteral, Literal, Pos, TimeUnit } from '../../ast/ast.ts';
import { SqlValidationError } from '../../sql-errors.ts';
import { literal, type RexLiteral } from '../rex.ts';

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Canonical BIGINT: number when safe, bigint otherwise (core/types/logical-type.ts). */
export function canonicalBigint(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

export function numericLiteral(text: string, negative: boolean, pos: Pos): RexLiteral {
  const t = text.trim();
  if (/[eE]/.test(t)) return literal((negative ? -1 : 1) * Number(t), Types.DOUBLE(false));
  if (t.includes('.')) {
    const [intPart, frac] = t.split('.') as [string, string];
    const digits = (intPart + frac).replace(/^0+(?=\d)/, '');
    const scale = frac.length;
    const precision = Math.max(digits.length, scale, 1);
    if (precision > 38) throw new SqlValidationError(`Numeric literal '${t}' out of range`, pos);
    const unscaled = BigInt(intPart + frac || '0');
    return literal(negative ? -unscaled : unscaled, Types.DECIMAL(precision, scale, false));
  }
  const v = negative ? -BigInt(t) : BigInt(t);
  if (v >= INT_MIN && v <= INT_MAX) return literal(Number(v), Types.INT(false));
  if (v >= LONG_MIN && v <= LONG_MAX) return literal(canonicalBigint(v), Types.BIGINT(false));
  const digits = t.replace(/^0+(?=\d)/, '').length;
  if (digits > 38) throw new SqlValidationError(`Numeric literal '${t}' out of range`, pos);
  return literal(v, Types.DECIMAL(digits, 0, false));
}

export function bindLiteral(lit: Literal): RexLiteral {
  const v = lit.value;
  switch (lit.type) {
    case 'numeric': return numericLiteral(String(v), false, lit.pos);
    case 'string': return literal(String(v), Types.CHAR(String(v).length, false));
    case 'boolean': return literal(v === true || String(v).toUpperCase() === 'TRUE', Types.BOOLEAN(false));
    case 'null': return literal(null, Types.NULL());
    case 'date': return literal(parseDate(String(v), lit.pos), Types.DATE(false));
    case 'time': return literal(parseTime(String(v), lit.pos), Types.TIME(0, false));
    case 'timestamp': {
      const s = String(v).trim();
      const frac = /\.(\d+)$/.exec(s)?.[1]?.length ?? 0;
      return literal(parseTimestamp(s, lit.pos), Types.TIMESTAMP(Math.max(frac, 0), false));
    }
    case 'binary': {
      const hex = String(v);
      if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new SqlValidationError(`Binary literal string must contain an even number of hexits`, lit.pos);
      return literal(Uint8Array.from(Buffer.from(hex, 'hex')), Types.BINARY(Math.max(hex.length / 2, 1), false));
    }
  }
}

export function parseDate(s: string, pos: Pos): number {
  const m = /^\s*(-?\d{1,4})-(\d{1,2})-(\d{1,2})\s*$/.exec(s);
  if (!m) throw new SqlValidationError(`Illegal DATE literal '${s}'`, pos);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

export function parseTime(s: string, pos: Pos): number {
  const m = /^\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?\s*$/.exec(s);
  if (!m) throw new SqlValidationError(`Illegal TIME literal '${s}'`, pos);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000 + Number((m[4] ?? '0').padEnd(3, '0').slice(0, 3));
}

export function parseTimestamp(s: string, pos: Pos): number {
  const m = /^\s*(-?\d{1,4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?)?\s*$/.exec(s);
  if (!m) throw new SqlValidationError(`Illegal TIMESTAMP literal '${s}'`, pos);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)));
}

const DAY_TIME_UNITS: readonly TimeUnit[] = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];
const UNIT_MS: Partial<Record<TimeUnit, number>> = { WEEK: 604_800_000, DAY: 86_400_000, HOUR: 3_600_000, MINUTE: 60_000, SECOND: 1000, MILLISECOND: 1 };

/** `INTERVAL '10' SECOND` -> 10000 (ms, INTERVAL_DAY_TIME); `INTERVAL '1-2' YEAR TO MONTH` -> 14 (months). */
export function bindInterval(lit: IntervalLiteral): RexLiteral {
  const sign = lit.negative ? -1 : 1;
  const text = lit.value.trim();
  const neg = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[-+]/, '');
  const nums = body.match(/\d+(\.\d+)?/g)?.map(Number);
  const bad = (): never => { throw new SqlValidationError(`Illegal interval literal format '${lit.value}' for INTERVAL ${lit.unit}${lit.toUnit ? ` TO ${lit.toUnit}` : ''}`, lit.pos); };
  if (!nums || nums.length === 0) return bad();
  if (lit.unit === 'YEAR' || lit.unit === 'MONTH' || lit.unit === 'QUARTER') {
    let months: number;
    if (lit.toUnit === 'MONTH') { if (nums.length !== 2) bad(); months = nums[0]! * 12 + nums[1]!; }
    else { if (nums.length !== 1) bad(); months = nums[0]! * (lit.unit === 'YEAR' ? 12 : lit.unit === 'QUARTER' ? 3 : 1); }
    return literal(sign * neg * months, Types.INTERVAL_YEAR_MONTH(false));
  }
  const first = lit.unit;
  if (UNIT_MS[first] === undefined) return bad();
  let ms: number;
  if (!lit.toUnit) {
    if (nums.length !== 1) bad();
    ms = Math.round(nums[0]! * UNIT_MS[first]!);
  } else {
    const units = DAY_TIME_UNITS.slice(DAY_TIME_UNITS.indexOf(first), DAY_TIME_UNITS.indexOf(lit.toUnit) + 1);
    if (units.length === 0 || nums.length !== units.length) bad();
    ms = Math.round(units.reduce((acc, u, i) => acc + nums[i]! * UNIT_MS[u]!, 0));
  }
  return literal(sign * neg * ms, Types.INTERVAL_DAY_TIME(false));
}

/** A literal interval in ms, for window sizes; throws naming what was expected. */
export function intervalMs(rex: { kind: string; value?: unknown; type: LogicalType }, what: string, pos: Pos): number {
  if (rex.kind !== 'literal' || rex.type.root !== 'INTERVAL_DAY_TIME' || typeof rex.value !== 'number') {
    throw new SqlValidationError(`${what} must be an interval literal such as INTERVAL '10' SECOND`, pos);
  }
  if (rex.value <= 0) throw new SqlValidationError(`${what} must be positive`, pos);
  return rex.value;
}
