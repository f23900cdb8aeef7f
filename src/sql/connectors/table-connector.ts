// The contract for table connectors (Flink's DynamicTableSourceFactory / DynamicTableSinkFactory):
// a factory registered by its 'connector' identifier validates the table's options and builds a
// source or sink on the DataStream API. Connectors register lazily (connector-registry.ts), so a
// connector that a job does not use is never loaded.
import type { RowKind } from '../../core/row-kind.ts';
import type { Row } from '../../core/row.ts';
import type { LogicalType, RowType } from '../../core/types/logical-type.ts';
import type { Configuration } from '../../core/config.ts';
import type { DataStream } from '../../api/data-stream.ts';
import type { StreamExecutionEnvironment } from '../../api/stream-execution-environment.ts';
import type { WatermarkStrategy } from '../../time/watermark-strategies.ts';
import type { FormatOptionSpec } from '../../formats/row-format.ts';
import type { ObjectPath } from '../catalog/catalog-objects.ts';

/** The kinds of change a stream carries. `upsert`: updates come as +U (no -U) keyed by the primary key, deletes may carry only the key. */
export interface ChangelogMode {
  readonly kinds: readonly RowKind[];
  readonly upsert?: boolean;
}

export const INSERT_ONLY: ChangelogMode = { kinds: ['+I'] };
export const ALL_CHANGES: ChangelogMode = { kinds: ['+I', '-U', '+U', '-D'] };
export const UPSERT: ChangelogMode = { kinds: ['+I', '+U', '-D'], upsert: true };

/** Everything a factory needs to build a source or sink for one table in one query. */
export interface TableContext {
  readonly path: ObjectPath;
  /** The table's options with dynamic hint options applied, keys as written. */
  readonly options: Readonly<Record<string, string>>;
  /** Physical columns in declaration order: what the source produces / the sink receives. */
  readonly physicalType: RowType;
  /** Primary key as indexes into physicalType. */
  readonly primaryKey?: readonly number[];
  readonly partitionKeys: readonly string[];
  /** Session configuration (table.*, execution.* keys). */
  readonly config: Configuration;
  readonly mode: 'STREAMING' | 'BATCH';
}

export interface SourceContext extends TableContext {
  /** Metadata keys the query reads, in order; the source appends their values after the physical fields. */
  readonly metadataKeys: readonly string[];
  /**
   * Physical field indexes the query needs (projection push-down); the source may skip the others
   * but still emits rows of the full physical width (skipped fields null).
   */
  readonly projectedFields?: readonly number[];
}

export interface SinkContext extends TableContext {
  /** Metadata keys the sink writes, appended after the physical fields of each row. */
  readonly metadataKeys: readonly string[];
  /** Static partition values from `INSERT INTO t PARTITION (k='v')`. */
  readonly staticPartition: Readonly<Record<string, string>>;
  readonly overwrite: boolean;
}

/** Looks rows up by key (lookup joins): returns the matching rows (physical fields). */
export interface LookupFunction {
  open?(): void | Promise<void>;
  /** Synchronous: lookup sources keep a cache (the filesystem source loads the whole file). */
  lookup(key: readonly unknown[]): readonly unknown[][];
  close?(): void | Promise<void>;
}

export interface TableSource {
  readonly changelogMode: ChangelogMode;
  readonly bounded: boolean;
  /**
   * Adds the source to the job. Rows carry the physical fields then the metadata values. The
   * watermark strategy (from the table's WATERMARK clause, built by the planner) is applied per
   * split inside the source, as Flink pushes watermarks into sources.
   */
  produce(env: StreamExecutionEnvironment, opts: { readonly name: string; readonly uid: string; readonly watermarks?: WatermarkStrategy<Row>; readonly parallelism?: number }): DataStream<Row>;
  /** Present on sources that can serve lookup joins: `keys` are physical field indexes. */
  createLookup?(keys: readonly number[]): LookupFunction;
}

export interface TableSink {
  /** What the sink accepts given what the query produces; the planner rejects the rest. */
  acceptedChangelogMode(produced: ChangelogMode): ChangelogMode;
  consume(stream: DataStream<Row>, opts: { readonly name: string; readonly uid: string; readonly parallelism?: number }): void;
}

/** One option a connector or format understands (for validation and "supported keys" errors); one declaration with the formats' FormatOptionSpec. */
export type OptionSpec = FormatOptionSpec;

export interface TableConnectorFactory {
  readonly identifier: string;
  readonly options: readonly OptionSpec[];
  /** Metadata the source can read / the sink can write, by key, given the table's options (formats add theirs). */
  readableMetadata?(options: Readonly<Record<string, string>>): Readonly<Record<string, LogicalType>>;
  writableMetadata?(options: Readonly<Record<string, string>>): Readonly<Record<string, LogicalType>>;
  createSource?(ctx: SourceContext): TableSource | Promise<TableSource>;
  createSink?(ctx: SinkContext): TableSink | Promise<TableSink>;
}
