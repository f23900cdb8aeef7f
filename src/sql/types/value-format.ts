// Values as text and back, as Flink's CAST(x AS STRING) and CAST(string AS type) do it.
import { WeirError } from '../../core/errors.ts';
import { formatType, type LogicalType } from '../../core/types/logical-type.ts';
import { parseInt64 } from './bigint.ts';
import { decToString, fit, parseDecimal } from './decimal.ts';
import {
  formatDate, formatTime, formatTimestamp, instantToLocal, localToInstant, MS_PER_DAY,
  parseDate, parseTime, parseTimestamp, timeZone,
} from './datetime.ts';

/** A string that CAST cannot turn into the target type. */
export class CastError extends WeirError {
  override name = 'CastError';
}

/** Java's Double.toString: `1.0`, `0.1`, `1.0E10`, `1.234E-5`, `NaN`, `Infinity`. */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  return javaDigits(d.toExponential(), Math.abs(d));
}

/** Java's Float.toString for a FLOAT value (the shortest digits that round-trip through float). */
export function javaFloatToString(f: number): string {
  if (!Number.isFinite(f) || f === 0) return javaDoubleToString(f);
  let p = 1;
  while (p < 9 && Math.fround(Number(f.toPrecision(p))) !== f) p++;
  return javaDigits(Number(f.toPrecision(p)).toExponential(), Math.abs(f));
}

function javaDigits(exponential: string, abs: number): string {
  const [mant, expText] = exponential.split('e') as [string, string];
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      out = `${intPart}.${digits.slice(exp + 1) || '0'}`;
    } else {
      out = `0.${'0'.repeat(-exp - 1)}${digits}`;
    }
  } else {
    out = `${digits[0]}.${digits.slice(1) || '0'}E${exp}`;
  }
  return neg ? `-${out}` : out;
}

/** INTERVAL DAY TO SECOND as Flink prints it: `+1 02:03:04.000`. */
export function formatDayTimeInterval(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const a = Math.abs(ms);
  const days = Math.floor(a / MS_PER_DAY);
  return `${sign}${days} ${formatTime(a - days * MS_PER_DAY, 3)}`;
}

/** INTERVAL YEAR TO MONTH as Flink prints it: `+1-02`. */
export function formatYearMonthInterval(months: number): string {
  const a = Math.abs(months);
  return `${months < 0 ? '-' : '+'}${Math.floor(a / 12)}-${String(a % 12).padStart(2, '0')}`;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export const bytesToHex = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!];
  return s;
};

/**
 * The text of a value as Flink's CAST(x AS STRING) produces it; 'NULL' for null (also inside
 * ARRAY/MAP/ROW). TIMESTAMP_LTZ is shown in `zone` (the session time zone). BYTES print as
 * `x'0a0b'` (the SQL client's form; CAST(BYTES AS STRING) decodes UTF-8 instead).
 */
export function formatValue(value: unknown, type: LogicalType, zone = 'UTC'): string {
  if (value === null || value === undefined) return 'NULL';
  switch (type.root) {
    case 'BOOLEAN': return value ? 'TRUE' : 'FALSE';
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT': return String(value);
    case 'DECIMAL': return decToString(value as bigint, type.scale ?? 0);
    case 'FLOAT': return javaFloatToString(value as number);
    case 'DOUBLE': return javaDoubleToString(value as number);
    case 'CHAR': case 'VARCHAR': return value as string;
    case 'BINARY': case 'VARBINARY': return `x'${bytesToHex(value as Uint8Array)}'`;
    case 'DATE': return formatDate(value as number);
    case 'TIME': return formatTime(value as number, type.precision ?? 0);
    case 'TIMESTAMP': return formatTimestamp(value as number, type.precision ?? 6);
    case 'TIMESTAMP_LTZ': return formatTimestamp(instantToLocal(value as number, timeZone(zone)), type.precision ?? 6);
    case 'INTERVAL_DAY_TIME': return formatDayTimeInterval(value as number);
    case 'INTERVAL_YEAR_MONTH': return formatYearMonthInterval(value as number);
    case 'ARRAY': return `[${(value as unknown[]).map((v) => formatValue(v, type.element!, zone)).join(', ')}]`;
    case 'MULTISET': case 'MAP': {
      const parts: string[] = [];
      const kt = type.root === 'MAP' ? type.key! : type.element!;
      const vt = type.root === 'MAP' ? type.value! : { root: 'INT', nullable: false } as LogicalType;
      for (const [k, v] of value as Map<unknown, unknown>) parts.push(`${formatValue(k, kt, zone)}=${formatValue(v, vt, zone)}`);
      return `{${parts.join(', ')}}`;
    }
    case 'ROW': return `(${(value as unknown[]).map((v, i) => formatValue(v, type.fields![i]!.type, zone)).join(', ')})`;
    case 'NULL': return 'NULL';
    default: return String(value);
  }
}

