// Exact 64-bit BIGINT arithmetic on the canonical value (number when safe, bigint otherwise),
// wrapping on overflow like Java's long.
import { WeirError } from '../../core/errors.ts';

export type Int64 = number | bigint;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** Java's ArithmeticException (integer division by zero). */
export class SqlArithmeticError extends WeirError {
  override name = 'ArithmeticException';
}

/** Wraps to 64 bits and returns the canonical representation. */
export function int64(v: bigint): Int64 {
  const w = BigInt.asIntN(64, v);
  return w >= MIN_SAFE && w <= MAX_SAFE ? Number(w) : w;
}

/** Canonical BIGINT from any integer number or bigint (numbers beyond 2^53 are taken as they are). */
export function toInt64(v: number | bigint): Int64 {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v + 0 : int64(BigInt(v));
  return int64(v);
}

export function i64Add(a: Int64, b: Int64): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return int64(BigInt(a) + BigInt(b));
}

export function i64Sub(a: Int64, b: Int64): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return int64(BigInt(a) - BigInt(b));
}

export function i64Mul(a: Int64, b: Int64): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r + 0; // no -0
  }
  return int64(BigInt(a) * BigInt(b));
}

/** Truncating division; `/ by zero` like Java. MIN / -1 wraps to MIN. */
export function i64Div(a: Int64, b: Int64): Int64 {
  if (b === 0) throw new SqlArithmeticError('/ by zero');
  if (typeof a === 'number' && typeof b === 'number') return (a - (a % b)) / b + 0; // exact: a - a%b is a multiple of b
  return int64(BigInt(a) / BigInt(b));
}

/** Remainder with the sign of the dividend (Java's %). */
export function i64Mod(a: Int64, b: Int64): Int64 {
  if (b === 0) throw new SqlArithmeticError('/ by zero');
  if (typeof a === 'number' && typeof b === 'number') return (a % b) + 0;
  return int64(BigInt(a) % BigInt(b));
}

export function i64Neg(a: Int64): Int64 {
  return typeof a === 'number' ? 0 - a : int64(-a);
}

/** Java's (int) narrowing of a long: the low 32 bits. */
export function i64ToInt32(a: Int64): number {
  return typeof a === 'number' ? a | 0 : Number(BigInt.asIntN(32, a));
}

/** Java's (long) of a double: truncation, saturating at the 64-bit range, NaN -> 0. */
export function doubleToInt64(d: number): Int64 {
  if (Number.isNaN(d)) return 0;
  const t = Math.trunc(d);
  if (Number.isSafeInteger(t)) return t + 0;
  if (t >= 9223372036854775807) return INT64_MAX;
  if (t <= -9223372036854775808) return INT64_MIN;
  return int64(BigInt(t));
}

/** Java's (int) of a double: truncation, saturating, NaN -> 0. */
export function doubleToInt32(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= 2147483647) return 2147483647;
  if (d <= -2147483648) return -2147483648;
  return Math.trunc(d) + 0;
}

/** Parses a decimal integer literal of the whole 64-bit range; undefined when not an integer or out of range. */
export function parseInt64(text: string): Int64 | undefined {
  const s = text.trim();
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v < INT64_MIN || v > INT64_MAX) return undefined;
  return int64(v);
}
