// The 'filesystem' connector (Flink's FileSystemTableFactory): tables stored as files of any
// registered row format under 'path', read bounded or continuously ('source.monitor-interval'),
// written exactly-once through the runtime's file sink with Hive-style partition directories, and
// usable as a lookup-join table. As in Flink, written files become visible when the checkpoint
// that covers them completes (or when a bounded job ends): an unbounded job needs checkpointing.
//
// Options used: path, format (+ its '<format>.*' options), partition.default-name,
// source.monitor-interval, sink.rolling-policy.file-size / .rollover-interval / .inactivity-interval /
// .check-interval, sink.shuffle-by-partition.enable, sink.parallelism, lookup.cache.ttl.
// Accepted for compatibility but without effect: sink.partition-commit.* (partitions become visible
// with each committed part file; no _SUCCESS files or metastore), partition.time-extractor.*,
// auto-compaction, compaction.file-size, source.path.regex-pattern.
import { TableError } from '../../sql-errors.ts';
import { getRowFormat, loadAllRowFormats, loadedRowFormat } from '../../../formats/format-registry.ts';
import type { RowFormatFactory } from '../../../formats/row-format.ts';
import { TableOptions, tableName, validateOptions } from '../option-validation.ts';
import { ALL_CHANGES, INSERT_ONLY, type OptionSpec, type SinkContext, type SourceContext, type TableConnectorFactory, type TableContext } from '../table-connector.ts';
import { FilesystemLookup } from './filesystem-lookup.ts';
import { addFilesystemSink } from './filesystem-sink.ts';
import { FilesystemSource } from './filesystem-source.ts';
import { DEFAULT_PARTITION_NAME, FilesystemTable, filesystemMetadata } from './filesystem-table.ts';

// readableMetadata is synchronous and depends on the format, so the formats are loaded with this module.
await loadAllRowFormats();

const OPTIONS: readonly OptionSpec[] = [
  { key: 'path', required: true, description: 'A file or directory; relative paths resolve against the working directory.' },
  { key: 'format', required: true, description: 'Row format: json, csv, raw, debezium-json, canal-json, maxwell-json.' },
  { key: 'partition.default-name', default: DEFAULT_PARTITION_NAME },
  { key: 'source.monitor-interval', description: 'Rescan interval for new files; absent: read what exists and end.' },
  { key: 'source.path.regex-pattern' },
  { key: 'sink.rolling-policy.file-size', default: '128MB' },
  { key: 'sink.rolling-policy.rollover-interval', default: '30 min' },
  { key: 'sink.rolling-policy.inactivity-interval', default: '30 min' },
  { key: 'sink.rolling-policy.check-interval', default: '1 min' },
  { key: 'sink.shuffle-by-partition.enable', default: 'false', allowed: ['true', 'false'] },
  { key: 'sink.parallelism' },
  { key: 'sink.partition-commit.trigger', allowed: ['process-time', 'partition-time'] },
  { key: 'sink.partition-commit.delay' },
  { key: 'sink.partition-commit.watermark-time-zone' },
  { key: 'sink.partition-commit.policy.kind' },
  { key: 'sink.partition-commit.policy.class' },
  { key: 'sink.partition-commit.success-file.name' },
  { key: 'partition.time-extractor.kind' },
  { key: 'partition.time-extractor.class' },
  { key: 'partition.time-extractor.timestamp-pattern' },
  { key: 'partition.time-extractor.timestamp-formatter' },
  { key: 'auto-compaction', allowed: ['true', 'false'] },
  { key: 'compaction.file-size' },
  { key: 'lookup.cache.ttl', default: '60 min', description: 'How long a lookup join serves the loaded table before reloading it.' },
];

/** Validates the table's options with its format's, and resolves the format. */
async function open(ctx: TableContext): Promise<{ table: FilesystemTable; options: TableOptions }> {
  const formatId = ctx.options['format'];
  const format = formatId === undefined ? undefined : await getRowFormat(formatId);
  validateOptions(filesystemFactory, ctx.options, format ? [format] : []);
  return { table: new FilesystemTable(ctx, format!), options: new TableOptions(ctx.options, tableName(ctx.path)) };
}

function formatOf(options: Readonly<Record<string, string>>): RowFormatFactory | undefined {
  const id = options['format'];
  return id === undefined ? undefined : loadedRowFormat(id);
}

export const filesystemFactory: TableConnectorFactory = {
  identifier: 'filesystem',
  options: OPTIONS,

  readableMetadata: (options) => filesystemMetadata(formatOf(options)),

  async createSource(ctx: SourceContext) {
    const { table, options } = await open(ctx);
    const monitorIntervalMs = options.duration('source.monitor-interval');
    const ttlMs = options.duration('lookup.cache.ttl', 60 * 60_000);
    const source = new FilesystemSource({ table, metadataKeys: ctx.metadataKeys, monitorIntervalMs });
    table.rowDecoder(ctx.metadataKeys, undefined); // fails now, not in the job, on an unknown metadata key
    return {
      changelogMode: table.format.changelogMode === 'all' ? ALL_CHANGES : INSERT_ONLY,
      bounded: monitorIntervalMs === undefined,
      produce(env, opts) {
        const stream = env.fromSource(source, opts.watermarks, opts.name).uid(opts.uid);
        if (opts.parallelism !== undefined) stream.setParallelism(opts.parallelism);
        return stream;
      },
      createLookup: (keys) => new FilesystemLookup(table, keys, ctx.primaryKey, ttlMs),
    };
  },

  async createSink(ctx: SinkContext) {
    const { table, options } = await open(ctx);
    if (ctx.overwrite) throw new TableError(`INSERT OVERWRITE into ${tableName(ctx.path)} is not supported by the filesystem connector; write to an empty path instead`);
    const sinkOptions = {
      table,
      maxPartSizeBytes: options.memory('sink.rolling-policy.file-size', 128 << 20),
      rolloverIntervalMs: options.duration('sink.rolling-policy.rollover-interval', 30 * 60_000),
      inactivityIntervalMs: options.duration('sink.rolling-policy.inactivity-interval', 30 * 60_000),
      checkIntervalMs: options.duration('sink.rolling-policy.check-interval', 60_000),
      shuffleByPartition: options.boolean('sink.shuffle-by-partition.enable', false),
      parallelism: options.int('sink.parallelism'),
    };
    table.format.createEncoder({ physicalType: table.dataType, options: table.formatOptions }); // option errors surface at planning
    const changelog = table.format.changelogMode === 'all';
    return {
      acceptedChangelogMode: (produced) => (changelog ? produced : INSERT_ONLY),
      consume(stream, opts) {
        addFilesystemSink(stream, { ...sinkOptions, parallelism: sinkOptions.parallelism ?? opts.parallelism }, opts.name, opts.uid);
      },
    };
  },
};
