// Applies a CoMapFunction to two connected inputs: input 0 goes to map1, input 1 to map2; results
// keep the record's timestamp.
import type { OperatorContext, Output, StreamOperator } from '../stream-operator.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, requireMethods, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import type { CoMapFunction } from './user-functions.ts';

export class CoMapOperator<I1, I2, O> implements StreamOperator<I1 | I2, O> {
  readonly #fn: CoMapFunction<I1, I2, O>;
  #output!: Output<O>;

  constructor(fn: CoMapFunction<I1, I2, O>) {
    requireMethods(fn, ['map1', 'map2'], 'CoMapFunction');
    this.#fn = fn;
  }

  open(ctx: OperatorContext<O>): void | Promise<void> {
    this.#output = ctx.output;
    return openUserFunction(this.#fn, ctx);
  }

  processElement(value: I1 | I2, timestamp: number, input: number): void {
    this.#output.collect(input === 0 ? this.#fn.map1(value as I1) : this.#fn.map2(value as I2), timestamp);
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
