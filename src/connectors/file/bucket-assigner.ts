// Decides the bucket (sub-directory of the sink's base path) each record is written to.

/** What an assigner may look at besides the record (Flink's BucketAssigner.Context). */
export interface BucketContext {
  /** The record's event timestamp, or NO_TIMESTAMP (-Infinity). */
  readonly timestamp: number;
  readonly watermark: number;
  processingTime(): number;
}

export interface BucketAssigner<T> {
  /** A relative directory path under the base path ('' for the base path itself); '/' separates levels. */
  getBucketId(value: T, ctx: BucketContext): string;
}

/** A plain function is an assigner too. */
export type BucketAssignerLike<T> = BucketAssigner<T> | ((value: T, ctx: BucketContext) => string);

export function toBucketAssigner<T>(a: BucketAssignerLike<T>): BucketAssigner<T> {
  return typeof a === 'function' ? { getBucketId: a } : a;
}
