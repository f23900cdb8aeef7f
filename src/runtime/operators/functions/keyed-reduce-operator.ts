// Rolling reduce on a keyed stream (Flink's KeyedStream.reduce): folds each record into the key's
// value and emits the new value, with the record's timestamp. The first record of a key is emitted as is.
import type { ValueState } from '../../../state/keyed-state.ts';
import { valueState } from '../../../state/state-descriptor.ts';
import type { OperatorContext, Output, StreamOperator } from '../stream-operator.ts';
import { requireKeyedState } from './require-keyed-state.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, resolveUserFunction, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import type { ReduceFunction } from './user-functions.ts';

/** Flink's state name, so the state reads the same in a savepoint. */
const STATE_NAME = '_op_state';

export class KeyedReduceOperator<T> implements StreamOperator<T, T> {
  readonly #fn: ReduceFunction<T>;
  readonly #reduce: (accumulated: T, value: T) => T;
  #output!: Output<T>;
  #state!: ValueState<T>;

  constructor(fn: ReduceFunction<T>) {
    this.#fn = fn;
    this.#reduce = resolveUserFunction(fn, 'reduce', 'ReduceFunction');
  }

  open(ctx: OperatorContext<T>): void | Promise<void> {
    this.#state = requireKeyedState(ctx, 'reduce').getState(valueState<T>(STATE_NAME));
    this.#output = ctx.output;
    return openUserFunction(this.#fn, ctx);
  }

  processElement(value: T, timestamp: number): void {
    const current = this.#state.value();
    const next = current === undefined ? value : this.#reduce(current, value);
    this.#state.update(next);
    this.#output.collect(next, timestamp);
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
