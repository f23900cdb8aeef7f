// Runs a window aggregation's calls over one row: picks each call's arguments, applies its FILTER
// and DISTINCT, and folds the row into accumulators kept in a flat array (the window's state).
import { canonicalKey } from '../../core/key-group.ts';
import type { AggregateCall, AggregateHandle } from '../functions/aggregate-function.ts';

const NO_ARGS: readonly unknown[] = [];

/**
 * Accumulators live at `offset ..< offset + size` of a state array. A DISTINCT call's slot is
 * [acc, Map<value, count>]: the map holds each distinct argument value with the number of rows
 * that had it, so a retraction only reaches the function when the last such row goes.
 */
export class WindowAccumulators {
  readonly size: number;
  readonly #handles: readonly AggregateHandle[];
  readonly #argIndexes: readonly (readonly number[])[];
  readonly #filters: readonly number[];
  readonly #distinct: readonly boolean[];
  // Argument arrays reused for every row: handles read them during the call only.
  readonly #argBuffers: unknown[][];

  constructor(calls: readonly AggregateCall[], handles: readonly AggregateHandle[]) {
    if (calls.length !== handles.length) throw new Error(`window aggregate: ${calls.length} calls but ${handles.length} handles`);
    this.size = calls.length;
    this.#handles = handles;
    this.#argIndexes = calls.map((c) => c.args);
    this.#filters = calls.map((c) => c.filterArg ?? -1);
    this.#distinct = calls.map((c) => c.distinct);
    this.#argBuffers = calls.map((c) => (c.args.length === 0 ? (NO_ARGS as unknown[]) : new Array<unknown>(c.args.length)));
  }

  /** Appends fresh accumulators to `target`. */
  create(target: unknown[]): void {
    for (let i = 0; i < this.size; i++) {
      const acc = this.#handles[i]!.createAccumulator();
      target.push(this.#distinct[i] ? [acc, new Map<unknown, number>()] : acc);
    }
  }

  /** Folds one row into the accumulators at `offset` (retract: the row is a -U/-D). Mutates `accs`. */
  accumulate(accs: unknown[], offset: number, fields: readonly unknown[], retract: boolean): void {
    for (let i = 0; i < this.size; i++) {
      const filter = this.#filters[i]!;
      if (filter >= 0 && fields[filter] !== true) continue;
      const indexes = this.#argIndexes[i]!;
      const args = this.#argBuffers[i]!;
      for (let j = 0; j < indexes.length; j++) args[j] = fields[indexes[j]!];
      const handle = this.#handles[i]!;
      const at = offset + i;
      if (this.#distinct[i]) {
        this.#accumulateDistinct(handle, accs[at] as [unknown, Map<unknown, number>], args, retract);
      } else {
        accs[at] = retract ? handle.retract(accs[at], args) : handle.accumulate(accs[at], args);
      }
    }
  }

  /** Merges the accumulators of `source` into those of `target` (session windows), both at `offset`. */
  merge(target: unknown[], source: readonly unknown[], offset: number): void {
    for (let i = 0; i < this.size; i++) {
      const handle = this.#handles[i]!;
      const at = offset + i;
      if (!this.#distinct[i]) {
        target[at] = handle.merge(target[at], source[at]);
        continue;
      }
      // Values the target has not seen are accumulated once; counts add up.
      const slot = target[at] as [unknown, Map<unknown, number>];
      const [, seen] = source[at] as [unknown, Map<unknown, number>];
      for (const [key, count] of seen) {
        const had = slot[1].get(key);
        if (had === undefined) slot[0] = handle.accumulate(slot[0], distinctArgs(key));
        slot[1].set(key, (had ?? 0) + count);
      }
    }
  }

  /** Appends each call's current value. */
  values(accs: readonly unknown[], offset: number, out: unknown[]): void {
    for (let i = 0; i < this.size; i++) {
      const acc = accs[offset + i];
      out.push(this.#handles[i]!.getValue(this.#distinct[i] ? (acc as [unknown])[0] : acc));
    }
  }

  #accumulateDistinct(handle: AggregateHandle, slot: [unknown, Map<unknown, number>], args: readonly unknown[], retract: boolean): void {
    const key = distinctKey(args);
    const seen = slot[1];
    const count = seen.get(key) ?? 0;
    if (!retract) {
      if (count === 0) slot[0] = handle.accumulate(slot[0], args);
      seen.set(key, count + 1);
    } else if (count > 0) {
      if (count === 1) {
        seen.delete(key);
        slot[0] = handle.retract(slot[0], args);
      } else {
        seen.set(key, count - 1);
      }
    }
  }
}

// One argument (the usual COUNT(DISTINCT x)) is its own key when primitive; several are one canonical text.
function distinctKey(args: readonly unknown[]): unknown {
  if (args.length === 1) {
    const v = args[0];
    if (typeof v === 'string') return v.charCodeAt(0) === 0 ? '\0' + v : v;
    return v !== null && typeof v === 'object' ? '\0' + canonicalKey(v) : v;
  }
  return '\0' + canonicalKey(args);
}

// Inverts distinctKey for one primitive argument (the only case session merging needs).
function distinctArgs(key: unknown): unknown[] {
  if (typeof key !== 'string' || key.charCodeAt(0) !== 0) return [key];
  if (key.charCodeAt(1) === 0) return [key.slice(1)];
  throw new Error('window aggregate: merging session windows with a DISTINCT aggregate over several or composite values is not supported');
}
