// Passes records through unchanged: the node that merges the inputs of union().
import type { OperatorContext, Output, StreamOperator } from './stream-operator.ts';

export class ForwardOperator<T> implements StreamOperator<T, T> {
  #out!: Output<T>;

  open(ctx: OperatorContext<T>): void {
    this.#out = ctx.output;
  }

  processElement(value: T, timestamp: number): void {
    this.#out.collect(value, timestamp);
  }
}
