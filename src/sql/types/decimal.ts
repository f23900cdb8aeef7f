// Exact DECIMAL(p, s) arithmetic on unscaled bigints (the scale comes from the type), rounding
// HALF_UP like Flink's DecimalData; a result that does not fit its precision is NULL, as in Flink.
import { SqlArithmeticError } from './bigint.ts';

export const MAX_DECIMAL_PRECISION = 38;

const POW10: bigint[] = [1n];
for (let i = 1; i <= 80; i++) POW10.push(POW10[i - 1]! * 10n);

export function pow10(n: number): bigint {
  return n < POW10.length ? POW10[n]! : 10n ** BigInt(n);
}

/** Divides by 10^n rounding HALF_UP (ties away from zero). */
function divPow10HalfUp(v: bigint, n: number): bigint {
  const d = pow10(n);
  const q = v / d;
  const r = v - q * d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return v < 0n ? q - 1n : q + 1n;
  return q;
}

/** Changes the scale of an unscaled value, rounding HALF_UP when digits are dropped. */
export function rescale(v: bigint, fromScale: number, toScale: number): bigint {
  if (toScale === fromScale) return v;
  if (toScale > fromScale) return v * pow10(toScale - fromScale);
  return divPow10HalfUp(v, fromScale - toScale);
}

/** The value when it fits DECIMAL(precision, ...), else null (Flink's overflow result). */
export function fit(v: bigint, precision: number): bigint | null {
  const lim = pow10(precision);
  return v < lim && v > -lim ? v : null;
}

/** Rescales and checks the precision: the value as DECIMAL(p, s) or null on overflow. */
export function toDecimal(v: bigint, fromScale: number, p: number, s: number): bigint | null {
  return fit(rescale(v, fromScale, s), p);
}

export function decAdd(a: bigint, sa: number, b: bigint, sb: number, p: number, s: number): bigint | null {
  const m = Math.max(sa, sb);
  return toDecimal(rescale(a, sa, m) + rescale(b, sb, m), m, p, s);
}

export function decSub(a: bigint, sa: number, b: bigint, sb: number, p: number, s: number): bigint | null {
  const m = Math.max(sa, sb);
  return toDecimal(rescale(a, sa, m) - rescale(b, sb, m), m, p, s);
}

export function decMul(a: bigint, sa: number, b: bigint, sb: number, p: number, s: number): bigint | null {
  return toDecimal(a * b, sa + sb, p, s);
}

/** a / b rounded HALF_UP to scale s; division by zero is an error as in Java's BigDecimal. */
export function decDiv(a: bigint, sa: number, b: bigint, sb: number, p: number, s: number): bigint | null {
  if (b === 0n) throw new SqlArithmeticError('Division by zero');
  // q = a / b * 10^(s + sb - sa), computed with one extra digit for rounding.
  const e = s + sb - sa + 1;
  let num = a;
  let den = b;
  if (e >= 0) num *= pow10(e); else den *= pow10(-e);
  return fit(divPow10HalfUp(num / den, 1), p);
}

/** Remainder with the sign of the dividend. */
export function decMod(a: bigint, sa: number, b: bigint, sb: number, p: number, s: number): bigint | null {
  if (b === 0n) throw new SqlArithmeticError('Division by zero');
  const m = Math.max(sa, sb);
  return toDecimal(rescale(a, sa, m) % rescale(b, sb, m), m, p, s);
}

export function decCompare(a: bigint, sa: number, b: bigint, sb: number): number {
  const m = Math.max(sa, sb);
  const x = rescale(a, sa, m);
  const y = rescale(b, sb, m);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Plain text with exactly `scale` fraction digits: 150n, 2 -> "1.50". */
export function decToString(v: bigint, scale: number): string {
  const neg = v < 0n;
  let digits = (neg ? -v : v).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return neg ? `-${digits}` : digits;
}

export function decToNumber(v: bigint, scale: number): number {
  return scale === 0 ? Number(v) : Number(decToString(v, scale));
}

/**
 * Parses a decimal number (`-12.345`, `1e3`, `.5`) and rounds it HALF_UP to `scale`;
 * undefined when the text is not a number.
 */
export function parseDecimal(text: string, scale: number): bigint | undefined {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  const exp = m[4] ? Number(m[4]) : 0;
  let v = BigInt((m[2] || '0') + frac);
  if (m[1] === '-') v = -v;
  const srcScale = frac.length - exp;
  return srcScale >= 0 ? rescale(v, srcScale, scale) : rescale(v * pow10(-srcScale), 0, scale);
}

/** DOUBLE -> DECIMAL as Flink (BigDecimal.valueOf: the shortest decimal text of the double). */
export function decFromNumber(d: number, scale: number): bigint | undefined {
  if (!Number.isFinite(d)) return undefined;
  return parseDecimal(String(d), scale);
}

/** Digits before the point that an integer type needs as a DECIMAL (Flink: INT -> DECIMAL(10, 0)). */
export function integerDecimalPrecision(root: string): number {
  switch (root) {
    case 'TINYINT': return 3;
    case 'SMALLINT': return 5;
    case 'INT': return 10;
    default: return 19;
  }
}
