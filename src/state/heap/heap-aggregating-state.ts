// Aggregating state on the heap: stores the accumulator; get() returns the aggregate's result.
import type { InternalAggregatingState } from '../keyed-state-backend.ts';
import type { AggregateFunction } from '../state-descriptor.ts';
import { SingleValueState } from './single-value-state.ts';
import type { StateTable } from './state-table.ts';

export class HeapAggregatingState<IN, ACC, OUT> extends SingleValueState implements InternalAggregatingState<IN, OUT> {
  private readonly aggregate: AggregateFunction<IN, ACC, OUT>;

  constructor(table: StateTable, aggregate: AggregateFunction<IN, ACC, OUT>) {
    super(table);
    this.aggregate = aggregate;
  }

  get(): OUT | undefined {
    const entry = this.read();
    return entry === undefined ? undefined : this.aggregate.getResult(entry.value as ACC);
  }

  add(value: IN): void {
    const entry = this.live();
    const accumulator = entry === undefined ? this.aggregate.createAccumulator() : (entry.value as ACC);
    this.write(this.aggregate.add(value, accumulator));
  }

  mergeNamespaces(target: string, sources: readonly string[]): void {
    this.mergeWith(target, sources, (a, b) => this.aggregate.merge(a as ACC, b as ACC));
  }
}
