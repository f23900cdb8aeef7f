// The correlate (`LATERAL TABLE(udtf(...))`, `CROSS JOIN UNNEST(arr)`, `LEFT JOIN LATERAL ... ON TRUE`):
// each left row is emitted joined with every row the table function produces for it that satisfies
// the condition, keeping the left row's kind; a LEFT correlate pads a row that gets none with NULLs.
import type { Row } from '../../core/row.ts';
import type { OperatorContext, Output, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { joinFields, nullRow, type JoinCondition } from './join-condition.ts';

export type CorrelateJoinType = 'INNER' | 'LEFT';

export interface CorrelateOptions {
  readonly joinType: CorrelateJoinType;
  /** Produces the right-side rows of a left row (the table function call or the unnested elements). */
  readonly fn: (fields: readonly unknown[]) => Iterable<unknown[]>;
  readonly rightWidth: number;
  readonly condition?: JoinCondition;
}

export class CorrelateOperator implements StreamOperator<Row, Row> {
  readonly #o: CorrelateOptions;
  readonly #rightNulls: unknown[];
  #out!: Output<Row>;

  constructor(options: CorrelateOptions) {
    if (options.joinType !== 'INNER' && options.joinType !== 'LEFT') {
      throw new Error(`CorrelateOperator: joinType '${String(options.joinType)}' is not one of INNER, LEFT`);
    }
    this.#o = options;
    this.#rightNulls = nullRow(options.rightWidth);
  }

  open(ctx: OperatorContext<Row>): void {
    this.#out = ctx.output;
  }

  processElement(row: Row, timestamp: number): void {
    const { fn, condition } = this.#o;
    const fields = row.fields;
    let matched = false;
    for (const right of fn(fields)) {
      if (condition !== undefined && !condition(fields, right)) continue;
      matched = true;
      this.#out.collect({ kind: row.kind, fields: joinFields(fields, right) }, timestamp);
    }
    if (!matched && this.#o.joinType === 'LEFT') this.#out.collect({ kind: row.kind, fields: joinFields(fields, this.#rightNulls) }, timestamp);
  }
}
