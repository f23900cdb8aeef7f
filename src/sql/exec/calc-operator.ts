// Calc: a filter and a projection fused into one operator (Flink's StreamExecCalc), both compiled
// from typed expressions once per operator instance.
import type { Row } from '../../core/row.ts';
import type { OperatorContext, Output, StreamOperator } from '../../runtime/operators/stream-operator.ts';

export type Projection = (fields: readonly unknown[]) => unknown[];
export type Predicate = (fields: readonly unknown[]) => boolean;

export class CalcOperator implements StreamOperator<Row, Row> {
  readonly #project: Projection | undefined;
  readonly #predicate: Predicate | undefined;
  #out!: Output<Row>;

  /** `project` undefined forwards the row's fields unchanged (a filter only). */
  constructor(project: Projection | undefined, predicate: Predicate | undefined) {
    this.#project = project;
    this.#predicate = predicate;
  }

  open(ctx: OperatorContext<Row>): void {
    this.#out = ctx.output;
  }

  processElement(row: Row, timestamp: number): void {
    const fields = row.fields;
    if (this.#predicate !== undefined && !this.#predicate(fields)) return;
    this.#out.collect(this.#project === undefined ? row : { kind: row.kind, fields: this.#project(fields) }, timestamp);
  }
}
