// The filesystem table sink: the runtime's exactly-once FileSink (part files in progress -> pending ->
// committed when the checkpoint that holds them completes, or when a bounded job finishes), one line
// per row encoded by the table's row format, partition columns as `k=v/` directories instead of in
// the files. With a changelog format every change kind is written, so the files replay as a source.
import type { Row } from '../../../core/row.ts';
import { BasePathBucketAssigner } from '../../../connectors/file/base-path-bucket-assigner.ts';
import { DefaultRollingPolicy } from '../../../connectors/file/default-rolling-policy.ts';
import { FileSink } from '../../../connectors/file/file-sink.ts';
import type { Encoder } from '../../../formats/encoder.ts';
import type { DataStream } from '../../../api/data-stream.ts';
import { partitionPathBuilder } from './partition-path.ts';
import type { FilesystemTable } from './filesystem-table.ts';

export interface FilesystemSinkOptions {
  readonly table: FilesystemTable;
  readonly maxPartSizeBytes: number;
  readonly rolloverIntervalMs: number;
  readonly inactivityIntervalMs: number;
  readonly checkIntervalMs: number;
  readonly shuffleByPartition: boolean;
  readonly parallelism: number | undefined;
}

/** The row's stored columns (all but the partition columns), encoded as one line. */
function rowEncoder(table: FilesystemTable): Encoder<Row> {
  const encoder = table.format.createEncoder({ physicalType: table.dataType, options: table.formatOptions });
  if (table.partitionIndexes.length === 0) return { encode: (row) => encoder.encode(row) + '\n' };
  const data = table.dataIndexes;
  return {
    encode(row) {
      const fields = new Array<unknown>(data.length);
      for (let i = 0; i < data.length; i++) fields[i] = row.fields[data[i]!];
      return encoder.encode({ kind: row.kind, fields }) + '\n';
    },
  };
}

export function addFilesystemSink(stream: DataStream<Row>, o: FilesystemSinkOptions, name: string, uid: string): void {
  const { table } = o;
  const encoder = rowEncoder(table);
  const partitioned = table.partitionIndexes.length > 0;
  const bucketOf = partitioned
    ? partitionPathBuilder(table.physicalType.names, table.physicalType.types, table.partitionIndexes, table.defaultPartitionName)
    : undefined;
  const sink = FileSink.forRowFormat(table.basePath, encoder)
    .withBucketAssigner(bucketOf ? (row: Row) => bucketOf(row.fields) : new BasePathBucketAssigner<Row>())
    .withRollingPolicy(new DefaultRollingPolicy<Row>({ maxPartSizeBytes: o.maxPartSizeBytes, rolloverIntervalMs: o.rolloverIntervalMs, inactivityIntervalMs: o.inactivityIntervalMs }))
    .withBucketCheckInterval(o.checkIntervalMs)
    .build();
  const input = bucketOf && o.shuffleByPartition ? stream.keyBy((row: Row) => bucketOf(row.fields)) : stream;
  const out = input.sinkTo(sink).name(name).uid(uid);
  if (o.parallelism !== undefined) out.setParallelism(o.parallelism);
}
