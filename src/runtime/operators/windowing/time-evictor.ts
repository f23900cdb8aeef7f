// Keeps only the elements within `windowSizeMs` of the newest element's timestamp.
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import { retainElements, type Evictor, type TimestampedValue } from './evictor.ts';
import type { Window } from './window.ts';

export class TimeEvictor implements Evictor<unknown, Window> {
  readonly windowSizeMs: number;
  readonly doEvictAfter: boolean;

  private constructor(windowSizeMs: number, doEvictAfter: boolean) {
    this.windowSizeMs = windowSizeMs;
    this.doEvictAfter = doEvictAfter;
  }

  static of(windowSizeMs: number, doEvictAfter = false): TimeEvictor {
    if (!(windowSizeMs >= 0)) throw new RangeError(`TimeEvictor.of: window size must be non-negative, got ${windowSizeMs}`);
    return new TimeEvictor(windowSizeMs, doEvictAfter);
  }

  evictBefore(elements: TimestampedValue<unknown>[]): void {
    if (!this.doEvictAfter) this.#evict(elements);
  }

  evictAfter(elements: TimestampedValue<unknown>[]): void {
    if (this.doEvictAfter) this.#evict(elements);
  }

  #evict(elements: TimestampedValue<unknown>[]): void {
    // Elements without timestamps (processing-time streams) cannot be evicted by time, as in Flink.
    if (elements.length === 0 || elements[0]!.timestamp === NO_TIMESTAMP) return;
    let newest = NO_TIMESTAMP;
    for (const e of elements) if (e.timestamp > newest) newest = e.timestamp;
    const cutoff = newest - this.windowSizeMs;
    retainElements(elements, (e) => e.timestamp > cutoff);
  }

  toString(): string {
    return `TimeEvictor(${this.windowSizeMs})`;
  }
}
