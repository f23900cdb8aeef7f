// Applies a MapFunction to each record; the result keeps the record's timestamp.
import type { OperatorContext, Output, StreamOperator } from '../stream-operator.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, resolveUserFunction, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import type { MapFunction } from './user-functions.ts';

export class MapOperator<I, O> implements StreamOperator<I, O> {
  readonly #fn: MapFunction<I, O>;
  readonly #map: (value: I) => O;
  #output!: Output<O>;

  constructor(fn: MapFunction<I, O>) {
    this.#fn = fn;
    this.#map = resolveUserFunction(fn, 'map', 'MapFunction');
  }

  open(ctx: OperatorContext<O>): void | Promise<void> {
    this.#output = ctx.output;
    return openUserFunction(this.#fn, ctx);
  }

  processElement(value: I, timestamp: number): void {
    this.#output.collect(this.#map(value), timestamp);
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
