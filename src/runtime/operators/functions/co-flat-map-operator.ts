// Applies a CoFlatMapFunction to two connected inputs: input 0 goes to flatMap1, input 1 to
// flatMap2; every emitted value keeps the record's timestamp.
import type { OperatorContext, StreamOperator } from '../stream-operator.ts';
import { TimestampedCollector } from './timestamped-collector.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, requireMethods, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import type { CoFlatMapFunction } from './user-functions.ts';

export class CoFlatMapOperator<I1, I2, O> implements StreamOperator<I1 | I2, O> {
  readonly #fn: CoFlatMapFunction<I1, I2, O>;
  #collector!: TimestampedCollector<O>;

  constructor(fn: CoFlatMapFunction<I1, I2, O>) {
    requireMethods(fn, ['flatMap1', 'flatMap2'], 'CoFlatMapFunction');
    this.#fn = fn;
  }

  open(ctx: OperatorContext<O>): void | Promise<void> {
    this.#collector = new TimestampedCollector(ctx.output);
    return openUserFunction(this.#fn, ctx);
  }

  processElement(value: I1 | I2, timestamp: number, input: number): void {
    this.#collector.timestamp = timestamp;
    if (input === 0) this.#fn.flatMap1(value as I1, this.#collector);
    else this.#fn.flatMap2(value as I2, this.#collector);
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
