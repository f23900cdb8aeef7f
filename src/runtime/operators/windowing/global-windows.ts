// GlobalWindows: every element of a key goes to one window that only a custom trigger fires (count windows).
import type { Trigger, TriggerResult } from './trigger.ts';
import type { WindowAssigner } from './window-assigner.ts';
import { GlobalWindow } from './window.ts';

/** The default of GlobalWindows: never fires, so a trigger must be set (as in Flink). */
class NeverTrigger implements Trigger<unknown, GlobalWindow> {
  onElement(): TriggerResult {
    return 'CONTINUE';
  }

  onEventTime(): TriggerResult {
    return 'CONTINUE';
  }

  onProcessingTime(): TriggerResult {
    return 'CONTINUE';
  }

  clear(): void {}

  canMerge(): boolean {
    return true;
  }

  onMerge(): void {}
}

export class GlobalWindows implements WindowAssigner<unknown, GlobalWindow> {
  static readonly #instance = new GlobalWindows();
  static readonly #never = new NeverTrigger();
  static readonly #only: readonly GlobalWindow[] = [GlobalWindow.INSTANCE];

  private constructor() {}

  static create(): GlobalWindows {
    return GlobalWindows.#instance;
  }

  assignWindows(): readonly GlobalWindow[] {
    return GlobalWindows.#only;
  }

  getDefaultTrigger(): Trigger<unknown, GlobalWindow> {
    return GlobalWindows.#never;
  }

  isEventTime(): boolean {
    return false;
  }

  toString(): string {
    return 'GlobalWindows()';
  }
}
