// The WindowAssigner contract (Flink's): which windows an element belongs to, and how sessions merge.
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import type { Trigger } from './trigger.ts';
import type { MergeCallback, Window } from './window.ts';

export interface WindowAssignerContext {
  currentProcessingTime(): number;
}

export interface WindowAssigner<T, W extends Window> {
  /**
   * The windows `element` belongs to. The array may be shared between calls (assigners cache
   * the last result to avoid allocating per record), so callers must not keep or change it.
   */
  assignWindows(element: T, timestamp: number, ctx: WindowAssignerContext): readonly W[];
  /** The trigger used when the user sets none. */
  getDefaultTrigger(): Trigger<T, W>;
  /** True when windows are closed by watermarks (event time), false for processing time or none. */
  isEventTime(): boolean;
}

/** An assigner whose windows grow together (sessions). */
export interface MergingWindowAssigner<T, W extends Window> extends WindowAssigner<T, W> {
  /** Reports every group of `windows` that must become one window. */
  mergeWindows(windows: readonly W[], callback: MergeCallback<W>): void;
}

export function isMergingWindowAssigner<T, W extends Window>(a: WindowAssigner<T, W>): a is MergingWindowAssigner<T, W> {
  return typeof (a as Partial<MergingWindowAssigner<T, W>>).mergeWindows === 'function';
}

/** Event-time windows need a timestamp on every record; says how to give one when it is missing. */
export function requireTimestamp(timestamp: number, assigner: string): void {
  if (timestamp === NO_TIMESTAMP) {
    throw new Error(
      `${assigner}: the record has no timestamp (NO_TIMESTAMP), so it cannot be assigned to an event-time window. ` +
        'Assign timestamps with a WatermarkStrategy (withTimestampAssigner) at the source or with ' +
        'assignTimestampsAndWatermarks(...), or use a processing-time window assigner.',
    );
  }
  if (!Number.isFinite(timestamp)) throw new Error(`${assigner}: the record's timestamp ${timestamp} is not a finite number`);
}

/** Validates a window size, slide or gap given in milliseconds. */
export function requirePositiveMs(value: number, what: string): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${what} must be a positive number of milliseconds, got ${value}`);
}
