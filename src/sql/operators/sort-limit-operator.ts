// ORDER BY ... LIMIT n [OFFSET m] (Flink's SortLimit, and in streaming the Top-N it becomes): a
// global operator (parallelism 1) that keeps the best offset + limit rows.
import type { Row } from '../../core/row.ts';
import { isAccumulate } from '../../core/row-kind.ts';
import { NO_TIMESTAMP } from '../../core/stream-element.ts';
import { WeirError } from '../../core/errors.ts';
import type { OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import type { ListState } from '../../state/keyed-state.ts';
import { addRow, emitRankChanges, removeRow, type RankEmitOptions, type RowComparator } from './rank-operator.ts';

export interface SortLimitOptions {
  /** ORDER BY over input fields: negative when `a` comes before `b`. */
  readonly compare: RowComparator;
  /** OFFSET m (0 when absent). */
  readonly offset: number;
  /** LIMIT n; undefined for ORDER BY without LIMIT (bounded input only). */
  readonly limit: number | undefined;
  /**
   * BATCH (and bounded ORDER BY without LIMIT): emit the rows, +I in order, at end of input.
   * Otherwise emit, per input row, the changes to the rows in range: -D for rows that left it, +I for rows that entered.
   */
  readonly emitAtEnd: boolean;
  /** Insert-only input (default): only offset + limit rows are kept; otherwise all, so a retraction can bring the next one up. */
  readonly inputInsertOnly?: boolean;
}

const STATE = 'sort-limit-rows';

/** Output rows are the input rows; in emitAtEnd mode in ORDER BY order with timestamp NO_TIMESTAMP. */
export class SortLimitOperator implements StreamOperator<Row, Row> {
  readonly #compare: RowComparator;
  readonly #offset: number;
  readonly #keep: number;
  readonly #rowsKept: number;
  readonly #emitAtEnd: boolean;
  readonly #emitOptions: RankEmitOptions;
  #ctx!: OperatorContext<Row>;
  #saved!: ListState<unknown[]>;
  #rows: unknown[][] = [];

  constructor(options: SortLimitOptions) {
    const { offset, limit } = options;
    if (!(Number.isInteger(offset) && offset >= 0)) throw new WeirError(`OFFSET must be a non-negative integer, got ${offset}`);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) throw new WeirError(`LIMIT must be a non-negative integer, got ${limit}`);
    this.#compare = options.compare;
    this.#offset = offset;
    this.#keep = limit === undefined ? Number.POSITIVE_INFINITY : offset + limit;
    this.#rowsKept = options.inputInsertOnly === false ? Number.POSITIVE_INFINITY : this.#keep;
    this.#emitAtEnd = options.emitAtEnd;
    this.#emitOptions = { rankStart: offset + 1, rankEnd: this.#keep, outputRankNumber: false, generateUpdateBefore: false };
  }

  open(ctx: OperatorContext<Row>): void {
    this.#ctx = ctx;
    this.#saved = ctx.operatorState.getListState<unknown[]>(STATE);
    if (ctx.isRestored) this.#rows = this.#saved.get();
  }

  processElement(row: Row, timestamp: number): void {
    if (this.#keep === 0) return;
    const rows = this.#rows;
    const change = isAccumulate(row.kind)
      ? addRow(rows, row.fields, this.#compare, this.#rowsKept, this.#keep)
      : removeRow(rows, row.fields, this.#compare, this.#keep);
    if (change !== undefined && !this.#emitAtEnd) emitRankChanges(this.#ctx.output, change, rows, this.#emitOptions, timestamp);
  }

  snapshotState(): void {
    this.#saved.update(this.#rows);
  }

  endInput(): void {
    if (!this.#emitAtEnd) return;
    const rows = this.#rows;
    const end = Math.min(rows.length, this.#keep);
    for (let i = this.#offset; i < end; i++) this.#ctx.output.collect({ kind: '+I', fields: rows[i]! }, NO_TIMESTAMP);
    this.#rows = [];
  }
}
