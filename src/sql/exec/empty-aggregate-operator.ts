// BATCH: a global aggregate (no GROUP BY) over no rows still yields one row — COUNT 0, SUM NULL —
// as a batch query does; the streaming GroupAggregate only emits when a row arrives.
import type { Row } from '../../core/row.ts';
import { NO_TIMESTAMP } from '../../core/stream-element.ts';
import type { OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';

export class EmptyAggregateOperator implements StreamOperator<Row, Row> {
  readonly #empty: () => unknown[];
  #ctx!: OperatorContext<Row>;
  #seen = false;

  /** `empty`: the aggregate values of no rows. */
  constructor(empty: () => unknown[]) {
    this.#empty = empty;
  }

  open(ctx: OperatorContext<Row>): void {
    this.#ctx = ctx;
  }

  processElement(row: Row, timestamp: number): void {
    this.#seen = true;
    this.#ctx.output.collect(row, timestamp);
  }

  endInput(): void {
    if (!this.#seen && this.#ctx.runtime.subtaskIndex === 0) this.#ctx.output.collect({ kind: '+I', fields: this.#empty() }, NO_TIMESTAMP);
  }
}
