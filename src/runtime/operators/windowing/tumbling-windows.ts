// Tumbling windows: fixed-size, non-overlapping windows aligned to the epoch (plus an offset), by event or processing time.
import { EventTimeTrigger } from './event-time-trigger.ts';
import { ProcessingTimeTrigger } from './processing-time-trigger.ts';
import type { Trigger } from './trigger.ts';
import { requirePositiveMs, requireTimestamp, type WindowAssigner, type WindowAssignerContext } from './window-assigner.ts';
import { TimeWindow } from './window.ts';

/** Assigns by a time, reusing the last window while times stay inside it (the common case). */
class TumblingAssigner {
  readonly sizeMs: number;
  readonly offsetMs: number;
  #last: readonly TimeWindow[] = [];

  constructor(name: string, sizeMs: number, offsetMs: number) {
    requirePositiveMs(sizeMs, `${name} size`);
    if (!(Math.abs(offsetMs) < sizeMs)) throw new RangeError(`${name} parameters must satisfy abs(offset) < size, got offset ${offsetMs} and size ${sizeMs}`);
    this.sizeMs = sizeMs;
    this.offsetMs = offsetMs;
  }

  windowAt(time: number): readonly TimeWindow[] {
    const last = this.#last[0];
    if (last !== undefined && time >= last.start && time < last.end) return this.#last;
    const start = TimeWindow.getWindowStartWithOffset(time, this.offsetMs, this.sizeMs);
    return (this.#last = [new TimeWindow(start, start + this.sizeMs)]);
  }
}

export class TumblingEventTimeWindows implements WindowAssigner<unknown, TimeWindow> {
  readonly #tumbling: TumblingAssigner;

  private constructor(sizeMs: number, offsetMs: number) {
    this.#tumbling = new TumblingAssigner('TumblingEventTimeWindows', sizeMs, offsetMs);
  }

  /** Windows [k*size + offset, (k+1)*size + offset); an offset of -8h gives days in UTC+8. */
  static of(sizeMs: number, offsetMs = 0): TumblingEventTimeWindows {
    return new TumblingEventTimeWindows(sizeMs, offsetMs);
  }

  assignWindows(_element: unknown, timestamp: number): readonly TimeWindow[] {
    requireTimestamp(timestamp, 'TumblingEventTimeWindows');
    return this.#tumbling.windowAt(timestamp);
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  toString(): string {
    return `TumblingEventTimeWindows(${this.#tumbling.sizeMs}, ${this.#tumbling.offsetMs})`;
  }
}

export class TumblingProcessingTimeWindows implements WindowAssigner<unknown, TimeWindow> {
  readonly #tumbling: TumblingAssigner;

  private constructor(sizeMs: number, offsetMs: number) {
    this.#tumbling = new TumblingAssigner('TumblingProcessingTimeWindows', sizeMs, offsetMs);
  }

  static of(sizeMs: number, offsetMs = 0): TumblingProcessingTimeWindows {
    return new TumblingProcessingTimeWindows(sizeMs, offsetMs);
  }

  assignWindows(_element: unknown, _timestamp: number, ctx: WindowAssignerContext): readonly TimeWindow[] {
    return this.#tumbling.windowAt(ctx.currentProcessingTime());
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  toString(): string {
    return `TumblingProcessingTimeWindows(${this.#tumbling.sizeMs}, ${this.#tumbling.offsetMs})`;
  }
}
