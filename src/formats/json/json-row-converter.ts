// Converts parsed JSON values to SQL values of a row type and SQL values to JSON text, as Flink's
// JsonToRowDataConverters / RowDataToJsonConverters do; shared by json, debezium-json, canal-json
// and maxwell-json. Numbers for DECIMAL and BIGINT are taken from their digits when a double cannot
// hold them (see parseJsonMessage), so 64-bit integers and wide decimals stay exact.
import type { LogicalType, RowType } from '../../core/types/logical-type.ts';
import {
  floatingText, formatBase64, formatDate, formatDecimal, formatTime, formatTimestampText, parseBase64, parseBigintText, parseBooleanText,
  parseDateText, parseDecimalText, parseDoubleText, parseIntText, parseTimeText, parseTimestampText, ValueFormatError,
  type TimestampStandard,
} from '../row-values.ts';

/** A JSON number kept as its source text (from parseJsonMessage's exact pass). */
export class ExactNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** Thrown by a converter that met a number a double may have rounded: the message is parsed again exactly. */
class NeedsExactParse extends Error {}
const NEEDS_EXACT = new NeedsExactParse('needs exact parse');

/**
 * Parses a JSON message and converts it with `convert`. If the conversion meets a number a double
 * cannot represent exactly (a BIGINT beyond 2^53, a DECIMAL with more than 15 digits), the text is
 * parsed again with numbers kept as ExactNumber and converted once more. Throws SyntaxError on bad JSON.
 */
export function parseJsonMessage<T>(text: string, convert: (json: unknown) => T): T {
  try {
    return convert(JSON.parse(text));
  } catch (e) {
    if (e !== NEEDS_EXACT) throw e;
  }
  return convert(JSON.parse(text, exactReviver as (this: unknown, key: string, value: unknown) => unknown));
}

function exactReviver(_key: string, value: unknown, context?: { source?: string }): unknown {
  return typeof value === 'number' && context?.source !== undefined ? new ExactNumber(context.source) : value;
}

/** Fewer than 16 significant digits: the double's shortest text is the digits that were written. */
function exactDigits(n: number): boolean {
  const digits = String(n).replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '');
  return digits.length <= 15;
}

export interface JsonConverterOptions {
  /** Absent fields are errors instead of nulls (`json.fail-on-missing-field`). */
  readonly failOnMissingField: boolean;
  readonly timestampStandard: TimestampStandard;
}

/** A conversion failure, with the path of the field it happened in. */
export class FieldConversionError extends ValueFormatError {
  readonly field: string;
  readonly fieldType: LogicalType;
  readonly reason: string;
  constructor(field: string, type: LogicalType, reason: string) {
    super(`field '${field}' (${typeName(type)}): ${reason}`);
    this.field = field;
    this.fieldType = type;
    this.reason = reason;
  }
}

function typeName(t: LogicalType): string {
  switch (t.root) {
    case 'VARCHAR': return t.length === 2147483647 ? 'STRING' : `VARCHAR(${t.length})`;
    case 'DECIMAL': return `DECIMAL(${t.precision}, ${t.scale})`;
    default: return t.root;
  }
}

type FromJson = (v: unknown) => unknown;

