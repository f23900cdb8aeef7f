// The 'maxwell-json' row format (Flink's MaxwellJsonFormatFactory): one row per message;
// insert -> +I(data), update -> -U(data overlaid with old), +U(data), delete -> -D(data).
// Written back as {"data":..,"type":"insert"|"delete"} per row, as Flink writes it.
import type { Row } from '../../core/row.ts';
import { Types } from '../../core/types/logical-type.ts';
import { FormatOptions } from '../format-options.ts';
import { asObject, changelogRows, metadataTypes, type JsonMetadata, type JsonObject } from '../json/json-changelog-rows.ts';
import { ExactNumber, jsonObjectWriter, parseJsonMessage } from '../json/json-row-converter.ts';
import { jsonReadOptions, jsonWriteOptions, JSON_FORMAT_OPTIONS } from '../json/json-row-format.ts';
import { guardedDecoder } from '../row-decoding.ts';
import type { RowDecoder, RowDecoderContext, RowEncoder, RowEncoderContext, RowFormatFactory } from '../row-format.ts';
import { ValueFormatError } from '../row-values.ts';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const METADATA: Record<string, JsonMetadata> = {
  'database': { type: Types.STRING(), read: (m) => str(m.database) },
  'table': { type: Types.STRING(), read: (m) => str(m.table) },
  'primary-key-columns': { type: Types.ARRAY(Types.STRING()), read: (m) => (Array.isArray(m.primary_key_columns) ? m.primary_key_columns.map(str) : null) },
  // Maxwell's ts is in seconds.
  'ingestion-timestamp': { type: Types.TIMESTAMP_LTZ(3), read: (m) => (typeof m.ts === 'number' ? m.ts * 1000 : m.ts instanceof ExactNumber ? Number(m.ts.text) * 1000 : null) },
};

function createDecoder(ctx: RowDecoderContext): RowDecoder {
  const opts = jsonReadOptions(new FormatOptions(ctx.options, 'maxwell-json'));
  const rows = changelogRows(ctx, 'maxwell-json', METADATA, opts);
  const data = (m: JsonObject): JsonObject => {
    const obj = asObject(m.data);
    if (!obj) throw new ValueFormatError('the "data" field is not an object');
    return obj;
  };

  return guardedDecoder(ctx, 'Maxwell JSON', opts.ignoreParseErrors, (text, out) => {
    const decoded = parseJsonMessage(text, (json): Row[] => {
      const m = asObject(json);
      if (!m) throw new ValueFormatError('the message is not a JSON object');
      switch (m.type) {
        case 'insert': case 'bootstrap-insert': return [rows.row('+I', data(m), m)];
        case 'update': return rows.update(data(m), asObject(m.old), m);
        case 'delete': return [rows.row('-D', data(m), m)];
        case 'bootstrap-start': case 'bootstrap-complete': return [];
        default: throw new ValueFormatError(`unknown "type" value ${JSON.stringify(m.type)}`);
      }
    });
    for (const r of decoded) out(r);
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
  options: JSON_FORMAT_OPTIONS,
  changelogMode: 'all',
  readableMetadata: metadataTypes(METADATA),
  createDecoder,
  createEncoder,
};
