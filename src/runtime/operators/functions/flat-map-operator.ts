// Applies a FlatMapFunction to each record; every emitted value keeps the record's timestamp.
import type { OperatorContext, StreamOperator } from '../stream-operator.ts';
import { TimestampedCollector } from './timestamped-collector.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, resolveUserFunction, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import type { Collector, FlatMapFunction } from './user-functions.ts';

export class FlatMapOperator<I, O> implements StreamOperator<I, O> {
  readonly #fn: FlatMapFunction<I, O>;
  readonly #flatMap: (value: I, out: Collector<O>) => void;
  #collector!: TimestampedCollector<O>;

  constructor(fn: FlatMapFunction<I, O>) {
    this.#fn = fn;
    this.#flatMap = resolveUserFunction(fn, 'flatMap', 'FlatMapFunction');
  }

  open(ctx: OperatorContext<O>): void | Promise<void> {
    this.#collector = new TimestampedCollector(ctx.output);
    return openUserFunction(this.#fn, ctx);
  }

  processElement(value: I, timestamp: number): void {
    this.#collector.timestamp = timestamp;
    this.#flatMap(value, this.#collector);
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
