// The 'canal-json' row format (Flink's CanalJsonFormatFactory): one Canal message holds several rows
// of one INSERT/UPDATE/DELETE, values as strings cast by the table schema. UPDATE row i becomes
// -U(data[i] overlaid with old[i]), +U(data[i]); DDL messages are skipped; messages of databases or
// tables outside `canal-json.database.include` / `canal-json.table.include` are dropped.
import type { Row } from '../../core/row.ts';
import { Types } from '../../core/types/logical-type.ts';
import { FormatOptions } from '../format-options.ts';
import { asObject, changelogRows, jsonNumber, metadataTypes, type JsonMetadata } from '../json/json-changelog-rows.ts';
import { jsonObjectWriter, parseJsonMessage } from '../json/json-row-converter.ts';
import { jsonReadOptions, jsonWriteOptions, JSON_FORMAT_OPTIONS } from '../json/json-row-format.ts';
import { guardedDecoder } from '../row-decoding.ts';
import type { FormatOptionSpec, RowDecoder, RowDecoderContext, RowEncoder, RowEncoderContext, RowFormatFactory } from '../row-format.ts';
import { ValueFormatError } from '../row-values.ts';

const OPTIONS: readonly FormatOptionSpec[] = [
  ...JSON_FORMAT_OPTIONS,
  { key: 'database.include', description: 'Regular expression the whole "database" must match; others are dropped.' },
  { key: 'table.include', description: 'Regular expression the whole "table" must match; others are dropped.' },
];

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const METADATA: Record<string, JsonMetadata> = {
  'database': { type: Types.STRING(), read: (m) => str(m.database) },
  'table': { type: Types.STRING(), read: (m) => str(m.table) },
  'sql-type': {
    type: Types.MAP(Types.STRING(false), Types.INT()),
    read: (m) => { const o = asObject(m.sqlType); return o ? new Map(Object.entries(o).map(([k, v]) => [k, jsonNumber(v)])) : null; },
  },
  'pk-names': { type: Types.ARRAY(Types.STRING()), read: (m) => (Array.isArray(m.pkNames) ? m.pkNames.map(str) : null) },
  'ingestion-timestamp': { type: Types.TIMESTAMP_LTZ(3), read: (m) => jsonNumber(m.ts) },
  'event-timestamp': { type: Types.TIMESTAMP_LTZ(3), read: (m) => jsonNumber(m.es) },
};

/** A regex that must match the whole text, as Java's Matcher.matches(). */
function wholeMatch(o: FormatOptions, key: string): RegExp | undefined {
  const re = o.regex(key);
  return re && new RegExp(`^(?:${re.source})$`);
}

function createDecoder(ctx: RowDecoderContext): RowDecoder {
  const o = new FormatOptions(ctx.options, 'canal-json');
  const opts = jsonReadOptions(o);
  const databaseInclude = wholeMatch(o, 'database.include');
  const tableInclude = wholeMatch(o, 'table.include');
  const rows = changelogRows(ctx, 'canal-json', METADATA, opts);

  return guardedDecoder(ctx, 'Canal JSON', opts.ignoreParseErrors, (text, out) => {
    const decoded = parseJsonMessage(text, (json): Row[] => {
      const m = asObject(json);
      if (!m) throw new ValueFormatError('the message is not a JSON object');
      if (databaseInclude && !(typeof m.database === 'string' && databaseInclude.test(m.database))) return [];
      if (tableInclude && !(typeof m.table === 'string' && tableInclude.test(m.table))) return [];
      if (m.isDdl === true) return [];
      const type = m.type;
      if (type === 'CREATE' || type === 'ALTER' || type === 'ERASE' || type === 'TRUNCATE' || type === 'RENAME' || type === 'CINDEX' || type === 'DINDEX' || type === 'QUERY') return [];
      if (!Array.isArray(m.data)) throw new ValueFormatError(`the "data" field of a ${String(type)} message is not an array`);
      const data = m.data.map((d, i) => {
        const obj = asObject(d);
        if (!obj) throw new ValueFormatError(`data[${i}] is not an object`);
        return obj;
      });
      switch (type) {
        case 'INSERT': return data.map((d) => rows.row('+I', d, m));
        case 'DELETE': return data.map((d) => rows.row('-D', d, m));
        case 'UPDATE': {
          const old = Array.isArray(m.old) ? m.old : [];
          return data.flatMap((d, i) => rows.update(d, asObject(old[i]), m));
        }
        default: throw new ValueFormatError(`unknown "type" value ${JSON.stringify(type)}`);
      }
    });
    for (const r of decoded) out(r);
  });
}

function createEncoder(ctx: RowEncoderContext): RowEncoder {
  const write = jsonObjectWriter(ctx.physicalType, jsonWriteOptions(new FormatOptions(ctx.options, 'canal-json')));
  return {
    encode: (row) => `{"data":[${write(row.fields)}],"type":"${row.kind === '+I' || row.kind === '+U' ? 'INSERT' : 'DELETE'}"}`,
  };
}

export const canalJsonRowFormat: RowFormatFactory = {
  identifier: 'canal-json',
  options: OPTIONS,
  changelogMode: 'all',
  readableMetadata: metadataTypes(METADATA),
  createDecoder,
  createEncoder,
};
