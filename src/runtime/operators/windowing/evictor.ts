// The Evictor contract (Flink's): removes elements from a window before and/or after the window function runs.
import type { Window } from './window.ts';

/** A window element with the timestamp it arrived with (NO_TIMESTAMP if it had none). */
export interface TimestampedValue<T> {
  readonly value: T;
  readonly timestamp: number;
}

export interface EvictorContext {
  currentProcessingTime(): number;
  currentWatermark(): number;
}

/**
 * Evicts by removing entries from `elements` in place (Flink removes through the iterator); the
 * array is in arrival order. Evicting only happens when the window fires.
 */
export interface Evictor<T, W extends Window> {
  evictBefore(elements: TimestampedValue<T>[], window: W, ctx: EvictorContext): void;
  evictAfter(elements: TimestampedValue<T>[], window: W, ctx: EvictorContext): void;
}

/** Keeps, in order, only the elements for which `keep` is true. */
export function retainElements<T>(elements: TimestampedValue<T>[], keep: (e: TimestampedValue<T>) => boolean): void {
  let kept = 0;
  for (const e of elements) if (keep(e)) elements[kept++] = e;
  elements.length = kept;
}
