// The built-in watermark strategies, as Flink's WatermarkStrategy static factories:
// `WatermarkStrategy.forBoundedOutOfOrderness<Event>(5000).withTimestampAssigner((e) => e.ts)`.
import type { TimestampAssigner, WatermarkGenerator, WatermarkStrategy as WatermarkStrategyContract } from './watermark-strategy.ts';
import { BoundedOutOfOrdernessWatermarks, checkOutOfOrderness } from './bounded-out-of-orderness-watermarks.ts';

/** The strategy interface under the same name as the factories, so one import serves as both type and value. */
export type WatermarkStrategy<T> = WatermarkStrategyContract<T>;

/** Returns a fresh generator on every call: each split gets its own. */
export type WatermarkGeneratorFactory<T> = () => WatermarkGenerator<T>;

const noWatermarksGenerator: WatermarkGenerator<unknown> = {
  onEvent() {},
  onPeriodicEmit() {},
};

function strategy<T>(
  createWatermarkGenerator: WatermarkGeneratorFactory<T>,
  timestampAssigner: TimestampAssigner<T> | undefined,
  idleTimeoutMs: number | undefined,
): WatermarkStrategyContract<T> {
  return Object.freeze({
    createWatermarkGenerator,
    timestampAssigner,
    idleTimeoutMs,
    withTimestampAssigner: (assigner: TimestampAssigner<T>) => strategy(createWatermarkGenerator, assigner, idleTimeoutMs),
    withIdleness: (timeoutMs: number) => {
      if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) {
        throw new RangeError(`the idle timeout must be a finite number of milliseconds > 0, got ${timeoutMs}`);
      }
      return strategy(createWatermarkGenerator, timestampAssigner, timeoutMs);
    },
  });
}

export const WatermarkStrategy = Object.freeze({
  /** Watermark = highest timestamp seen - maxOutOfOrdernessMs - 1, emitted periodically. */
  forBoundedOutOfOrderness<T>(maxOutOfOrdernessMs: number): WatermarkStrategy<T> {
    // Validate now, where the user wrote the value, not when the first split starts.
    checkOutOfOrderness(maxOutOfOrdernessMs);
    return strategy(() => new BoundedOutOfOrdernessWatermarks<T>(maxOutOfOrdernessMs), undefined, undefined);
  },
  /** For timestamps that never decrease within a split: out-of-orderness 0. */
  forMonotonousTimestamps<T>(): WatermarkStrategy<T> {
    return strategy(() => new BoundedOutOfOrdernessWatermarks<T>(0), undefined, undefined);
  },
  /** No event time progress: for processing-time jobs. */
  noWatermarks<T>(): WatermarkStrategy<T> {
    return strategy<T>(() => noWatermarksGenerator, undefined, undefined);
  },
  /** A custom generator, e.g. punctuated watermarks emitted from onEvent. */
  forGenerator<T>(factory: WatermarkGeneratorFactory<T>): WatermarkStrategy<T> {
    return strategy(factory, undefined, undefined);
  },
});
