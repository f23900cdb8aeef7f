// Text <-> SQL value conversions shared by the row formats (json, csv, canal-json, ...): exact
// decimals and 64-bit integers from their digits, dates, times and timestamps in Flink's 'SQL' and
// 'ISO-8601' text forms. Values are represented as core/types/logical-type.ts describes.

/** A text a conversion rejects; the format adds the field, source and position. */
export class ValueFormatError extends Error {
  override name = 'ValueFormatError';
}

export type TimestampStandard = 'SQL' | 'ISO-8601';

const MS_PER_DAY = 86_400_000;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** BIGINT from its digits: a number when safe, else a bigint; an error outside the 64-bit range. */
export function parseBigintText(text: string): number | bigint {
  const t = text.trim();
  if (!/^[-+]?\d+$/.test(t)) throw new ValueFormatError(`'${text}' is not an integer`);
  const n = Number(t);
  if (Number.isSafeInteger(n)) return n;
  const b = BigInt(t);
  if (b < INT64_MIN || b > INT64_MAX) throw new ValueFormatError(`'${text}' is out of the BIGINT range`);
  return b >= -SAFE && b <= SAFE ? Number(b) : b;
}

/** TINYINT/SMALLINT/INT from text, checked against the type's range. */
export function parseIntText(text: string, bits: 8 | 16 | 32): number {
  const t = text.trim();
  if (!/^[-+]?\d+$/.test(t)) throw new ValueFormatError(`'${text}' is not an integer`);
  const n = Number(t);
  const limit = 2 ** (bits - 1);
  if (n < -limit || n >= limit) throw new ValueFormatError(`'${text}' is out of range for a ${bits}-bit integer`);
  return n;
}

export function parseDoubleText(text: string): number {
  const t = text.trim();
  if (t === 'NaN') return NaN;
  if (t === 'Infinity' || t === '+Infinity') return Infinity;
  if (t === '-Infinity') return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[dDfF]?$/.test(t)) throw new ValueFormatError(`'${text}' is not a number`);
  return Number(t.replace(/[dDfF]$/, ''));
}

/**
 * A FLOAT or DOUBLE as JSON/CSV number text, as Java writes it for Jackson: a FLOAT with the
 * shortest digits that read back as the same float32 (3.14, not 3.140000104904175), integral
 * values with `.0`.
 */
export function floatingText(n: number, float: boolean): string {
  let v = n;
  if (float && Number.isFinite(n)) {
    for (let p = 1; p <= 9; p++) {
      const c = Number(n.toPrecision(p));
      if (Math.fround(c) === n) { v = c; break; }
    }
  }
  return Number.isInteger(v) && Math.abs(v) < 1e21 ? v + '.0' : String(v);
}

/**
 * DECIMAL(p, s) from its digits (`12.345`, `-1e3`): the unscaled value rounded half-up to scale s,
 * or null when it needs more than p digits (as Flink's DecimalData.fromBigDecimal).
 */
export function parseDecimalText(text: string, precision: number, scale: number): bigint | null {
  const m = /^\s*([-+])?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new ValueFormatError(`'${text}' is not a decimal number`);
  const digits = m[2]! + (m[3] ?? '');
  // value = digits * 10^-(fraction digits - exponent)
  const exp = Number(m[4] ?? 0) - (m[3] ?? '').length;
  let v = BigInt(digits || '0');
  const shift = exp + scale;
  if (shift >= 0) v *= 10n ** BigInt(shift);
  else {
    const f = 10n ** BigInt(-shift);
    const q = v / f;
    v = (v % f) * 2n >= f ? q + 1n : q;
  }
  if (m[1] === '-') v = -v;
  const limit = 10n ** BigInt(precision);
  return v <= -limit || v >= limit ? null : v;
}

