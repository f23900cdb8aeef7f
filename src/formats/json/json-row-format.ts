// The 'json' row format (Flink's JsonFormatFactory): one JSON object per message, fields matched by
// name; `json.fail-on-missing-field`, `json.ignore-parse-errors`, `json.timestamp-format.standard`,
// `json.map-null-key.*`, `json.encode.*`.
import { ValueFormatError } from '../row-values.ts';
import { FormatOptions } from '../format-options.ts';
import type { FormatOptionSpec, RowDecoder, RowDecoderContext, RowEncoder, RowEncoderContext, RowFormatFactory } from '../row-format.ts';
import { guardedDecoder } from '../row-decoding.ts';
import { jsonObjectConverter, jsonObjectWriter, parseJsonMessage, type JsonConverterOptions, type JsonWriterOptions } from './json-row-converter.ts';

const BOOL = ['true', 'false'];

const JSON_TIMESTAMP_STANDARDS = ['SQL', 'ISO-8601'] as const;

/** The options every JSON-based format reads through jsonReadOptions and jsonWriteOptions; 'json' adds fail-on-missing-field, the CDC formats their own. */
export const JSON_FORMAT_OPTIONS: readonly FormatOptionSpec[] = [
  { key: 'ignore-parse-errors', default: 'false', allowed: BOOL, description: 'Skip malformed messages instead of failing.' },
  { key: 'timestamp-format.standard', default: 'SQL', allowed: JSON_TIMESTAMP_STANDARDS, description: "'SQL' writes `2020-01-01 12:00:00.123`, 'ISO-8601' writes `2020-01-01T12:00:00.123`; both are read." },
  { key: 'map-null-key.mode', default: 'FAIL', allowed: ['FAIL', 'DROP', 'LITERAL'] },
  { key: 'map-null-key.literal', default: 'null' },
  { key: 'encode.decimal-as-plain-number', default: 'false', allowed: BOOL, description: 'Decimals are always written as plain numbers.' },
  { key: 'encode.ignore-null-fields', default: 'false', allowed: BOOL, description: 'Leave null fields out of written objects.' },
];

const OPTIONS: readonly FormatOptionSpec[] = [
  { key: 'fail-on-missing-field', default: 'false', allowed: BOOL, description: 'An absent field is an error instead of null.' },
  ...JSON_FORMAT_OPTIONS,
];

/** The decoding options of a JSON-based format (`<identifier>.fail-on-missing-field`, ...). */
export function jsonReadOptions(o: FormatOptions): JsonConverterOptions & { ignoreParseErrors: boolean } {
  const failOnMissingField = o.boolean('fail-on-missing-field', false);
  const ignoreParseErrors = o.boolean('ignore-parse-errors', false);
  if (failOnMissingField && ignoreParseErrors) o.fail('ignore-parse-errors', "fail-on-missing-field and ignore-parse-errors shouldn't both be true.");
  return { failOnMissingField, ignoreParseErrors, timestampStandard: o.choice('timestamp-format.standard', JSON_TIMESTAMP_STANDARDS, 'SQL') };
}

export function jsonWriteOptions(o: FormatOptions): JsonWriterOptions {
  return {
    timestampStandard: o.choice('timestamp-format.standard', JSON_TIMESTAMP_STANDARDS, 'SQL'),
    mapNullKeyMode: o.choice('map-null-key.mode', ['FAIL', 'DROP', 'LITERAL'] as const, 'FAIL'),
    mapNullKeyLiteral: o.string('map-null-key.literal', 'null'),
    ignoreNullFields: o.boolean('encode.ignore-null-fields', false),
  };
}

function createDecoder(ctx: RowDecoderContext): RowDecoder {
  const opts = jsonReadOptions(new FormatOptions(ctx.options, 'json'));
  const width = ctx.physicalType.names.length;
  const convert = jsonObjectConverter(ctx.physicalType, opts);
  return guardedDecoder(ctx, 'JSON', opts.ignoreParseErrors, (text, out) => {
    const fields = parseJsonMessage(text, (json) => {
      if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ValueFormatError('the message is not a JSON object');
      const f = new Array<unknown>(width);
      convert(json as Record<string, unknown>, f, 0);
      return f;
    });
    out({ kind: '+I', fields });
  });
}

function createEncoder(ctx: RowEncoderContext): RowEncoder {
  const write = jsonObjectWriter(ctx.physicalType, jsonWriteOptions(new FormatOptions(ctx.options, 'json')));
  return { encode: (row) => write(row.fields) };
}

export const jsonRowFormat: RowFormatFactory = {
  identifier: 'json',
  options: OPTIONS,
  changelogMode: 'insert-only',
  readableMetadata: {},
  createDecoder,
  createEncoder,
};
