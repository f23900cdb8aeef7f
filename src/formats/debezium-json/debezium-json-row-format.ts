// The 'debezium-json' row format (Flink's DebeziumJsonFormatFactory): Debezium change events, with or
// without the Kafka Connect schema envelope. r/c -> +I(after); u -> -U(before), +U(after);
// d -> -D(before); a null or empty message (tombstone) -> nothing. Written back as Flink writes it:
// {"before":..,"after":..,"op":"c"|"d"} per row, so a file of changes can be replayed.
import type { Row } from '../../core/row.ts';
import { Types } from '../../core/types/logical-type.ts';
import { FormatOptions } from '../format-options.ts';
import { asObject, changelogRows, jsonNumber, metadataTypes, type JsonMetadata, type JsonObject } from '../json/json-changelog-rows.ts';
import { jsonObjectWriter, parseJsonMessage, ExactNumber } from '../json/json-row-converter.ts';
import { jsonReadOptions, jsonWriteOptions, JSON_FORMAT_OPTIONS } from '../json/json-row-format.ts';
import { guardedDecoder } from '../row-decoding.ts';
import type { FormatOptionSpec, RowDecoder, RowDecoderContext, RowEncoder, RowEncoderContext, RowFormatFactory } from '../row-format.ts';
import { ValueFormatError } from '../row-values.ts';

const BOOL = ['true', 'false'];

const OPTIONS: readonly FormatOptionSpec[] = [
  { key: 'schema-include', default: 'false', allowed: BOOL, description: 'Messages carry the {"schema":..,"payload":..} envelope (read either way; writing it is not supported, as in Flink).' },
  ...JSON_FORMAT_OPTIONS,
];

const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : v instanceof ExactNumber ? v.text : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Metadata by key, read from the payload (`root` is the message with the schema, if any). */
const METADATA: Record<string, JsonMetadata> = {
  'schema': { type: Types.STRING(), read: (_p, root) => (root.schema === undefined ? null : text(root.schema)) },
  'ingestion-timestamp': { type: Types.TIMESTAMP_LTZ(3), read: (p) => jsonNumber(p.ts_ms) },
  'source.timestamp': { type: Types.TIMESTAMP_LTZ(3), read: (p) => jsonNumber(asObject(p.source)?.ts_ms) },
  'source.database': { type: Types.STRING(), read: (p) => text(asObject(p.source)?.db) },
  'source.schema': { type: Types.STRING(), read: (p) => text(asObject(p.source)?.schema) },
  'source.table': { type: Types.STRING(), read: (p) => { const s = asObject(p.source); return text(s?.table ?? s?.collection); } },
  'source.properties': {
    type: Types.MAP(Types.STRING(false), Types.STRING()),
    read: (p) => { const s = asObject(p.source); return s ? new Map(Object.entries(s).map(([k, v]) => [k, text(v)])) : null; },
  },
};

function createDecoder(ctx: RowDecoderContext): RowDecoder {
  const opts = jsonReadOptions(new FormatOptions(ctx.options, 'debezium-json'));
  const rows = changelogRows(ctx, 'debezium-json', METADATA, opts);
  const image = (obj: unknown, which: string): JsonObject => {
    const o = asObject(obj);
    if (!o) throw new ValueFormatError(`the "${which}" image is not an object`);
    return o;
  };

  return guardedDecoder(ctx, 'Debezium JSON', opts.ignoreParseErrors, (message, out) => {
    const decoded = parseJsonMessage(message, (json): Row[] => {
      const root = asObject(json);
      if (!root) throw new ValueFormatError('the message is not a JSON object');
      // The envelope is unwrapped whenever it is there, whatever 'schema-include' says.
      const payload = root.op === undefined && asObject(root.payload) ? root.payload as JsonObject : root;
      switch (payload.op) {
        case 'r': case 'c': return [rows.row('+I', image(payload.after, 'after'), payload, root)];
        case 'u': {
          if (payload.before === null || payload.before === undefined) {
            throw new ValueFormatError('the "before" field of the update message is null; if you use the Debezium Postgres connector, set the table\'s REPLICA IDENTITY to FULL');
          }
          return [rows.row('-U', image(payload.before, 'before'), payload, root), rows.row('+U', image(payload.after, 'after'), payload, root)];
        }
        case 'd': return [rows.row('-D', image(payload.before, 'before'), payload, root)];
        case 't': case 'm': return []; // truncate and logical-decoding messages carry no row
        default: throw new ValueFormatError(`unknown "op" value ${JSON.stringify(payload.op)}; expected r, c, u or d`);
      }
    });
    for (const r of decoded) out(r);
  });
}

function createEncoder(ctx: RowEncoderContext): RowEncoder {
  const o = new FormatOptions(ctx.options, 'debezium-json');
  if (o.boolean('schema-include', false)) o.fail('schema-include', "Debezium JSON serialization doesn't support 'debezium-json.schema-include' option been set to true.");
  const write = jsonObjectWriter(ctx.physicalType, jsonWriteOptions(o));
  return {
    encode(row) {
      const image = write(row.fields);
      return row.kind === '+I' || row.kind === '+U' ? `{"before":null,"after":${image},"op":"c"}` : `{"before":${image},"after":null,"op":"d"}`;
    },
  };
}

export const debeziumJsonRowFormat: RowFormatFactory = {
  identifier: 'debezium-json',
  options: OPTIONS,
  changelogMode: 'all',
  readableMetadata: metadataTypes(METADATA),
  createDecoder,
  createEncoder,
};
