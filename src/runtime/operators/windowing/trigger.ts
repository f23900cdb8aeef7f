// The Trigger contract (Flink's): decides when a window's contents are emitted and when they are purged.
import type { AggregatingStateDescriptor, ListStateDescriptor, ReducingStateDescriptor } from '../../../state/state-descriptor.ts';
import type { KeyedStateStore } from '../functions/user-functions.ts';
import type { Window } from './window.ts';

/** What a trigger decides: emit the window (FIRE), drop its contents (PURGE), both, or neither. */
export type TriggerResult = 'CONTINUE' | 'FIRE' | 'PURGE' | 'FIRE_AND_PURGE';

export const TriggerResult = {
  CONTINUE: 'CONTINUE',
  FIRE: 'FIRE',
  PURGE: 'PURGE',
  FIRE_AND_PURGE: 'FIRE_AND_PURGE',
} as const satisfies Record<TriggerResult, TriggerResult>;

export function isFire(result: TriggerResult): boolean {
  return result === 'FIRE' || result === 'FIRE_AND_PURGE';
}

export function isPurge(result: TriggerResult): boolean {
  return result === 'PURGE' || result === 'FIRE_AND_PURGE';
}

/** What a trigger may do while handling one (key, window): timers for that window, and its state. */
export interface TriggerContext {
  currentProcessingTime(): number;
  currentWatermark(): number;
  /** The trigger's onEventTime is called for this window once the watermark passes `time`. */
  registerEventTimeTimer(time: number): void;
  registerProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
  /** State scoped to the current key and window; cleared only by the trigger's own clear(). */
  getPartitionedState: KeyedStateStore['getState'];
}

/** The context of onMerge: the trigger merges its state of the merged windows into the new one. */
export interface OnMergeContext extends TriggerContext {
  mergePartitionedState(d: ReducingStateDescriptor<any> | AggregatingStateDescriptor<any, any, any> | ListStateDescriptor<any>): void;
}

/**
 * Decides, per key and window, when to emit. Implement it for custom triggers. State names
 * starting with `window-` are reserved for the window operator.
 */
export interface Trigger<T, W extends Window> {
  /** Called for every element added to `window`. */
  onElement(element: T, timestamp: number, window: W, ctx: TriggerContext): TriggerResult;
  /** Called when an event-time timer this trigger (or the operator's cleanup) registered fires. */
  onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult;
  onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult;
  /** Removes the trigger's timers and state for `window`; called when the window is dropped. */
  clear(window: W, ctx: TriggerContext): void;
  /** True if the trigger supports merging windows (sessions); then onMerge is required. */
  canMerge?(): boolean;
  /** Called when windows merged into `window`; re-registers timers and merges state. */
  onMerge?(window: W, ctx: OnMergeContext): void;
}
