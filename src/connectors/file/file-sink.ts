// The file sink (Flink's FileSink, row format): exactly-once part files per bucket, visible only after the
// checkpoint that contains them completes.
//
//   const sink = FileSink.forRowFormat('/data/out', new JsonEncoder<Event>())
//     .withBucketAssigner(new DateTimeBucketAssigner('yyyy-MM-dd--HH'))
//     .withRollingPolicy(new DefaultRollingPolicy({ maxPartSizeBytes: 64 << 20 }))
//     .withOutputFileConfig({ partSuffix: '.json' })
//     .build();
import { resolve } from 'node:path';
import { ConfigError } from '../../core/errors.ts';
import type { Encoder } from '../../formats/encoder.ts';
import type { Sink, SinkWriterContext } from '../../runtime/sink/sink.ts';
import { toBucketAssigner } from './bucket-assigner.ts';
import type { BucketAssignerLike } from './bucket-assigner.ts';
import { DateTimeBucketAssigner } from './date-time-bucket-assigner.ts';
import { DefaultRollingPolicy } from './default-rolling-policy.ts';
import { FileCommitter } from './file-committer.ts';
import type { FileCommittable } from './file-committer.ts';
import { FileSinkWriter } from './file-sink-writer.ts';
import type { FileSinkWriterOptions } from './file-sink-writer.ts';
import { outputFileConfig } from './output-file-config.ts';
import type { OutputFileConfig } from './output-file-config.ts';
import type { RollingPolicy } from './rolling-policy.ts';

export class FileSink<T> implements Sink<T, FileCommittable> {
  readonly options: FileSinkWriterOptions<T>;

  constructor(options: FileSinkWriterOptions<T>) {
    this.options = options;
  }

  static forRowFormat<T>(basePath: string, encoder: Encoder<T>): FileSinkBuilder<T> {
    return new FileSinkBuilder(basePath, encoder);
  }

  /** The writer keeps no state across checkpoints, so the restored state is empty and unused. */
  createWriter(ctx: SinkWriterContext, _restoredState?: readonly unknown[]): FileSinkWriter<T> {
    return new FileSinkWriter(ctx, this.options);
  }

  createCommitter(): FileCommitter {
    return new FileCommitter(this.options.basePath);
  }
}

export class FileSinkBuilder<T> {
  private readonly basePath: string;
  private readonly encoder: Encoder<T>;
  private bucketAssigner: BucketAssignerLike<T> = new DateTimeBucketAssigner<T>();
  private rollingPolicy: RollingPolicy<T> = new DefaultRollingPolicy<T>();
  private fileConfig: OutputFileConfig = outputFileConfig();
  private bucketCheckIntervalMs = 60_000;

  constructor(basePath: string, encoder: Encoder<T>) {
    this.basePath = resolve(basePath);
    this.encoder = encoder;
  }

  /** Default: DateTimeBucketAssigner('yyyy-MM-dd--HH', 'UTC'), as in Flink. Use BasePathBucketAssigner for one directory. */
  withBucketAssigner(assigner: BucketAssignerLike<T>): this {
    this.bucketAssigner = assigner;
    return this;
  }

  /** Default: DefaultRollingPolicy (128 MiB, 60 s rollover, 60 s inactivity). Checkpoints always roll too. */
  withRollingPolicy(policy: RollingPolicy<T>): this {
    this.rollingPolicy = policy;
    return this;
  }

  withOutputFileConfig(config: Partial<OutputFileConfig>): this {
    this.fileConfig = outputFileConfig(config);
    return this;
  }

  /** How often open part files are checked against time-based rolling (default 60 s). */
  withBucketCheckInterval(ms: number): this {
    if (!(ms > 0)) throw new ConfigError('sink.rolling-policy.check-interval', `the bucket check interval must be positive, got ${ms}`);
    this.bucketCheckIntervalMs = ms;
    return this;
  }

  build(): FileSink<T> {
    return new FileSink({
      basePath: this.basePath,
      encoder: this.encoder,
      bucketAssigner: toBucketAssigner(this.bucketAssigner),
      rollingPolicy: this.rollingPolicy,
      outputFileConfig: this.fileConfig,
      bucketCheckIntervalMs: this.bucketCheckIntervalMs,
    });
  }
}
