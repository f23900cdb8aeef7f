// BATCH execution of an updating plan: the streaming operators run on bounded input, so their
// changelog is applied here and the final table is emitted as inserts at the end of input — what a
// batch job's sink receives. With a unique key (an aggregate's group key) a row replaces the one with
// its key, as an upsert; without, rows are matched by value and the count of each row is kept.
import type { Row } from '../../core/row.ts';
import { isAccumulate } from '../../core/row-kind.ts';
import { NO_TIMESTAMP } from '../../core/stream-element.ts';
import type { OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';

function rowKey(fields: readonly unknown[]): string {
  let k = '';
  for (const v of fields) {
    k += v === null ? '\u0000n' : v instanceof Uint8Array ? `\u0000b${Buffer.from(v).toString('hex')}` : typeof v === 'object' ? `\u0000o${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Map ? [...x] : x))}` : `\u0000${typeof v}${String(v)}`;
  }
  return k;
}

export class BatchMaterializeOperator implements StreamOperator<Row, Row> {
  readonly #rows = new Map<string, { fields: unknown[]; count: number }>();
  readonly #key: readonly number[] | undefined;
  #ctx!: OperatorContext<Row>;

  constructor(uniqueKey?: readonly number[]) {
    this.#key = uniqueKey?.length ? uniqueKey : undefined;
  }

  open(ctx: OperatorContext<Row>): void {
    this.#ctx = ctx;
  }

  processElement(row: Row): void {
    if (this.#key) {
      const k = rowKey(this.#key.map((i) => row.fields[i]));
      if (isAccumulate(row.kind)) this.#rows.set(k, { fields: row.fields, count: 1 });
      else this.#rows.delete(k);
      return;
    }
    const k = rowKey(row.fields);
    const e = this.#rows.get(k);
    const delta = isAccumulate(row.kind) ? 1 : -1;
    if (e) {
      e.count += delta;
      if (e.count === 0) this.#rows.delete(k);
    } else {
      this.#rows.set(k, { fields: row.fields, count: delta });
    }
  }

  endInput(): void {
    for (const { fields, count } of this.#rows.values()) {
      for (let i = 0; i < count; i++) this.#ctx.output.collect({ kind: '+I', fields }, NO_TIMESTAMP);
    }
    this.#rows.clear();
  }
}
