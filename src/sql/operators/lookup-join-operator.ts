// The lookup join `FROM l JOIN d FOR SYSTEM_TIME AS OF l.proctime ON l.k = d.k` (Flink's
// LookupJoinRunner): each left row looks up the dimension rows by key through the source's lookup
// function and is emitted joined with each one that satisfies the condition, with the left row's kind.
// A LEFT join emits a row that finds nothing padded with NULLs; a key containing NULL finds nothing.
import type { Row } from '../../core/row.ts';
import type { OperatorContext, Output, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import type { LookupFunction } from '../connectors/table-connector.ts';
import { joinFields, nullRow, type JoinCondition } from './join-condition.ts';

export type LookupJoinType = 'INNER' | 'LEFT';

export interface LookupJoinOptions {
  readonly joinType: LookupJoinType;
  readonly leftWidth: number;
  readonly rightWidth: number;
  /** For each key the lookup function was created with (createLookup(keys)), the left field that supplies it. */
  readonly lookupKeys: readonly number[];
  /** Opened and closed by this operator. */
  readonly lookup: LookupFunction;
  /** The rest of the ON clause, besides the lookup keys. */
  readonly condition?: JoinCondition;
}

export class LookupJoinOperator implements StreamOperator<Row, Row> {
  readonly #o: LookupJoinOptions;
  readonly #rightNulls: unknown[];
  #out!: Output<Row>;

  constructor(options: LookupJoinOptions) {
    if (options.joinType !== 'INNER' && options.joinType !== 'LEFT') {
      throw new Error(`LookupJoinOperator: joinType '${String(options.joinType)}' is not one of INNER, LEFT`);
    }
    this.#o = options;
    this.#rightNulls = nullRow(options.rightWidth);
  }

  open(ctx: OperatorContext<Row>): void | Promise<void> {
    this.#out = ctx.output;
    return this.#o.lookup.open?.();
  }

  processElement(row: Row, timestamp: number): void {
    const { lookupKeys, lookup, condition } = this.#o;
    const fields = row.fields;
    const key = new Array<unknown>(lookupKeys.length);
    let nullKey = false;
    for (let i = 0; i < lookupKeys.length; i++) {
      const v = fields[lookupKeys[i]!];
      if (v === null || v === undefined) nullKey = true;
      key[i] = v;
    }
    let matched = false;
    if (!nullKey) {
      for (const right of lookup.lookup(key)) {
        if (condition !== undefined && !condition(fields, right)) continue;
        matched = true;
        this.#out.collect({ kind: row.kind, fields: joinFields(fields, right) }, timestamp);
      }
    }
    if (!matched && this.#o.joinType === 'LEFT') this.#out.collect({ kind: row.kind, fields: joinFields(fields, this.#rightNulls) }, timestamp);
  }

  close(): void | Promise<void> {
    return this.#o.lookup.close?.();
  }
}