const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', '1']);
const FALSE_WORDS = new Set(['f', 'false', 'n', 'no', '0']);

const fail = (text: string, type: LogicalType): never => {
  throw new CastError(`Cannot cast '${text}' to ${formatType(type)}: not a valid ${formatType({ ...type, nullable: true })} value`);
};

/**
 * A value from its text as CAST(string AS type) reads it (leading and trailing spaces ignored);
 * throws CastError naming the text and the type. DECIMAL that overflows its precision is null
 * (Flink's behaviour). TIMESTAMP_LTZ text is wall-clock time in `zone`.
 */
export function parseValue(text: string, type: LogicalType, zone = 'UTC'): unknown {
  switch (type.root) {
    case 'BOOLEAN': {
      const w = text.trim().toLowerCase();
      if (TRUE_WORDS.has(w)) return true;
      if (FALSE_WORDS.has(w)) return false;
      return fail(text, type);
    }
    case 'TINYINT': case 'SMALLINT': case 'INT': {
      const bits = type.root === 'TINYINT' ? 8 : type.root === 'SMALLINT' ? 16 : 32;
      const v = parseInt64(text);
      if (v === undefined || typeof v === 'bigint' || v < -(2 ** (bits - 1)) || v >= 2 ** (bits - 1)) return fail(text, type);
      return v;
    }
    case 'BIGINT': {
      const v = parseInt64(text);
      return v === undefined ? fail(text, type) : v;
    }
    case 'DECIMAL': {
      const v = parseDecimal(text, type.scale ?? 0);
      return v === undefined ? fail(text, type) : fit(v, type.precision ?? 10);
    }
    case 'FLOAT': case 'DOUBLE': {
      const s = text.trim();
      const v = /^[+-]?(NaN|Infinity)$/.test(s) ? Number(s) : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(s) ? Number(s.replace(/[dDfF]$/, '')) : undefined;
      if (v === undefined) return fail(text, type);
      return type.root === 'FLOAT' ? Math.fround(v) : v;
    }
    case 'CHAR': case 'VARCHAR': return text;
    case 'BINARY': case 'VARBINARY': return new TextEncoder().encode(text);
    case 'DATE': {
      const v = parseDate(text) ?? dateOfTimestamp(parseTimestamp(text));
      return v === undefined ? fail(text, type) : v;
    }
    case 'TIME': {
      const v = parseTime(text);
      return v === undefined ? fail(text, type) : v;
    }
    case 'TIMESTAMP': {
      const v = parseTimestamp(text);
      return v === undefined ? fail(text, type) : v;
    }
    case 'TIMESTAMP_LTZ': {
      const v = parseTimestamp(text);
      return v === undefined ? fail(text, type) : localToInstant(v, timeZone(zone));
    }
    default:
      throw new CastError(`Cannot cast a string to ${formatType(type)}`);
  }
}

const dateOfTimestamp = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : Math.floor(ms / MS_PER_DAY));
