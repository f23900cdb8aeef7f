// Streaming ORDER BY on a rowtime attribute (Flink's RowTimeSortOperator): `ORDER BY rowtime [, x]`
// ascending; rows wait until the watermark passes their rowtime and then come out in order.
import type { Row } from '../../core/row.ts';
import type { OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import type { ListState } from '../../state/keyed-state.ts';
import { LATE_ROW } from './window-aggregate-operator.ts';
import type { RowComparator } from './rank-operator.ts';

export interface TemporalSortOptions {
  /** The rowtime field (the first ORDER BY key, ascending). */
  readonly timeIndex: number;
  /** The remaining ORDER BY keys, for rows with the same rowtime; arrival order when absent. */
  readonly compare?: RowComparator;
}

const STATE = 'temporal-sort-rows';

/**
 * A global operator (parallelism 1) on insert-only input. Output: the input rows, +I, with their
 * rowtime as timestamp, emitted before the watermark that releases them. A row whose rowtime is
 * not after the current watermark is late: dropped and counted.
 */
export class TemporalSortOperator implements StreamOperator<Row, Row> {
  readonly #timeIndex: number;
  readonly #compare: RowComparator | undefined;
  #ctx!: OperatorContext<Row>;
  #saved!: ListState<unknown[]>;
  /** Pending rows by rowtime, and the distinct rowtimes in ascending order. */
  readonly #byTime = new Map<number, unknown[][]>();
  readonly #times: number[] = [];

  constructor(options: TemporalSortOptions) {
    this.#timeIndex = options.timeIndex;
    this.#compare = options.compare;
  }

  open(ctx: OperatorContext<Row>): void {
    this.#ctx = ctx;
    this.#saved = ctx.operatorState.getListState<unknown[]>(STATE);
    if (ctx.isRestored) for (const fields of this.#saved.get()) this.#add(fields);
  }

  processElement(row: Row): void {
    const ts = row.fields[this.#timeIndex];
    if (ts === null || ts === undefined) return; // a rowtime attribute is NOT NULL; nothing to order by
    if ((ts as number) <= this.#ctx.currentWatermark()) {
      this.#ctx.countSkipped(LATE_ROW);
      return;
    }
    this.#add(row.fields);
  }

  processWatermark(watermark: number): void {
    const times = this.#times;
    let n = 0;
    while (n < times.length && times[n]! <= watermark) {
      const time = times[n++]!;
      const rows = this.#byTime.get(time)!;
      this.#byTime.delete(time);
      if (this.#compare !== undefined) rows.sort(this.#compare); // stable: ties keep arrival order
      for (const fields of rows) this.#ctx.output.collect({ kind: '+I', fields }, time);
    }
    if (n > 0) times.splice(0, n);
    this.#ctx.output.emitWatermark(watermark);
  }

  snapshotState(): void {
    const all: unknown[][] = [];
    for (const time of this.#times) all.push(...this.#byTime.get(time)!);
    this.#saved.update(all);
  }

  #add(fields: unknown[]): void {
    const ts = fields[this.#timeIndex] as number;
    const rows = this.#byTime.get(ts);
    if (rows !== undefined) {
      rows.push(fields);
      return;
    }
    this.#byTime.set(ts, [fields]);
    const times = this.#times;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! < ts) lo = mid + 1;
      else hi = mid;
    }
    times.splice(lo, 0, ts);
  }
}