const describe = (v: unknown): string => (v instanceof ExactNumber ? v.text : typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

/** The converter of one JSON value (never null; callers handle null) to a value of `type`. */
export function fromJsonConverter(type: LogicalType, opts: JsonConverterOptions): FromJson {
  const text = (v: unknown, what: string): string => {
    if (typeof v === 'string') return v;
    if (v instanceof ExactNumber) return v.text;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new ValueFormatError(`expected ${what} but found ${describe(v)}`);
  };
  switch (type.root) {
    case 'BOOLEAN': return (v) => (typeof v === 'boolean' ? v : parseBooleanText(text(v, 'a boolean')));
    case 'TINYINT': case 'SMALLINT': case 'INT': {
      const bits = type.root === 'TINYINT' ? 8 : type.root === 'SMALLINT' ? 16 : 32;
      const limit = 2 ** (bits - 1);
      return (v) => {
        if (typeof v === 'number' && Number.isInteger(v) && v >= -limit && v < limit) return v;
        return parseIntText(text(v, 'an integer'), bits);
      };
    }
    case 'BIGINT': return (v) => {
      if (typeof v === 'number') {
        if (Number.isSafeInteger(v)) return v;
        if (Number.isInteger(v)) throw NEEDS_EXACT;
      }
      return parseBigintText(text(v, 'an integer'));
    };
    case 'FLOAT': return (v) => Math.fround(typeof v === 'number' ? v : parseDoubleText(text(v, 'a number')));
    case 'DOUBLE': return (v) => (typeof v === 'number' ? v : parseDoubleText(text(v, 'a number')));
    case 'DECIMAL': {
      const p = type.precision ?? 10, s = type.scale ?? 0;
      return (v) => {
        if (typeof v === 'number' && !exactDigits(v)) throw NEEDS_EXACT;
        return parseDecimalText(text(v, 'a decimal number'), p, s);
      };
    }
    case 'CHAR': case 'VARCHAR': return (v) => (typeof v === 'string' ? v : v instanceof ExactNumber ? v.text : typeof v === 'object' ? JSON.stringify(v, exactReplacer) : String(v));
    case 'BINARY': case 'VARBINARY': return (v) => parseBase64(text(v, 'a base64 string'));
    // Numbers are accepted for dates (Debezium's io.debezium.time.Date day count) and timestamps (epoch ms).
    case 'DATE': return (v) => (typeof v === 'number' && Number.isInteger(v) ? v : parseDateText(text(v, 'a date')));
    case 'TIME': return (v) => (typeof v === 'number' && Number.isInteger(v) ? v : parseTimeText(text(v, 'a time')));
    case 'TIMESTAMP': case 'TIMESTAMP_LTZ': {
      const ltz = type.root === 'TIMESTAMP_LTZ';
      return (v) => (typeof v === 'number' && Number.isInteger(v) ? v : parseTimestampText(text(v, 'a timestamp'), ltz));
    }
    case 'ARRAY': {
      const el = nullSafe(fromJsonConverter(type.element!, opts));
      return (v) => {
        if (!Array.isArray(v)) throw new ValueFormatError(`expected an array but found ${describe(v)}`);
        return v.map(el);
      };
    }
    case 'MAP': case 'MULTISET': {
      const keyType = type.root === 'MAP' ? type.key! : type.element!;
      const k = fromJsonConverter(keyType, opts);
      const val = type.root === 'MAP' ? nullSafe(fromJsonConverter(type.value!, opts)) : (x: unknown) => Number(x);
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ValueFormatError(`expected an object but found ${describe(v)}`);
        const m = new Map<unknown, unknown>();
        for (const [key, value] of Object.entries(v)) m.set(k(key), val(value));
        return m;
      };
    }
    case 'ROW': {
      const nested = jsonObjectConverter({ names: type.fields!.map((f) => f.name), types: type.fields!.map((f) => f.type) }, opts);
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ValueFormatError(`expected an object but found ${describe(v)}`);
        const out = new Array<unknown>(type.fields!.length);
        nested(v as Record<string, unknown>, out, 0);
        return out;
      };
    }
    default:
      return () => { throw new ValueFormatError(`the JSON format cannot read values of type ${type.root}`); };
  }
}

function nullSafe(f: FromJson): FromJson {
  return (v) => (v === null || v === undefined ? null : f(v));
}

function exactReplacer(_key: string, value: unknown): unknown {
  return value instanceof ExactNumber ? (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON(value.text) : value;
}

/**
 * Compiles a converter from a JSON object to the fields of `type`, written into `out` from `start`.
 * Names match exactly, or else ignoring case (Debezium sources with upper-case columns). Throws
 * FieldConversionError naming the field.
 */
export function jsonObjectConverter(type: RowType, opts: JsonConverterOptions): (obj: Record<string, unknown>, out: unknown[], start: number) => void {
  const { names, types } = type;
  const converters = types.map((t) => fromJsonConverter(t, opts));
  const lower = names.map((n) => n.toLowerCase());
  return (obj, out, start) => {
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      let v = Object.hasOwn(obj, name) ? obj[name] : undefined;
      if (v === undefined) {
        const key = Object.keys(obj).find((k) => k.toLowerCase() === lower[i]);
        if (key !== undefined) v = obj[key];
        else if (opts.failOnMissingField) throw new FieldConversionError(name, types[i]!, 'the field is missing');
      }
      if (v === null || v === undefined) {
        out[start + i] = null;
        continue;
      }
      try {
        out[start + i] = converters[i]!(v);
      } catch (e) {
        if (e === NEEDS_EXACT) throw e;
        if (e instanceof FieldConversionError) throw new FieldConversionError(`${name}.${e.field}`, e.fieldType, e.reason);
        if (e instanceof ValueFormatError) throw new FieldConversionError(name, types[i]!, e.message);
        throw e;
      }
    }
  };
}

