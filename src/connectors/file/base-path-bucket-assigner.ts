// Writes every record directly into the base path (Flink's BasePathBucketAssigner).
import type { BucketAssigner } from './bucket-assigner.ts';

export class BasePathBucketAssigner<T = unknown> implements BucketAssigner<T> {
  getBucketId(): string {
    return '';
  }
}
