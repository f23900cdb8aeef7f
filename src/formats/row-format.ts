// The contract of SQL row formats (Flink's DeserializationFormatFactory / SerializationFormatFactory):
// a format turns one message (a line of a file, a Kafka record value) into 0..n changelog rows of
// a table's physical type plus metadata values, and a row back into one message.
import type { Row } from '../core/row.ts';
import type { LogicalType, RowType } from '../core/types/logical-type.ts';

/** One option of a format, keyed without the format prefix (`fail-on-missing-field` for `json.fail-on-missing-field`). */
export interface FormatOptionSpec {
  readonly key: string;
  readonly required?: boolean;
  readonly default?: string;
  /** Allowed values, compared case-insensitively. */
  readonly allowed?: readonly string[];
  /** Keys matching a prefix pattern, e.g. `fields.#.kind` where # is any field name. */
  readonly pattern?: boolean;
  readonly description?: string;
}

export interface RowDecoderContext {
  /** The table's physical columns: every decoded row has these fields first. */
  readonly physicalType: RowType;
  /** Metadata keys (the format's own, without any `value.` prefix), appended after the physical fields in this order. */
  readonly metadataKeys: readonly string[];
  /** The format's options with the prefix stripped (`ignore-parse-errors`, not `json.ignore-parse-errors`). */
  readonly options: Readonly<Record<string, string>>;
  /** Names the input in errors (a file path, a topic). */
  readonly source: string;
  /** Called for each message skipped under `ignore-parse-errors`, with the reason. */
  readonly onSkip?: (reason: string) => void;
}

export interface RowEncoderContext {
  readonly physicalType: RowType;
  readonly options: Readonly<Record<string, string>>;
}

/** Where a message came from, for error messages. */
export interface MessagePosition {
  readonly line?: number;
  readonly offset?: number;
  /** Overrides the context's source (a file of a directory). */
  readonly source?: string;
}

export interface RowDecoder {
  /**
   * Decodes one message and calls `out` for each row it yields (none for a tombstone or a skipped
   * message). Malformed input throws InputFormatError naming the source, position, field and
   * reason, unless `ignore-parse-errors` is set: then the message is skipped and reported to onSkip.
   */
  decode(message: string | Uint8Array | null, out: (row: Row) => void, where?: MessagePosition): void;
}

export interface RowEncoder {
  /** One message (a line without its newline). Changelog formats encode every kind; the others only insertions. */
  encode(row: Row): string;
}

export interface RowFormatFactory {
  readonly identifier: string;
  readonly options: readonly FormatOptionSpec[];
  /** 'all': the format carries -U/+U/-D (CDC formats); 'insert-only' otherwise. */
  readonly changelogMode: 'insert-only' | 'all';
  /** Metadata the decoder can append, by key (without a `value.` prefix). */
  readonly readableMetadata: Readonly<Record<string, LogicalType>>;
  createDecoder(ctx: RowDecoderContext): RowDecoder;
  createEncoder(ctx: RowEncoderContext): RowEncoder;
}
