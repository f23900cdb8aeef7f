// The watermark generator for records that arrive at most a fixed time out of order (Flink's BoundedOutOfOrdernessWatermarks).
import { MIN_WATERMARK } from '../core/stream-element.ts';
import type { WatermarkGenerator, WatermarkOutput } from './watermark-strategy.ts';

/** Returns `ms` if it is a valid out-of-orderness bound, else throws a RangeError naming the value. */
export function checkOutOfOrderness(ms: number): number {
  if (!(ms >= 0 && Number.isFinite(ms))) {
    throw new RangeError(`the maximum out-of-orderness must be a finite number of milliseconds >= 0, got ${ms}`);
  }
  return ms;
}

/**
 * Emits `maxTimestamp - outOfOrdernessMs - 1` on each periodic emit: a record at most
 * outOfOrdernessMs older than the newest one seen is never late. Emits nothing before the
 * first record with a timestamp, so an empty split does not claim any progress.
 */
export class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
  readonly #outOfOrdernessMs: number;
  #maxTimestamp = MIN_WATERMARK;

  constructor(outOfOrdernessMs: number) {
    this.#outOfOrdernessMs = checkOutOfOrderness(outOfOrdernessMs);
  }

  onEvent(_event: T, timestamp: number, _output: WatermarkOutput): void {
    if (timestamp > this.#maxTimestamp) this.#maxTimestamp = timestamp;
  }

  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.#maxTimestamp !== MIN_WATERMARK) output.emitWatermark(this.#maxTimestamp - this.#outOfOrdernessMs - 1);
  }
}
