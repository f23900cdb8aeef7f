// Sliding windows: windows of `size` starting every `slide`, so an element is in size/slide windows.
import { EventTimeTrigger } from './event-time-trigger.ts';
import { ProcessingTimeTrigger } from './processing-time-trigger.ts';
import type { Trigger } from './trigger.ts';
import { requirePositiveMs, requireTimestamp, type WindowAssigner, type WindowAssignerContext } from './window-assigner.ts';
import { TimeWindow } from './window.ts';

/** Assigns by a time, reusing the last list while times fall in the same slide. */
class SlidingAssigner {
  readonly sizeMs: number;
  readonly slideMs: number;
  readonly offsetMs: number;
  #lastStart = Number.NaN;
  #last: readonly TimeWindow[] = [];

  constructor(name: string, sizeMs: number, slideMs: number, offsetMs: number) {
    requirePositiveMs(sizeMs, `${name} size`);
    requirePositiveMs(slideMs, `${name} slide`);
    if (!(Math.abs(offsetMs) < slideMs)) throw new RangeError(`${name} parameters must satisfy abs(offset) < slide, got offset ${offsetMs} and slide ${slideMs}`);
    this.sizeMs = sizeMs;
    this.slideMs = slideMs;
    this.offsetMs = offsetMs;
  }

  windowsAt(time: number): readonly TimeWindow[] {
    const lastStart = TimeWindow.getWindowStartWithOffset(time, this.offsetMs, this.slideMs);
    if (lastStart === this.#lastStart) return this.#last;
    // Latest window first, as Flink: every start in (time - size, lastStart] on the slide grid.
    const windows: TimeWindow[] = [];
    for (let start = lastStart; start > time - this.sizeMs; start -= this.slideMs) windows.push(new TimeWindow(start, start + this.sizeMs));
    this.#lastStart = lastStart;
    return (this.#last = windows);
  }
}

export class SlidingEventTimeWindows implements WindowAssigner<unknown, TimeWindow> {
  readonly #sliding: SlidingAssigner;

  private constructor(sizeMs: number, slideMs: number, offsetMs: number) {
    this.#sliding = new SlidingAssigner('SlidingEventTimeWindows', sizeMs, slideMs, offsetMs);
  }

  static of(sizeMs: number, slideMs: number, offsetMs = 0): SlidingEventTimeWindows {
    return new SlidingEventTimeWindows(sizeMs, slideMs, offsetMs);
  }

  assignWindows(_element: unknown, timestamp: number): readonly TimeWindow[] {
    requireTimestamp(timestamp, 'SlidingEventTimeWindows');
    return this.#sliding.windowsAt(timestamp);
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  toString(): string {
    return `SlidingEventTimeWindows(${this.#sliding.sizeMs}, ${this.#sliding.slideMs})`;
  }
}

export class SlidingProcessingTimeWindows implements WindowAssigner<unknown, TimeWindow> {
  readonly #sliding: SlidingAssigner;

  private constructor(sizeMs: number, slideMs: number, offsetMs: number) {
    this.#sliding = new SlidingAssigner('SlidingProcessingTimeWindows', sizeMs, slideMs, offsetMs);
  }

  static of(sizeMs: number, slideMs: number, offsetMs = 0): SlidingProcessingTimeWindows {
    return new SlidingProcessingTimeWindows(sizeMs, slideMs, offsetMs);
  }

  assignWindows(_element: unknown, _timestamp: number, ctx: WindowAssignerContext): readonly TimeWindow[] {
    return this.#sliding.windowsAt(ctx.currentProcessingTime());
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  toString(): string {
    return `SlidingProcessingTimeWindows(${this.#sliding.sizeMs}, ${this.#sliding.slideMs})`;
  }
}
