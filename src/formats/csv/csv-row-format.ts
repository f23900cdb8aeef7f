// The 'csv' row format (Flink's CsvFormatFactory): one line per row, fields by position in the
// table's column order; `csv.field-delimiter`, `csv.quote-character`, `csv.disable-quote-character`,
// `csv.escape-character`, `csv.allow-comments`, `csv.null-literal`, `csv.array-element-delimiter`,
// `csv.ignore-parse-errors`. An empty unquoted field is null for non-string columns.
import type { LogicalType } from '../../core/types/logical-type.ts';
import { FormatOptions } from '../format-options.ts';
import { fromJsonConverter } from '../json/json-row-converter.ts';
import { guardedDecoder } from '../row-decoding.ts';
import type { FormatOptionSpec, RowDecoder, RowDecoderContext, RowEncoder, RowEncoderContext, RowFormatFactory } from '../row-format.ts';
import { floatingText, formatBase64, formatDate, formatDecimal, formatTime, formatTimestampText, ValueFormatError } from '../row-values.ts';

const BOOL = ['true', 'false'];

const OPTIONS: readonly FormatOptionSpec[] = [
  { key: 'field-delimiter', default: ',' },
  { key: 'disable-quote-character', default: 'false', allowed: BOOL },
  { key: 'quote-character', default: '"' },
  { key: 'allow-comments', default: 'false', allowed: BOOL, description: "Lines starting with '#' are skipped." },
  { key: 'ignore-parse-errors', default: 'false', allowed: BOOL },
  { key: 'array-element-delimiter', default: ';' },
  { key: 'escape-character' },
  { key: 'null-literal', description: 'This text reads and writes as null.' },
  { key: 'write-bigdecimal-in-scientific-notation', default: 'false', allowed: BOOL, description: 'Decimals are always written as plain numbers.' },
];

interface Dialect {
  readonly delimiter: string;
  readonly quote: string | undefined;
  readonly escape: string | undefined;
  readonly nullLiteral: string | undefined;
  readonly arrayDelimiter: string;
}

function dialect(o: FormatOptions): Dialect {
  return {
    delimiter: o.char('field-delimiter', ','),
    quote: o.boolean('disable-quote-character', false) ? undefined : o.char('quote-character', '"'),
    escape: o.optional('escape-character') === undefined ? undefined : o.char('escape-character', '\\'),
    nullLiteral: o.optional('null-literal'),
    arrayDelimiter: o.string('array-element-delimiter', ';'),
  };
}

/** A field of a line: its text and whether it was quoted (a quoted empty field is an empty string, not null). */
interface Field { text: string; quoted: boolean }

function splitCsvLine(line: string, d: Dialect): Field[] {
  const fields: Field[] = [];
  let i = 0;
  for (;;) {
    let text = '';
    let quoted = false;
    if (d.quote !== undefined && line[i] === d.quote) {
      quoted = true;
      i++;
      for (;;) {
        if (i >= line.length) throw new ValueFormatError(`unterminated quoted field`);
        const c = line[i]!;
        if (c === d.escape && i + 1 < line.length) { text += line[i + 1]; i += 2; continue; }
        if (c === d.quote) {
          if (line[i + 1] === d.quote) { text += c; i += 2; continue; }
          i++;
          break;
        }
        text += c;
        i++;
      }
      if (i < line.length && line[i] !== d.delimiter) throw new ValueFormatError(`unexpected character '${line[i]}' after a closing quote at column ${i + 1}`);
    } else {
      while (i < line.length && line[i] !== d.delimiter) {
        if (line[i] === d.escape && i + 1 < line.length) { text += line[i + 1]; i += 2; continue; }
        text += line[i];
        i++;
      }
    }
    fields.push({ text, quoted });
    if (i >= line.length) return fields;
    i++; // the delimiter
  }
}

function isString(t: LogicalType): boolean {
  return t.root === 'VARCHAR' || t.root === 'CHAR';
}

