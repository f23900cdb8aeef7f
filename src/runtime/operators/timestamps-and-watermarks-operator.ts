// assignTimestampsAndWatermarks() on a stream: assigns event timestamps and generates watermarks
// after the source, as Flink's TimestampsAndWatermarksOperator. Upstream watermarks are dropped,
// except the final one that ends the input.
import { MAX_WATERMARK, MIN_WATERMARK } from '../../core/stream-element.ts';
import type { WatermarkGenerator, WatermarkOutput, WatermarkStrategy, TimestampAssigner } from '../../time/watermark-strategy.ts';
import type { OperatorContext, StreamOperator } from './stream-operator.ts';

export class TimestampsAndWatermarksOperator<T> implements StreamOperator<T, T> {
  readonly #strategy: WatermarkStrategy<T>;
  readonly #interval: number;
  #ctx!: OperatorContext<T>;
  #generator!: WatermarkGenerator<T>;
  #assigner: TimestampAssigner<T> | undefined;
  #current = MIN_WATERMARK;
  #cancelTimer: (() => void) | undefined;
  #wmOutput!: WatermarkOutput;

  constructor(strategy: WatermarkStrategy<T>, autoWatermarkInterval: number) {
    this.#strategy = strategy;
    this.#interval = autoWatermarkInterval;
  }

  open(ctx: OperatorContext<T>): void {
    this.#ctx = ctx;
    this.#generator = this.#strategy.createWatermarkGenerator();
    this.#assigner = this.#strategy.timestampAssigner;
    this.#wmOutput = {
      emitWatermark: (wm) => {
        if (wm > this.#current) {
          this.#current = wm;
          ctx.output.emitWatermark(wm);
        }
      },
      markIdle: () => {},
      markActive: () => {},
    };
    if (this.#interval > 0) this.#schedule();
  }

  #schedule(): void {
    const pts = this.#ctx.processingTime;
    this.#cancelTimer = pts.schedule(pts.now() + this.#interval, () => {
      this.#generator.onPeriodicEmit(this.#wmOutput);
      this.#schedule();
    });
  }

  processElement(value: T, timestamp: number): void {
    const ts = this.#assigner ? this.#assigner(value, timestamp) : timestamp;
    this.#generator.onEvent(value, ts, this.#wmOutput);
    this.#ctx.output.collect(value, ts);
  }

  processWatermark(watermark: number): void {
    if (watermark === MAX_WATERMARK) this.#wmOutput.emitWatermark(MAX_WATERMARK);
  }

  close(): void {
    this.#cancelTimer?.();
  }
}
