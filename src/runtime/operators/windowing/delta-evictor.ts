// Evicts the elements whose delta to the newest element reaches a threshold.
import { retainElements, type Evictor, type TimestampedValue } from './evictor.ts';
import type { Window } from './window.ts';

/** Distance between two elements (Flink's DeltaFunction). */
export type DeltaFunction<T> = (oldPoint: T, newPoint: T) => number;

export class DeltaEvictor<T> implements Evictor<T, Window> {
  readonly threshold: number;
  readonly doEvictAfter: boolean;
  readonly #delta: DeltaFunction<T>;

  private constructor(threshold: number, delta: DeltaFunction<T>, doEvictAfter: boolean) {
    this.threshold = threshold;
    this.#delta = delta;
    this.doEvictAfter = doEvictAfter;
  }

  static of<T>(threshold: number, delta: DeltaFunction<T>, doEvictAfter = false): DeltaEvictor<T> {
    return new DeltaEvictor(threshold, delta, doEvictAfter);
  }

  evictBefore(elements: TimestampedValue<T>[]): void {
    if (!this.doEvictAfter) this.#evict(elements);
  }

  evictAfter(elements: TimestampedValue<T>[]): void {
    if (this.doEvictAfter) this.#evict(elements);
  }

  #evict(elements: TimestampedValue<T>[]): void {
    const last = elements.at(-1);
    if (last === undefined) return;
    retainElements(elements, (e) => this.#delta(e.value, last.value) < this.threshold);
  }

  toString(): string {
    return `DeltaEvictor(${this.threshold})`;
  }
}
