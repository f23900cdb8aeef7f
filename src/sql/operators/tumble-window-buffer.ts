// In-memory accumulators of event-time TUMBLE windows that opened since the last checkpoint: a row
// costs one Map lookup instead of a keyed-state access plus a timer per (key, window), and a window
// that ends before the next checkpoint is emitted straight from here.
import { compareKeyValues } from '../../time/timer-queue.ts';
import { valueKey, type ValueKey } from '../functions/aggregate/value-key.ts';

/** The (key, window) accumulators of one window, in arrival order. */
export class BufferedWindow {
  readonly end: number;
  readonly #slotOf = new Map<ValueKey, number>();
  /** The keyed-state key of each slot (for flushing into state) and its key group (for ordering). */
  readonly keys: unknown[] = [];
  readonly groups: number[] = [];
  readonly accs: unknown[][] = [];
  /** Every key is a number: a group's keys then sort natively (as Float64Array). */
  #numericKeys = true;

  constructor(end: number) {
    this.end = end;
  }

  /** The accumulators of `key`, or undefined when this window has none yet. */
  get(key: unknown): unknown[] | undefined {
    const slot = this.#slotOf.get(valueKey(key));
    return slot === undefined ? undefined : this.accs[slot];
  }

  add(key: unknown, keyGroup: number, acc: unknown[]): void {
    this.#slotOf.set(valueKey(key), this.accs.length);
    if (typeof key !== 'number') this.#numericKeys = false;
    this.keys.push(key);
    this.groups.push(keyGroup);
    this.accs.push(acc);
  }

  /**
   * Slot indexes in the order the keyed timers of this window would fire: by key group, then key
   * (as the heap timer queue orders timers of one timestamp), so either path emits alike.
   */
  firingOrder(): Int32Array {
    const groups = this.groups;
    const n = groups.length;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const g = groups[i]!;
      if (g < min) min = g;
      if (g > max) max = g;
    }
    // Counting sort by key group (groups are few: at most the max parallelism), then each group's run by key.
    const range = n === 0 ? 0 : max - min + 1;
    const starts = new Int32Array(range + 1);
    for (let i = 0; i < n; i++) starts[groups[i]! - min + 1]!++;
    for (let g = 1; g <= range; g++) starts[g]! += starts[g - 1]!;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[starts[groups[i]! - min]!++] = i;
    // starts[g] is now the end of group g, which starts where group g - 1 ends.
    const numbers = this.#numericKeys ? new Float64Array(n) : undefined;
    let begin = 0;
    for (let g = 0; g < range; g++) {
      const end = starts[g]!;
      if (end - begin > 1) {
        if (numbers !== undefined) this.#sortNumericRun(order, numbers, begin, end);
        else this.#sortRun(order, begin, end);
      }
      begin = end;
    }
    return order;
  }

  /** A window holds a key once, so sorted keys map back to their slots (NaN sorts last, as the timer queue orders keys). */
  #sortNumericRun(order: Int32Array, numbers: Float64Array, begin: number, end: number): void {
    const keys = this.keys;
    for (let j = begin; j < end; j++) numbers[j] = keys[order[j]!] as number;
    numbers.subarray(begin, end).sort();
    for (let j = begin; j < end; j++) order[j] = this.#slotOf.get(numbers[j]!)!;
  }

  #sortRun(order: Int32Array, begin: number, end: number): void {
    const keys = this.keys;
    const run = Array.from(order.subarray(begin, end)).sort((a, b) => compareKeyValues(keys[a], keys[b]));
    order.set(run, begin);
  }
}
