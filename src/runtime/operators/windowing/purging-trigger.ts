// Wraps a trigger so that every FIRE also purges the window (Flink's PurgingTrigger).
import type { OnMergeContext, Trigger, TriggerContext, TriggerResult } from './trigger.ts';
import type { Window } from './window.ts';

export class PurgingTrigger<T, W extends Window> implements Trigger<T, W> {
  readonly nested: Trigger<T, W>;

  private constructor(nested: Trigger<T, W>) {
    this.nested = nested;
  }

  static of<T, W extends Window>(nested: Trigger<T, W>): PurgingTrigger<T, W> {
    return new PurgingTrigger(nested);
  }

  onElement(element: T, timestamp: number, window: W, ctx: TriggerContext): TriggerResult {
    return purging(this.nested.onElement(element, timestamp, window, ctx));
  }

  onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult {
    return purging(this.nested.onEventTime(time, window, ctx));
  }

  onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult {
    return purging(this.nested.onProcessingTime(time, window, ctx));
  }

  clear(window: W, ctx: TriggerContext): void {
    this.nested.clear(window, ctx);
  }

  canMerge(): boolean {
    return this.nested.canMerge?.() ?? false;
  }

  onMerge(window: W, ctx: OnMergeContext): void {
    if (!this.nested.onMerge) throw new Error(`${String(this.nested)} does not support merging windows`);
    this.nested.onMerge(window, ctx);
  }

  toString(): string {
    return `PurgingTrigger(${String(this.nested)})`;
  }
}

function purging(result: TriggerResult): TriggerResult {
  return result === 'FIRE' ? 'FIRE_AND_PURGE' : result;
}