/** The plain text of an unscaled decimal: `12.30`, `-0.05`, `7`. */
export function formatDecimal(unscaled: bigint, scale: number): string {
  if (scale <= 0) return (scale === 0 ? unscaled : unscaled * 10n ** BigInt(-scale)).toString();
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return (neg ? '-' : '') + digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Days since the epoch of a valid proleptic Gregorian date (setUTCFullYear takes years below 100 literally). */
function checkDate(text: string, y: number, mo: number, d: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) throw new ValueFormatError(`'${text}' is not a valid date`);
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCDate() !== d) throw new ValueFormatError(`'${text}' is not a valid date`);
  return Math.round(date.getTime() / MS_PER_DAY);
}

/** DATE `yyyy-MM-dd` to days since the epoch. */
export function parseDateText(text: string): number {
  const m = /^\s*(-?\d{4,})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (!m) throw new ValueFormatError(`'${text}' is not a date (yyyy-MM-dd)`);
  return checkDate(text, Number(m[1]), Number(m[2]), Number(m[3]));
}

export function formatDate(days: number): string {
  const d = new Date(days * MS_PER_DAY);
  const y = d.getUTCFullYear();
  return `${y < 0 ? '-' + pad(-y, 4) : pad(y, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `HH:mm[:ss[.fffffffff]]` to milliseconds of the day (digits past milliseconds dropped). */
function timeOfDay(text: string, h: string, mi: string, s: string | undefined, frac: string | undefined): number {
  const hh = Number(h), mm = Number(mi), ss = Number(s ?? 0);
  if (hh > 23 || mm > 59 || ss > 59) throw new ValueFormatError(`'${text}' is not a valid time`);
  return ((hh * 60 + mm) * 60 + ss) * 1000 + (frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0);
}

export function parseTimeText(text: string): number {
  const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*$/.exec(text);
  if (!m) throw new ValueFormatError(`'${text}' is not a time (HH:mm:ss)`);
  return timeOfDay(text, m[1]!, m[2]!, m[3], m[4]);
}

/** `HH:mm:ss` and the fraction of the second when it is not zero (Flink's SQL_TIME_FORMAT). */
export function formatTime(msOfDay: number): string {
  const ms = ((msOfDay % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const frac = ms % 1000;
  const base = `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}`;
  return frac === 0 ? base : base + '.' + pad(frac, 3).replace(/0+$/, '');
}

const TIMESTAMP_RE = /^\s*(-?\d{4,})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/;

/**
 * A TIMESTAMP (wall clock, `ltz` false) or TIMESTAMP_LTZ (instant) to epoch milliseconds. Both
 * `2020-01-01 12:00:00.123` ('SQL') and `2020-01-01T12:00:00.123` ('ISO-8601') are accepted
 * whichever standard is configured; a zone suffix (`Z`, `+02:00`) shifts an LTZ value to UTC.
 */
export function parseTimestampText(text: string, ltz: boolean): number {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) throw new ValueFormatError(`'${text}' is not a timestamp (yyyy-MM-dd HH:mm:ss[.SSS])`);
  const days = checkDate(text, Number(m[1]), Number(m[2]), Number(m[3]));
  let ms = days * MS_PER_DAY + (m[4] ? timeOfDay(text, m[4], m[5]!, m[6], m[7]) : 0);
  const zone = m[8];
  if (zone && zone !== 'Z') {
    if (!ltz) throw new ValueFormatError(`'${text}' has a zone offset, which a TIMESTAMP without time zone cannot take`);
    const z = /([+-])(\d{2}):?(\d{2})/.exec(zone)!;
    ms -= (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  }
  return ms;
}

/** Flink's JSON timestamp text: `2020-01-01 12:00:00.123` (SQL) or `2020-01-01T12:00:00.123` (ISO-8601), `Z` appended for LTZ. */
export function formatTimestampText(ms: number, standard: TimestampStandard, ltz: boolean): string {
  const days = Math.floor(ms / MS_PER_DAY);
  const text = formatDate(days) + (standard === 'SQL' ? ' ' : 'T') + formatTime(ms - days * MS_PER_DAY);
  return ltz ? text + 'Z' : text;
}

export function parseBooleanText(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  throw new ValueFormatError(`'${text}' is not a boolean`);
}

export function parseBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/=\s_-]*$/.test(text)) throw new ValueFormatError(`'${text.slice(0, 40)}' is not base64`);
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function formatBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
