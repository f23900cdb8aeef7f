// An operator list state (split or union): one list per parallel instance, not per key.
import type { ListState } from './keyed-state.ts';

export class OperatorListState<T> implements ListState<T> {
  readonly mode: 'split' | 'union';
  private elements: T[];

  constructor(mode: 'split' | 'union', elements: readonly T[]) {
    this.mode = mode;
    this.elements = elements.slice();
  }

  /** A copy: changing it does not change the state. */
  get(): T[] {
    return this.elements.slice();
  }

  add(value: T): void {
    this.elements.push(value);
  }

  addAll(values: readonly T[]): void {
    for (const value of values) this.elements.push(value); // not push(...): lists may be long
  }

  update(values: readonly T[]): void {
    this.elements = values.slice();
  }

  clear(): void {
    this.elements = [];
  }
}
