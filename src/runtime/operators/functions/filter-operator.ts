// Keeps the records for which a FilterFunction returns true, with their timestamps.
import type { OperatorContext, Output, StreamOperator } from '../stream-operator.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, resolveUserFunction, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import type { FilterFunction } from './user-functions.ts';

export class FilterOperator<T> implements StreamOperator<T, T> {
  readonly #fn: FilterFunction<T>;
  readonly #filter: (value: T) => boolean;
  #output!: Output<T>;

  constructor(fn: FilterFunction<T>) {
    this.#fn = fn;
    this.#filter = resolveUserFunction(fn, 'filter', 'FilterFunction');
  }

  open(ctx: OperatorContext<T>): void | Promise<void> {
    this.#output = ctx.output;
    return openUserFunction(this.#fn, ctx);
  }

  processElement(value: T, timestamp: number): void {
    if (this.#filter(value)) this.#output.collect(value, timestamp);
  }

  snapshotState(checkpointId: number): void {
    snapshotUserFunction(this.#fn, checkpointId);
  }

  notifyCheckpointComplete(checkpointId: number): void | Promise<void> {
    return notifyUserFunctionComplete(this.#fn, checkpointId);
  }

  notifyCheckpointAborted(checkpointId: number): void {
    notifyUserFunctionAborted(this.#fn, checkpointId);
  }

  close(): void | Promise<void> {
    return closeUserFunction(this.#fn);
  }
}
