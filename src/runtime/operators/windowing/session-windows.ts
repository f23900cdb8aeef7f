// Session windows: each element opens [t, t + gap); windows that overlap or touch merge into one session.
import { EventTimeTrigger } from './event-time-trigger.ts';
import { ProcessingTimeTrigger } from './processing-time-trigger.ts';
import type { Trigger } from './trigger.ts';
import { requirePositiveMs, requireTimestamp, type MergingWindowAssigner, type WindowAssignerContext } from './window-assigner.ts';
import { mergeTimeWindows, TimeWindow, type MergeCallback } from './window.ts';

/** Returns the session gap for one element, in milliseconds (Flink's SessionWindowTimeGapExtractor). */
export type SessionGapExtractor<T> = (element: T) => number;

function sessionWindow<T>(time: number, element: T, gap: SessionGapExtractor<T>): readonly TimeWindow[] {
  const gapMs = gap(element);
  if (!(gapMs > 0) || !Number.isFinite(gapMs)) throw new RangeError(`Dynamic session time gap must satisfy 0 < gap, got ${gapMs}`);
  return [new TimeWindow(time, time + gapMs)];
}

export class EventTimeSessionWindows<T = unknown> implements MergingWindowAssigner<T, TimeWindow> {
  readonly #gap: SessionGapExtractor<T>;

  private constructor(gap: SessionGapExtractor<T>) {
    this.#gap = gap;
  }

  /** Sessions that close after `gapMs` without elements for the key. */
  static withGap(gapMs: number): EventTimeSessionWindows {
    requirePositiveMs(gapMs, 'EventTimeSessionWindows gap');
    return new EventTimeSessionWindows(() => gapMs);
  }

  /** Sessions whose gap is chosen per element. */
  static withDynamicGap<T>(extractor: SessionGapExtractor<T>): EventTimeSessionWindows<T> {
    return new EventTimeSessionWindows(extractor);
  }

  assignWindows(element: T, timestamp: number): readonly TimeWindow[] {
    requireTimestamp(timestamp, 'EventTimeSessionWindows');
    return sessionWindow(timestamp, element, this.#gap);
  }

  mergeWindows(windows: readonly TimeWindow[], callback: MergeCallback<TimeWindow>): void {
    mergeTimeWindows(windows, callback);
  }

  getDefaultTrigger(): Trigger<T, TimeWindow> {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  toString(): string {
    return 'EventTimeSessionWindows()';
  }
}

export class ProcessingTimeSessionWindows<T = unknown> implements MergingWindowAssigner<T, TimeWindow> {
  readonly #gap: SessionGapExtractor<T>;

  private constructor(gap: SessionGapExtractor<T>) {
    this.#gap = gap;
  }

  static withGap(gapMs: number): ProcessingTimeSessionWindows {
    requirePositiveMs(gapMs, 'ProcessingTimeSessionWindows gap');
    return new ProcessingTimeSessionWindows(() => gapMs);
  }

  static withDynamicGap<T>(extractor: SessionGapExtractor<T>): ProcessingTimeSessionWindows<T> {
    return new ProcessingTimeSessionWindows(extractor);
  }

  assignWindows(element: T, _timestamp: number, ctx: WindowAssignerContext): readonly TimeWindow[] {
    return sessionWindow(ctx.currentProcessingTime(), element, this.#gap);
  }

  mergeWindows(windows: readonly TimeWindow[], callback: MergeCallback<TimeWindow>): void {
    mergeTimeWindows(windows, callback);
  }

  getDefaultTrigger(): Trigger<T, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  toString(): string {
    return 'ProcessingTimeSessionWindows()';
  }
}
