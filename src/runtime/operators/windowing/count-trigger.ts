// Fires a window every time it has received `maxCount` more elements (count windows).
import { reducingState } from '../../../state/state-descriptor.ts';
import type { OnMergeContext, Trigger, TriggerContext, TriggerResult } from './trigger.ts';
import type { Window } from './window.ts';

export class CountTrigger implements Trigger<unknown, Window> {
  readonly maxCount: number;
  readonly #count = reducingState<number>('count', (a, b) => a + b);

  private constructor(maxCount: number) {
    this.maxCount = maxCount;
  }

  static of(maxCount: number): CountTrigger {
    if (!Number.isInteger(maxCount) || maxCount < 1) throw new RangeError(`CountTrigger.of: maxCount must be a positive integer, got ${maxCount}`);
    return new CountTrigger(maxCount);
  }

  onElement(_element: unknown, _timestamp: number, _window: Window, ctx: TriggerContext): TriggerResult {
    const count = ctx.getPartitionedState(this.#count);
    count.add(1);
    if ((count.get() ?? 0) < this.maxCount) return 'CONTINUE';
    count.clear();
    return 'FIRE';
  }

  onEventTime(): TriggerResult {
    return 'CONTINUE';
  }

  onProcessingTime(): TriggerResult {
    return 'CONTINUE';
  }

  clear(_window: Window, ctx: TriggerContext): void {
    ctx.getPartitionedState(this.#count).clear();
  }

  canMerge(): boolean {
    return true;
  }

  onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.#count);
  }

  toString(): string {
    return `CountTrigger(${this.maxCount})`;
  }
}
