// Watermark strategies: how a source assigns timestamps and generates watermarks, as in Flink.

export type TimestampAssigner<T> = (element: T, recordTimestamp: number) => number;

/** Receives watermarks from a generator; one per split inside a source. */
export interface WatermarkOutput {
  emitWatermark(timestamp: number): void;
  markIdle(): void;
  markActive(): void;
}

export interface WatermarkGenerator<T> {
  /** Called for every record, after its timestamp was assigned. */
  onEvent(event: T, timestamp: number, output: WatermarkOutput): void;
  /** Called every pipeline.auto-watermark-interval. */
  onPeriodicEmit(output: WatermarkOutput): void;
}

export interface WatermarkStrategy<T> {
  createWatermarkGenerator(): WatermarkGenerator<T>;
  /** Undefined keeps the timestamp the source gave the record. */
  readonly timestampAssigner?: TimestampAssigner<T>;
  /** Inputs (splits) with no record for this long are marked idle; undefined: never. */
  readonly idleTimeoutMs?: number;
  withTimestampAssigner(assigner: TimestampAssigner<T>): WatermarkStrategy<T>;
  withIdleness(timeoutMs: number): WatermarkStrategy<T>;
}
