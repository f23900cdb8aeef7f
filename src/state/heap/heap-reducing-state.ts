// Reducing state on the heap: each add folds the value into the stored one with the reduce function.
import type { InternalReducingState } from '../keyed-state-backend.ts';
import type { ReduceFunction } from '../state-descriptor.ts';
import { SingleValueState } from './single-value-state.ts';
import type { StateTable } from './state-table.ts';

export class HeapReducingState<T> extends SingleValueState implements InternalReducingState<T> {
  private readonly reduce: ReduceFunction<T>;

  constructor(table: StateTable, reduce: ReduceFunction<T>) {
    super(table);
    this.reduce = reduce;
  }

  get(): T | undefined {
    return this.read()?.value as T | undefined;
  }

  add(value: T): void {
    const entry = this.live();
    this.write(entry === undefined ? value : this.reduce(entry.value as T, value));
  }

  mergeNamespaces(target: string, sources: readonly string[]): void {
    this.mergeWith(target, sources, (a, b) => this.reduce(a as T, b as T));
  }
}
