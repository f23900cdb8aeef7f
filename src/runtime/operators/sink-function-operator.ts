// addSink(fn): calls a plain function per record. At-least-once: nothing is committed, so records
// between the last checkpoint and a failure are passed to the function again after a restart.
import type { StreamOperator } from './stream-operator.ts';

export type SinkFunction<T> = (value: T, timestamp: number) => void;

export class SinkFunctionOperator<T> implements StreamOperator<T, never> {
  readonly #fn: SinkFunction<T>;

  constructor(fn: SinkFunction<T>) {
    this.#fn = fn;
  }

  processElement(value: T, timestamp: number): void {
    this.#fn(value, timestamp);
  }
}
