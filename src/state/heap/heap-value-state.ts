// Value state on the heap: one value per (key, namespace), or the descriptor's default when absent.
import type { InternalValueState } from '../keyed-state-backend.ts';
import { SingleValueState } from './single-value-state.ts';
import type { StateTable } from './state-table.ts';

export class HeapValueState<T> extends SingleValueState implements InternalValueState<T> {
  private readonly defaultValue: T | undefined;

  constructor(table: StateTable, defaultValue: T | undefined) {
    super(table);
    this.defaultValue = defaultValue;
  }

  value(): T | undefined {
    const entry = this.read();
    return entry === undefined ? this.defaultValue : (entry.value as T);
  }

  /** As Flink's update(null): undefined clears the state. */
  update(value: T | undefined): void {
    if (value === undefined) this.table.remove();
    else this.write(value);
  }
}
