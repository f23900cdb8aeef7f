// Fires a window every `interval` of event time while it is open, and once more at its end (early results).
import { reducingState } from '../../../state/state-descriptor.ts';
import type { ReducingState } from '../../../state/keyed-state.ts';
import type { OnMergeContext, Trigger, TriggerContext, TriggerResult } from './trigger.ts';
import { TimeWindow, type Window } from './window.ts';

export class ContinuousEventTimeTrigger implements Trigger<unknown, Window> {
  readonly intervalMs: number;
  // The next early firing time; min-merged so merged sessions keep the earliest.
  readonly #fireTime = reducingState<number>('fire-time', (a, b) => Math.min(a, b));

  private constructor(intervalMs: number) {
    this.intervalMs = intervalMs;
  }

  static of(intervalMs: number): ContinuousEventTimeTrigger {
    if (!(intervalMs > 0) || !Number.isFinite(intervalMs)) throw new RangeError(`ContinuousEventTimeTrigger.of: interval must be positive, got ${intervalMs}`);
    return new ContinuousEventTimeTrigger(intervalMs);
  }

  onElement(_element: unknown, timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (window.maxTimestamp() <= ctx.currentWatermark()) return 'FIRE';
    ctx.registerEventTimeTimer(window.maxTimestamp());
    const fireTime = ctx.getPartitionedState(this.#fireTime);
    if (fireTime.get() === undefined) {
      // Rounds down also for negative timestamps (Flink's `t - t % interval` rounds those up).
      this.#registerNext(TimeWindow.getWindowStartWithOffset(timestamp, 0, this.intervalMs), window, ctx, fireTime);
    }
    return 'CONTINUE';
  }

  onEventTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (time === window.maxTimestamp()) return 'FIRE';
    const fireTime = ctx.getPartitionedState(this.#fireTime);
    if (fireTime.get() !== time) return 'CONTINUE';
    fireTime.clear();
    this.#registerNext(time, window, ctx, fireTime);
    return 'FIRE';
  }

  onProcessingTime(): TriggerResult {
    return 'CONTINUE';
  }

  clear(_window: Window, ctx: TriggerContext): void {
    const fireTime = ctx.getPartitionedState(this.#fireTime);
    const time = fireTime.get();
    if (time === undefined) return;
    ctx.deleteEventTimeTimer(time);
    fireTime.clear();
  }

  canMerge(): boolean {
    return true;
  }

  onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.#fireTime);
    const next = ctx.getPartitionedState(this.#fireTime).get();
    if (next !== undefined) ctx.registerEventTimeTimer(next);
  }

  #registerNext(time: number, window: Window, ctx: TriggerContext, fireTime: ReducingState<number>): void {
    const next = Math.min(time + this.intervalMs, window.maxTimestamp());
    fireTime.add(next);
    ctx.registerEventTimeTimer(next);
  }

  toString(): string {
    return `ContinuousEventTimeTrigger(${this.intervalMs})`;
  }
}
