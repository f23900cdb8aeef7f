// Fires a window once the watermark passes its end; the default trigger of event-time assigners.
import type { OnMergeContext, Trigger, TriggerContext, TriggerResult } from './trigger.ts';
import type { Window } from './window.ts';

export class EventTimeTrigger implements Trigger<unknown, Window> {
  static readonly #instance = new EventTimeTrigger();

  private constructor() {}

  static create(): EventTimeTrigger {
    return EventTimeTrigger.#instance;
  }

  onElement(_element: unknown, _timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    // The watermark is already past the window only for late elements within allowed
    // lateness: each one re-fires the window with the updated contents.
    if (window.maxTimestamp() <= ctx.currentWatermark()) return 'FIRE';
    ctx.registerEventTimeTimer(window.maxTimestamp());
    return 'CONTINUE';
  }

  onEventTime(time: number, window: Window): TriggerResult {
    // Other timers (the operator's cleanup timer after allowed lateness) must not fire it again.
    return time === window.maxTimestamp() ? 'FIRE' : 'CONTINUE';
  }

  onProcessingTime(): TriggerResult {
    return 'CONTINUE';
  }

  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }

  canMerge(): boolean {
    return true;
  }

  onMerge(window: Window, ctx: OnMergeContext): void {
    // A merged window that ends at or before the watermark is fired by the operator's own checks.
    if (window.maxTimestamp() > ctx.currentWatermark()) ctx.registerEventTimeTimer(window.maxTimestamp());
  }

  toString(): string {
    return 'EventTimeTrigger()';
  }
}