export interface JsonWriterOptions {
  readonly timestampStandard: TimestampStandard;
  /** `json.map-null-key.mode`: FAIL (default), DROP the entry, or write it under LITERAL. */
  readonly mapNullKeyMode: 'FAIL' | 'DROP' | 'LITERAL';
  readonly mapNullKeyLiteral: string;
  /** Leave null fields out of objects (`json.encode.ignore-null-fields`). */
  readonly ignoreNullFields?: boolean;
}

type ToJson = (v: unknown) => string;

/** The writer of one non-null SQL value as JSON text. */
export function toJsonWriter(type: LogicalType, opts: JsonWriterOptions): ToJson {
  switch (type.root) {
    case 'BOOLEAN': case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT': return String;
    case 'FLOAT': case 'DOUBLE': {
      const float = type.root === 'FLOAT';
      // NaN and Infinity are not JSON numbers: written as strings, which the reader parses back.
      return (v) => (Number.isFinite(v) ? floatingText(v as number, float) : JSON.stringify(String(v)));
    }
    case 'DECIMAL': { const s = type.scale ?? 0; return (v) => formatDecimal(v as bigint, s); }
    case 'CHAR': case 'VARCHAR': return (v) => JSON.stringify(v);
    case 'BINARY': case 'VARBINARY': return (v) => '"' + formatBase64(v as Uint8Array) + '"';
    case 'DATE': return (v) => '"' + formatDate(v as number) + '"';
    case 'TIME': return (v) => '"' + formatTime(v as number) + '"';
    case 'TIMESTAMP': return (v) => '"' + formatTimestampText(v as number, opts.timestampStandard, false) + '"';
    case 'TIMESTAMP_LTZ': return (v) => '"' + formatTimestampText(v as number, opts.timestampStandard, true) + '"';
    case 'ARRAY': {
      const el = toJsonWriter(type.element!, opts);
      return (v) => '[' + (v as unknown[]).map((x) => (x === null || x === undefined ? 'null' : el(x))).join(',') + ']';
    }
    case 'MAP': case 'MULTISET': {
      const valueWriter = type.root === 'MAP' ? toJsonWriter(type.value!, opts) : String;
      return (v) => {
        const parts: string[] = [];
        for (const [key, value] of v as Map<unknown, unknown>) {
          let k: string;
          if (key === null || key === undefined) {
            if (opts.mapNullKeyMode === 'DROP') continue;
            if (opts.mapNullKeyMode === 'FAIL') throw new ValueFormatError("a map has a null key; set 'json.map-null-key.mode' to DROP or LITERAL to write it");
            k = opts.mapNullKeyLiteral;
          } else k = typeof key === 'string' ? key : String(key);
          parts.push(JSON.stringify(k) + ':' + (value === null || value === undefined ? 'null' : valueWriter(value)));
        }
        return '{' + parts.join(',') + '}';
      };
    }
    case 'ROW': {
      const w = jsonObjectWriter({ names: type.fields!.map((f) => f.name), types: type.fields!.map((f) => f.type) }, opts);
      return (v) => w(v as unknown[]);
    }
    default:
      return () => { throw new ValueFormatError(`the JSON format cannot write values of type ${type.root}`); };
  }
}

/** Compiles a writer of a row's fields as a JSON object `{"name":value,...}`. */
export function jsonObjectWriter(type: RowType, opts: JsonWriterOptions): (fields: readonly unknown[]) => string {
  const keys = type.names.map((n) => JSON.stringify(n) + ':');
  const writers = type.types.map((t) => toJsonWriter(t, opts));
  const skipNulls = opts.ignoreNullFields === true;
  return (fields) => {
    let s = '{';
    for (let i = 0; i < keys.length; i++) {
      const v = fields[i];
      const isNull = v === null || v === undefined;
      if (isNull && skipNulls) continue;
      s += (s.length > 1 ? ',' : '') + keys[i] + (isNull ? 'null' : writers[i]!(v));
    }
    return s + '}';
  };
}
