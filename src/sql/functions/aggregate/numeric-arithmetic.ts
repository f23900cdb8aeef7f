// Exact arithmetic on SQL numeric values as the aggregates need it: integer types wrap like Java,
// BIGINT is a number when safe and a bigint otherwise (exact over 64 bits), DECIMAL is an unscaled
// bigint, FLOAT rounds to single precision.
import type { LogicalType, TypeRoot } from '../../../core/types/logical-type.ts';

type Num = number | bigint;
export type Arith = (a: any, b: any) => any;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_N = BigInt(MAX_SAFE);

/** A 64-bit bigint in BIGINT's canonical form: a number when it is a safe integer. */
export function canonicalBigint(x: bigint): number | bigint {
  return x >= -MAX_SAFE_N && x <= MAX_SAFE_N ? Number(x) : x;
}

/** BIGINT addition, exact and wrapping at 64 bits like Java's long. */
export function addBigint(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
  }
  return canonicalBigint(BigInt.asIntN(64, BigInt(a) + BigInt(b)));
}

export function subtractBigint(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
  }
  return canonicalBigint(BigInt.asIntN(64, BigInt(a) - BigInt(b)));
}

/** BIGINT division truncating toward zero, as Java's long division. */
export function divideBigint(a: Num, b: number): Num {
  if (typeof a === 'number') return (a - (a % b)) / b + 0;
  return canonicalBigint(BigInt.asIntN(64, a / BigInt(b)));
}

const isInteger = (root: TypeRoot) => root === 'TINYINT' || root === 'SMALLINT' || root === 'INT' || root === 'BIGINT';

export const isIntegerType = (type: LogicalType): boolean => isInteger(type.root);

export const isNumericType = (type: LogicalType): boolean =>
  isInteger(type.root) || type.root === 'DECIMAL' || type.root === 'FLOAT' || type.root === 'DOUBLE';

/** Addition in the given result type (wrapping integers, exact BIGINT and DECIMAL). */
export function adder(type: LogicalType): Arith {
  switch (type.root) {
    case 'TINYINT': return (a: number, b: number) => ((a + b) << 24) >> 24;
    case 'SMALLINT': return (a: number, b: number) => ((a + b) << 16) >> 16;
    case 'INT': return (a: number, b: number) => (a + b) | 0;
    case 'BIGINT': return addBigint;
    case 'DECIMAL': return (a: bigint, b: bigint) => a + b;
    case 'FLOAT': return (a: number, b: number) => Math.fround(a + b);
    default: return (a: number, b: number) => a + b;
  }
}

export function subtracter(type: LogicalType): Arith {
  switch (type.root) {
    case 'TINYINT': return (a: number, b: number) => ((a - b) << 24) >> 24;
    case 'SMALLINT': return (a: number, b: number) => ((a - b) << 16) >> 16;
    case 'INT': return (a: number, b: number) => (a - b) | 0;
    case 'BIGINT': return subtractBigint;
    case 'DECIMAL': return (a: bigint, b: bigint) => a - b;
    case 'FLOAT': return (a: number, b: number) => Math.fround(a - b);
    default: return (a: number, b: number) => a - b;
  }
}

/** The zero of a numeric type. */
export const zeroOf = (type: LogicalType): Num => (type.root === 'DECIMAL' ? 0n : 0);

export const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Decimal division rounding half away from zero (Java's RoundingMode.HALF_UP). */
export function divideHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice < (d < 0n ? -d : d)) return q;
  return (n < 0n) === (d < 0n) ? q + 1n : q - 1n;
}

/** True when an unscaled DECIMAL value has more digits than the precision allows (Flink then gives NULL). */
export const decimalOverflows = (unscaled: bigint, precision: number): boolean => {
  const limit = pow10(precision);
  return unscaled >= limit || unscaled <= -limit;
};

/** A double converted to a numeric result type as Java's casts do (integers truncate and saturate, DECIMAL rounds half up). */
export function fromDouble(x: number, type: LogicalType): Num | null {
  switch (type.root) {
    case 'TINYINT': return Number.isNaN(x) ? 0 : (Math.max(-2147483648, Math.min(2147483647, Math.trunc(x))) << 24) >> 24;
    case 'SMALLINT': return Number.isNaN(x) ? 0 : (Math.max(-2147483648, Math.min(2147483647, Math.trunc(x))) << 16) >> 16;
    case 'INT': return Number.isNaN(x) ? 0 : Math.max(-2147483648, Math.min(2147483647, Math.trunc(x)));
    case 'BIGINT': {
      if (Number.isNaN(x)) return 0;
      const t = Math.trunc(x);
      if (Number.isSafeInteger(t)) return t;
      const max = 2n ** 63n - 1n;
      if (t >= 2 ** 63) return max;
      if (t <= -(2 ** 63)) return -max - 1n;
      return canonicalBigint(BigInt(t));
    }
    case 'DECIMAL': {
      if (!Number.isFinite(x)) return null;
      const scale = type.scale ?? 0;
      const v = decimalFromDouble(x, scale);
      return decimalOverflows(v, type.precision ?? 38) ? null : v;
    }
    case 'FLOAT': return Math.fround(x);
    default: return x;
  }
}

/** The unscaled value of a double at a scale, rounded half up on its shortest decimal text. */
function decimalFromDouble(x: number, scale: number): bigint {
  const [mantissa, expPart] = x.toExponential().split('e') as [string, string];
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const exp = Number(expPart) - (digits.length - 1) + scale; // value = digits * 10^exp (unscaled)
  let v: bigint;
  if (exp >= 0) v = BigInt(digits) * pow10(exp);
  else v = divideHalfUp(BigInt(digits), pow10(-exp));
  return negative ? -v : v;
}

/** A numeric value (of the given type) as a double, for statistics. */
export function toDouble(v: Num, type: LogicalType): number {
  if (type.root === 'DECIMAL') return Number(v) / 10 ** (type.scale ?? 0);
  return Number(v);
}