function createDecoder(ctx: RowDecoderContext): RowDecoder {
  const o = new FormatOptions(ctx.options, 'csv');
  const d = dialect(o);
  const allowComments = o.boolean('allow-comments', false);
  const { names, types } = ctx.physicalType;
  const converters = types.map((t) => {
    if (t.root === 'ARRAY') {
      const el = fromJsonConverter(t.element!, { failOnMissingField: false, timestampStandard: 'SQL' });
      return (s: string) => s.split(d.arrayDelimiter).map((x) => (x === d.nullLiteral ? null : el(x)));
    }
    return fromJsonConverter(t, { failOnMissingField: false, timestampStandard: 'SQL' });
  });
  return guardedDecoder(ctx, 'CSV', o.boolean('ignore-parse-errors', false), (line, out) => {
    if (allowComments && line.startsWith('#')) return;
    const parts = splitCsvLine(line, d);
    if (parts.length < names.length) throw new ValueFormatError(`the line has ${parts.length} fields, the table ${names.length} columns`);
    const fields = new Array<unknown>(names.length);
    for (let i = 0; i < names.length; i++) {
      const { text, quoted } = parts[i]!;
      if ((!quoted && text === d.nullLiteral) || (!quoted && text === '' && !isString(types[i]!))) {
        fields[i] = null;
        continue;
      }
      try {
        fields[i] = converters[i]!(text);
      } catch (e) {
        if (e instanceof ValueFormatError) throw new ValueFormatError(`field '${names[i]}' (column ${i + 1}): ${e.message}`);
        throw e;
      }
    }
    out({ kind: '+I', fields });
  });
}

type Writer = (v: unknown) => string;

function csvWriter(t: LogicalType, d: Dialect): Writer {
  switch (t.root) {
    case 'DECIMAL': { const s = t.scale ?? 0; return (v) => formatDecimal(v as bigint, s); }
    case 'FLOAT': case 'DOUBLE': { const float = t.root === 'FLOAT'; return (v) => floatingText(v as number, float); }
    case 'DATE': return (v) => formatDate(v as number);
    case 'TIME': return (v) => formatTime(v as number);
    case 'TIMESTAMP': return (v) => formatTimestampText(v as number, 'SQL', false);
    case 'TIMESTAMP_LTZ': return (v) => formatTimestampText(v as number, 'SQL', true);
    case 'BINARY': case 'VARBINARY': return (v) => formatBase64(v as Uint8Array);
    case 'ARRAY': { const el = csvWriter(t.element!, d); return (v) => (v as unknown[]).map((x) => (x === null ? d.nullLiteral ?? '' : el(x))).join(d.arrayDelimiter); }
    default: return String;
  }
}

function createEncoder(ctx: RowEncoderContext): RowEncoder {
  const d = dialect(new FormatOptions(ctx.options, 'csv'));
  const writers = ctx.physicalType.types.map((t) => csvWriter(t, d));
  const q = d.quote;
  const needsQuote = (s: string) => s.includes(d.delimiter) || (q !== undefined && s.includes(q)) || s.includes('\n') || s.includes('\r') || s !== s.trim() || (s === '' && d.nullLiteral === undefined);
  const quote = (s: string) => (q === undefined || !needsQuote(s) ? s : q + s.split(q).join(q + q) + q);
  return {
    encode(row) {
      let s = '';
      for (let i = 0; i < writers.length; i++) {
        const v = row.fields[i];
        if (i > 0) s += d.delimiter;
        s += v === null || v === undefined ? d.nullLiteral ?? '' : quote(writers[i]!(v));
      }
      return s;
    },
  };
}

export const csvRowFormat: RowFormatFactory = {
  identifier: 'csv',
  options: OPTIONS,
  changelogMode: 'insert-only',
  readableMetadata: {},
  createDecoder,
  createEncoder,
};
