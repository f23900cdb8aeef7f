// Flink's SinkUpsertMaterializer: before an upsert sink whose primary key differs from the key the
// changes are keyed by upstream, keeps every live row per sink key (in arrival order) so that a
// retraction of a row that is not the latest does not delete the key. Emits +I for the first row
// of a key, +U whenever the latest row changes, -D when the last row is retracted.
import type { Row } from '../../core/row.ts';
import type { OperatorContext, Output, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import type { ValueState } from '../../state/keyed-state.ts';
import { valueState } from '../../state/state-descriptor.ts';
import { sameFields } from './changelog-normalize-operator.ts';

export interface SinkUpsertMaterializerOptions {
  /** `table.exec.state.ttl` (0 or absent: never). */
  readonly stateTtlMs?: number;
  /**
   * Field indexes of the input's own unique key, if the planner knows one: a row with the same
   * upsert key replaces the stored one and retractions match on it. Without it rows match on all fields.
   */
  readonly upsertKey?: readonly number[];
}

export class SinkUpsertMaterializer implements StreamOperator<Row, Row> {
  readonly #ttlMs: number;
  readonly #same: (a: readonly unknown[], b: readonly unknown[]) => boolean;
  readonly #replaceSameKey: boolean;
  #output!: Output<Row>;
  #state!: ValueState<unknown[][]>;

  constructor(options: SinkUpsertMaterializerOptions = {}) {
    this.#ttlMs = options.stateTtlMs ?? 0;
    const key = options.upsertKey;
    this.#replaceSameKey = key !== undefined && key.length > 0;
    this.#same = this.#replaceSameKey
      ? (a, b) => sameFields(key!.map((i) => a[i]), key!.map((i) => b[i]))
      : sameFields;
  }

  open(ctx: OperatorContext<Row>): void {
    if (!ctx.keyedState) throw new Error(`SinkUpsertMaterializer '${ctx.runtime.operatorName}' needs a keyed input (keyBy the sink's primary key)`);
    const ttl = this.#ttlMs > 0 ? { ttl: { ttlMs: this.#ttlMs } } : {};
    this.#state = ctx.keyedState.getState(valueState<unknown[][]>('sink-upsert-materializer', ttl));
    this.#output = ctx.output;
  }

  processElement(row: Row, timestamp: number): void {
    const rows = this.#state.value() ?? [];
    if (row.kind === '+I' || row.kind === '+U') {
      const kind = rows.length === 0 ? '+I' : '+U';
      const i = this.#replaceSameKey ? rows.findIndex((r) => this.#same(r, row.fields)) : -1;
      if (i < 0) rows.push(row.fields);
      else rows[i] = row.fields;
      this.#output.collect({ kind, fields: row.fields }, timestamp);
      this.#state.update(rows);
      return;
    }
    const i = rows.findIndex((r) => this.#same(r, row.fields));
    // A retraction of a row that is not there (its state expired) is ignored, as in Flink.
    if (i < 0) return;
    const [removed] = rows.splice(i, 1);
    if (rows.length === 0) {
      this.#output.collect({ kind: '-D', fields: removed! }, timestamp);
      this.#state.clear();
      return;
    }
    if (i === rows.length) this.#output.collect({ kind: '+U', fields: rows[rows.length - 1]! }, timestamp);
    this.#state.update(rows);
  }
}
