// Runs an aggregation's calls over one row: picks each call's arguments, applies its FILTER, and
// folds the row into accumulators kept in a flat array (a window's, a group's or an OVER partition's state).
import type { AggregateCall, AggregateHandle } from '../functions/aggregate-function.ts';

const NO_ARGS: readonly unknown[] = [];

/**
 * Accumulators live at `offset ..< offset + size` of a state array. DISTINCT is the handle's own
 * business (createAggregateHandle wraps a DISTINCT call's function), so every row reaches it.
 */
export class CallAccumulators {
  readonly size: number;
  readonly #handles: readonly AggregateHandle[];
  readonly #argIndexes: readonly (readonly number[])[];
  readonly #filters: readonly number[];
  // Argument arrays reused for every row: handles read them during the call only.
  readonly #argBuffers: unknown[][];

  constructor(calls: readonly AggregateCall[], handles: readonly AggregateHandle[]) {
    if (calls.length !== handles.length) throw new Error(`window aggregate: ${calls.length} calls but ${handles.length} handles`);
    this.size = calls.length;
    this.#handles = handles;
    this.#argIndexes = calls.map((c) => c.args);
    this.#filters = calls.map((c) => c.filterArg ?? -1);
    this.#argBuffers = calls.map((c) => (c.args.length === 0 ? (NO_ARGS as unknown[]) : new Array<unknown>(c.args.length)));
  }

  /** Writes fresh accumulators to `target` from `offset` on. */
  createAt(target: unknown[], offset: number): void {
    for (let i = 0; i < this.size; i++) target[offset + i] = this.#handles[i]!.createAccumulator();
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
      accs[at] = retract ? handle.retract(accs[at], args) : handle.accumulate(accs[at], args);
    }
  }

  /** Merges the accumulators of `source` into those of `target` (session windows), both at `offset`. */
  merge(target: unknown[], source: readonly unknown[], offset: number): void {
    for (let i = 0; i < this.size; i++) target[offset + i] = this.#handles[i]!.merge(target[offset + i], source[offset + i]);
  }

  /**
   * Writes each call's current value to `out` from `outOffset` on. `out` may be `accs` itself with
   * outOffset < offset: each slot is read before it is overwritten.
   */
  valuesInto(accs: readonly unknown[], offset: number, out: unknown[], outOffset: number): void {
    for (let i = 0; i < this.size; i++) out[outOffset + i] = this.#handles[i]!.getValue(accs[offset + i]);
  }
}
