// Renders a row as Flink's print connector does: the row converted to its Java external classes and
// printed with Row.toString, e.g. `+I[1, Alice, 2020-01-01T12:00, 12.30, 2020-01-01T12:00:00Z]`.
// (Not SQL's CAST to string: TIMESTAMP prints as LocalDateTime, TIMESTAMP_LTZ as Instant.)
import type { Row } from '../../../core/row.ts';
import type { LogicalType } from '../../../core/types/logical-type.ts';
import { javaDoubleToString, javaFloatToString } from '../../types/value-format.ts';

type Render = (value: unknown) => string;

/** Compiles a renderer for rows of the given column types (once per sink, not per row). */
export function rowRenderer(types: readonly LogicalType[]): (row: Row) => string {
  const fields = types.map(renderer);
  return (row) => {
    let s = row.kind + '[';
    const values = row.fields;
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) s += ', ';
      const v = values[i];
      s += v === null || v === undefined ? 'null' : fields[i]!(v);
    }
    return s + ']';
  };
}

function renderer(type: LogicalType): Render {
  switch (type.root) {
    case 'FLOAT': return (v) => javaFloatToString(v as number);
    case 'DOUBLE': return (v) => javaDoubleToString(v as number);
    case 'DECIMAL': { const scale = type.scale ?? 0; return (v) => bigDecimalToString(v as bigint, scale); }
    case 'DATE': return (v) => isoDate(v as number);
    case 'TIME': return (v) => localTime(v as number);
    case 'TIMESTAMP': return (v) => isoDate(Math.floor((v as number) / 86_400_000)) + 'T' + localTime(mod(v as number, 86_400_000));
    case 'TIMESTAMP_LTZ': return (v) => instant(v as number);
    case 'BINARY': case 'VARBINARY': return (v) => '[' + Array.from(v as Uint8Array, (b) => (b << 24) >> 24).join(', ') + ']';
    case 'INTERVAL_DAY_TIME': return (v) => javaDuration(v as number);
    case 'INTERVAL_YEAR_MONTH': return (v) => javaPeriod(v as number);
    case 'ARRAY': { const el = nullable(renderer(type.element!)); return (v) => '[' + (v as unknown[]).map(el).join(', ') + ']'; }
    case 'MULTISET': { const el = nullable(renderer(type.element!)); return (v) => mapToString(v as Map<unknown, unknown>, el, String); }
    case 'MAP': { const k = nullable(renderer(type.key!)); const val = nullable(renderer(type.value!)); return (v) => mapToString(v as Map<unknown, unknown>, k, val); }
    case 'ROW': { const nested = rowRenderer(type.fields!.map((f) => f.type)); return (v) => nested({ kind: '+I', fields: v as unknown[] }); }
    default: return String;
  }
}

function nullable(r: Render): Render {
  return (v) => (v === null || v === undefined ? 'null' : r(v));
}

function mapToString(m: Map<unknown, unknown>, k: Render, v: Render): string {
  const parts: string[] = [];
  for (const [key, value] of m) parts.push(k(key) + '=' + v(value));
  return '{' + parts.join(', ') + '}';
}

const mod = (a: number, b: number): number => ((a % b) + b) % b;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Java's BigDecimal.toString: plain unless the adjusted exponent is below -6. */
export function bigDecimalToString(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString();
  const adjusted = -scale + (digits.length - 1);
  let body: string;
  if (scale >= 0 && adjusted >= -6) {
    if (scale === 0) body = digits;
    else if (digits.length > scale) body = digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
    else body = '0.' + '0'.repeat(scale - digits.length) + digits;
  } else {
    body = digits.slice(0, 1) + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'E' + (adjusted >= 0 ? '+' : '') + adjusted;
  }
  return (neg ? '-' : '') + body;
}

/** LocalDate.toString of a day count. */
function isoDate(days: number): string {
  const d = new Date(days * 86_400_000);
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : (y < 0 ? '-' + pad(-y, 4) : '+' + y);
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** LocalTime.toString: `HH:mm`, with `:ss` when seconds or millis are set, `.SSS` when millis are. */
function localTime(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const frac = ms % 1000;
  let out = `${pad(h)}:${pad(m)}`;
  if (s !== 0 || frac !== 0) out += ':' + pad(s);
  if (frac !== 0) out += '.' + pad(frac, 3);
  return out;
}

/** Instant.toString: always seconds, fraction in groups of three digits, `Z`. */
function instant(ms: number): string {
  const frac = mod(ms, 1000);
  const base = isoDate(Math.floor(ms / 86_400_000)) + 'T' + localTime(mod(ms, 86_400_000) - frac).padEnd(8, ':00').slice(0, 8);
  return base + (frac !== 0 ? '.' + pad(frac, 3) : '') + 'Z';
}

/** java.time.Duration.toString: `PT8H6M12.345S`, `PT0S`. */
function javaDuration(ms: number): string {
  if (ms === 0) return 'PT0S';
  const neg = ms < 0;
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor(abs / 60_000) % 60;
  const sMs = abs % 60_000;
  const sign = neg ? '-' : '';
  let out = 'PT';
  if (h) out += sign + h + 'H';
  if (m) out += sign + m + 'M';
  if (sMs) {
    const sec = Math.floor(sMs / 1000);
    const frac = sMs % 1000;
    out += sign + sec + (frac ? '.' + pad(frac, 3).replace(/0+$/, '') : '') + 'S';
  }
  return out;
}

/** java.time.Period.toString of a month count: `P1Y2M`, `P0D`. */
function javaPeriod(months: number): string {
  if (months === 0) return 'P0D';
  const y = Math.trunc(months / 12);
  const m = months % 12;
  return 'P' + (y ? y + 'Y' : '') + (m ? m + 'M' : '');
}
