// The 'maxwell-json' row format (Flink's MaxwellJsonFormatFactory): one row per message;
// insert -> +I(data), update -> -U(data overlaid with old), +U(data), delete -> -D(data).
// Written back as {"data":..,"type":"insert"|"delete"} per row, as Flink writes it.
import { ConfigError } from '../../core/errors.ts';
import type { Row } from '../../core/row.ts';
import { Types, type LogicalType } from '../../core/types/logical-type.ts';
import { FormatOptions } from '../format-options.ts';
import { ExactNumber, jsonObjectConverter, jsonObjectWriter, parseJsonMessage } from '../json/json-row-converter.ts';
import { jsonReadOptions, jsonWriteOptions, JSON_TIMESTAMP_STANDARDS } from '../json/json-row-format.ts';
import { guardedDecoder } from '../row-decoding.ts';
import type { FormatOptionSpec, RowDecoder, RowDecoderContext, RowEncoder, RowEncoderContext, RowFormatFactory } from '../row-format.ts';
import { ValueFormatError } from '../row-values.ts';

const BOOL = ['true', 'false'];

const OPTIONS: readonly FormatOptionSpec[] = [
  { key: 'ignore-parse-errors', default: 'false', allowed: BOOL },
  { key: 'timestamp-format.standard', default: 'SQL', allowed: JSON_TIMESTAMP_STANDARDS },
  { key: 'map-null-key.mode', default: 'FAIL', allowed: ['FAIL', 'DROP', 'LITERAL'] },
  { key: 'map-null-key.literal', default: 'null' },
  { key: 'encode.decimal-as-plain-number', default: 'false', allowed: BOOL },
  { key: 'encode.ignore-null-fields', default: 'false', allowed: BOOL },
];

type Json = Record<string, unknown>;

const asObject = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Json : undefined);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const METADATA: Record<string, { type: LogicalType; read: (m: Json) => unknown }> = {
  'database': { type: Types.STRING(), read: (m) => str(m.database) },
  'table': { type: Types.STRING(), read: (m) => str(m.table) },
  'primary-key-columns': { type: Types.ARRAY(Types.STRING()), read: (m) => (Array.isArray(m.primary_key_columns) ? m.primary_key_columns.map(str) : null) },
  // Maxwell's ts is in seconds.
  'ingestion-timestamp': { type: Types.TIMESTAMP_LTZ(3), read: (m) => (typeof m.ts === 'number' ? m.ts * 1000 : m.ts instanceof ExactNumber ? Number(m.ts.text) * 1000 : null) },
};

function createDecoder(ctx: RowDecoderContext): RowDecoder {
  const opts = jsonReadOptions(new FormatOptions(ctx.options, 'maxwell-json'));
  const width = ctx.physicalType.names.length;
  const convert = jsonObjectConverter(ctx.physicalType, opts);
  const metadata = ctx.metadataKeys.map((k) => {
    const m = METADATA[k];
    if (!m) throw new ConfigError('metadata', `maxwell-json has no metadata key '${k}'; available: ${Object.keys(METADATA).join(', ')}`);
    return m.read;
  });
  const toRow = (kind: Row['kind'], image: unknown, message: Json): Row => {
    const obj = asObject(image);
    if (!obj) throw new ValueFormatError('the "data" field is not an object');
    const fields = new Array<unknown>(width + metadata.length);
    convert(obj, fields, 0);
    for (let i = 0; i < metadata.length; i++) fields[width + i] = metadata[i]!(message);
    return { kind, fields };
  };

  return guardedDecoder(ctx, 'Maxwell JSON', opts.ignoreParseErrors, (text, out) => {
    const rows = parseJsonMessage(text, (json): Row[] => {
      const m = asObject(json);
      if (!m) throw new ValueFormatError('the message is not a JSON object');
      switch (m.type) {
        case 'insert': case 'bootstrap-insert': return [toRow('+I', m.data, m)];
        case 'update': return [toRow('-U', { ...asObject(m.data), ...asObject(m.old) }, m), toRow('+U', m.data, m)];
        case 'delete': return [toRow('-D', m.data, m)];
        case 'bootstrap-start': case 'bootstrap-complete': return [];
        default: throw new ValueFormatError(`unknown "type" value ${JSON.stringify(m.type)}`);
      }
    });
    for (const r of rows) out(r);
  });
}

function createEncoder(ctx: RowEncoderContext): RowEncoder {
  const write = jsonObjectWriter(ctx.physicalType, jsonWriteOptions(new FormatOptions(ctx.options, 'maxwell-json')));
  return {
    encode: (row) => `{"data":${write(row.fields)},"type":"${row.kind === '+I' || row.kind === '+U' ? 'insert' : 'delete'}"}`,
  };
}

export const maxwellJsonRowFormat: RowFormatFactory = {
  identifier: 'maxwell-json',
  options: OPTIONS,
  changelogMode: 'all',
  readableMetadata: Object.fromEntries(Object.entries(METADATA).map(([k, m]) => [k, m.type])),
  createDecoder,
  createEncoder,
};
