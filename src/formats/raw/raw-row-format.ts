// The 'raw' row format (Flink's RawFormatFactory): the whole message is the value of the table's
// single STRING or BYTES column; a null message is a null value.
import { ConfigError } from '../../core/errors.ts';
import type { RowType } from '../../core/types/logical-type.ts';
import { FormatOptions } from '../format-options.ts';
import type { FormatOptionSpec, RowDecoder, RowDecoderContext, RowEncoder, RowEncoderContext, RowFormatFactory } from '../row-format.ts';

const OPTIONS: readonly FormatOptionSpec[] = [
  { key: 'charset', default: 'UTF-8', allowed: ['UTF-8'], description: 'Only UTF-8 is supported.' },
  { key: 'endianness', default: 'big-endian', allowed: ['big-endian', 'little-endian'], description: 'Accepted for compatibility; only STRING and BYTES columns are supported, which have no byte order.' },
];

/** Whether the single column is binary; anything but one STRING/BYTES column is an error. */
function singleColumn(type: RowType, options: Readonly<Record<string, string>>): boolean {
  new FormatOptions(options, 'raw').choice('charset', ['UTF-8'], 'UTF-8');
  if (type.names.length !== 1) throw new ConfigError('format', `The 'raw' format only supports a single physical column, but the table has ${type.names.length}: ${type.names.join(', ')}`);
  const root = type.types[0]!.root;
  if (root === 'VARBINARY' || root === 'BINARY') return true;
  if (root === 'VARCHAR' || root === 'CHAR') return false;
  throw new ConfigError('format', `The 'raw' format supports a STRING or BYTES column, but '${type.names[0]}' is ${root}`);
}

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

function createDecoder(ctx: RowDecoderContext): RowDecoder {
  const binary = singleColumn(ctx.physicalType, ctx.options);
  return {
    decode(message, out) {
      let value: unknown = null;
      if (message !== null) {
        if (binary) value = typeof message === 'string' ? utf8Encoder.encode(message) : message;
        else value = typeof message === 'string' ? message : utf8Decoder.decode(message);
      }
      out({ kind: '+I', fields: [value] });
    },
  };
}

function createEncoder(ctx: RowEncoderContext): RowEncoder {
  const binary = singleColumn(ctx.physicalType, ctx.options);
  return {
    encode(row) {
      const v = row.fields[0];
      if (v === null || v === undefined) return '';
      return binary ? utf8Decoder.decode(v as Uint8Array) : v as string;
    },
  };
}

export const rawRowFormat: RowFormatFactory = {
  identifier: 'raw',
  options: OPTIONS,
  changelogMode: 'insert-only',
  readableMetadata: {},
  createDecoder,
  createEncoder,
};
