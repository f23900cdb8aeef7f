// Decides when the sink closes the current part file of a bucket and starts a new one. Every checkpoint
// rolls all part files regardless (see file-sink-writer.ts); a policy only adds rolls in between.

/** What a policy may look at: the open part file. Times are processing time in ms. */
export interface PartFileInfo {
  readonly bucketId: string;
  readonly creationTime: number;
  readonly lastUpdateTime: number;
  /** Bytes written, buffered ones included. */
  readonly size: number;
}

export interface RollingPolicy<T> {
  /** Asked before each record is written to the part file. */
  shouldRollOnEvent(part: PartFileInfo, value: T): boolean;
  /** Asked periodically (every bucket check interval). */
  shouldRollOnProcessingTime(part: PartFileInfo, now: number): boolean;
}
