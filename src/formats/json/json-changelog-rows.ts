// How the JSON changelog formats (Canal, Maxwell, Debezium) make rows: the physical fields converted
// from a row image, then the requested metadata read from the message; an update is -U of the
// before image, +U of the after image.
import { ConfigError } from '../../core/errors.ts';
import type { Row } from '../../core/row.ts';
import type { LogicalType } from '../../core/types/logical-type.ts';
import type { RowDecoderContext } from '../row-format.ts';
import { ExactNumber, jsonObjectConverter, type JsonConverterOptions } from './json-row-converter.ts';

export type JsonObject = Record<string, unknown>;

/** The value as a JSON object; undefined for null, arrays and primitives. */
export function asObject(v: unknown): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as JsonObject : undefined;
}

/** A JSON number (epoch milliseconds, a type code) as a number; null for anything else. */
export function jsonNumber(v: unknown): number | null {
  return typeof v === 'number' ? v : v instanceof ExactNumber ? Number(v.text) : null;
}

/** A metadata column of a format: its type and how to read it from a message (`root` is the outermost object: Debezium's schema envelope, else the message). */
export interface JsonMetadata {
  readonly type: LogicalType;
  readonly read: (message: JsonObject, root: JsonObject) => unknown;
}

/** The types of a format's metadata, for RowFormatFactory.readableMetadata. */
export function metadataTypes(metadata: Readonly<Record<string, JsonMetadata>>): Record<string, LogicalType> {
  return Object.fromEntries(Object.entries(metadata).map(([k, m]) => [k, m.type]));
}

export interface ChangelogRows {
  /** The row of one image. */
  row(kind: Row['kind'], image: JsonObject, message: JsonObject, root?: JsonObject): Row;
  /**
   * An update as Canal and Maxwell send it: `old` holds the previous values of the changed fields
   * only, so the before image is `after` overlaid with `old`. Gives -U(before), +U(after).
   */
  update(after: JsonObject, old: JsonObject | undefined, message: JsonObject): Row[];
}

/** The row maker of a decoder; a requested metadata key the format does not have is a ConfigError listing those it has. */
export function changelogRows(ctx: RowDecoderContext, identifier: string, metadata: Readonly<Record<string, JsonMetadata>>, opts: JsonConverterOptions): ChangelogRows {
  const width = ctx.physicalType.names.length;
  const convert = jsonObjectConverter(ctx.physicalType, opts);
  const readers = ctx.metadataKeys.map((k) => {
    const m = metadata[k];
    if (!m) throw new ConfigError('metadata', `${identifier} has no metadata key '${k}'; available: ${Object.keys(metadata).join(', ')}`);
    return m.read;
  });
  const row = (kind: Row['kind'], image: JsonObject, message: JsonObject, root: JsonObject = message): Row => {
    const fields = new Array<unknown>(width + readers.length);
    convert(image, fields, 0);
    for (let i = 0; i < readers.length; i++) fields[width + i] = readers[i]!(message, root);
    return { kind, fields };
  };
  return {
    row,
    update: (after, old, message) => [row('-U', { ...after, ...old }, message), row('+U', after, message)],
  };
}
