// The public API of Weir: `import { StreamExecutionEnvironment, FileSource } from 'weir'`.
export * from './api/index.ts';
export { FileSource, FileSourceBuilder } from './connectors/file/file-source.ts';
export { FileSink, FileSinkBuilder } from './connectors/file/file-sink.ts';
export { BasePathBucketAssigner } from './connectors/file/base-path-bucket-assigner.ts';
export { DateTimeBucketAssigner } from './connectors/file/date-time-bucket-assigner.ts';
export { DefaultRollingPolicy } from './connectors/file/default-rolling-policy.ts';
export { OnCheckpointRollingPolicy } from './connectors/file/on-checkpoint-rolling-policy.ts';
export { SimpleStringEncoder } from './formats/text/simple-string-encoder.ts';
export { JsonEncoder } from './formats/json/json-encoder.ts';
export { CsvEncoder } from './formats/csv/csv-encoder.ts';
export type { Encoder } from './formats/encoder.ts';
export type { CsvOptions } from './formats/csv/csv-options.ts';
export * from './sql/index.ts';
