// Buckets records by the date and time of their event timestamp (Flink's DateTimeBucketAssigner),
// e.g. '2024-05-01--13'; records without a timestamp use processing time.
import { NO_TIMESTAMP } from '../../core/stream-element.ts';
import type { BucketAssigner, BucketContext } from './bucket-assigner.ts';
import { compileDateTimePattern } from './date-time-pattern.ts';
import type { DateTimeFormatter } from './date-time-pattern.ts';

export class DateTimeBucketAssigner<T = unknown> implements BucketAssigner<T> {
  private readonly format: DateTimeFormatter;

  /** `pattern` may contain '/' to nest directories, e.g. "yyyy/MM/dd". */
  constructor(pattern = 'yyyy-MM-dd--HH', timeZone = 'UTC') {
    this.format = compileDateTimePattern(pattern, timeZone);
  }

  getBucketId(_value: T, ctx: BucketContext): string {
    return this.format(ctx.timestamp === NO_TIMESTAMP ? ctx.processingTime() : ctx.timestamp);
  }
}
