// Window Top-N (Flink's WindowRank): `ROW_NUMBER() | RANK() | DENSE_RANK() OVER (PARTITION BY window_start, window_end
// [, k] ORDER BY x) <= N` after a window TVF or window aggregate; keeps the best rows of each
// (partition, window) and emits them, insert-only, when the window ends.
import { WeirError } from '../../core/errors.ts';
import type { Row } from '../../core/row.ts';
import type { OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import type { RankType } from '../planner/logical/rel.ts';
import { insertionPoint, rankedLength, rankedRows } from './rank-operator.ts';
import { WindowEndBuffer } from './window-end-buffer.ts';
import { validateWindowSpec, type WindowSpec } from './window-spec.ts';

export interface WindowRankOptions {
  /** How ties are numbered; ROW_NUMBER when absent. */
  readonly rankType?: RankType;
  /**
   * The window TVF this rank is fused with: each row is put into its windows by `timeIndex`, and
   * window_start, window_end, window_time are appended to it (as the TVF would). Undefined: the
   * input has window columns already, window_end at `windowEndIndex`.
   */
  readonly window: WindowSpec | undefined;
  /** Rowtime field when `window` is set. */
  readonly timeIndex?: number;
  /** window_end's field in the (extended) row when `window` is undefined. */
  readonly windowEndIndex: number;
  /** Windows over a rowtime (default) end with the watermark; over a proctime, by the operator's clock. */
  readonly isEventTime?: boolean;
  /** The partition fields other than the window's; the stream must be keyed by them. */
  readonly partitionKey: readonly number[];
  /** ORDER BY over the (extended) row's fields: negative when `a` ranks before `b`. */
  readonly compare: (a: readonly unknown[], b: readonly unknown[]) => number;
  /** 1-based, inclusive: `rn <= 3` is 1..3, `rn BETWEEN 2 AND 3` is 2..3. */
  readonly rankStart: number;
  readonly rankEnd: number;
  /** Append the row number to each output row. */
  readonly outputRankNumber: boolean;
}

const STATE = 'window-rank';
const TIMERS = 'window-rank-timers';

/**
 * Output: (extended) input fields [++ row number], +I, in rank order per (partition, window),
 * timestamp window_end - 1. With ROW_NUMBER rows with equal sort keys rank in arrival order and
 * only the first rankEnd rows of a window are kept (the input is insert-only); with RANK and
 * DENSE_RANK ties share a rank and every row ranked at most rankEnd is kept. Rows of windows that have ended
 * are late: dropped and counted.
 */
export class WindowRankOperator implements StreamOperator<Row, Row> {
  readonly #rankType: RankType;
  readonly #compare: (a: readonly unknown[], b: readonly unknown[]) => number;
  readonly #rankStart: number;
  readonly #rankEnd: number;
  readonly #outputRankNumber: boolean;
  readonly #buffer: WindowEndBuffer<unknown[][]>;
  #ctx!: OperatorContext<Row>;

  constructor(options: WindowRankOptions) {
    const { window } = options;
    if (window !== undefined) {
      if (window.type === 'SESSION') throw new WeirError('window Top-N does not support SESSION windows directly after the window TVF; aggregate them first');
      validateWindowSpec(window);
      if (options.timeIndex === undefined) throw new Error('window Top-N fused with a window TVF needs timeIndex');
    }
    if (!(options.rankStart >= 1 && options.rankEnd >= options.rankStart)) {
      throw new WeirError(`window Top-N needs 1 <= rank start <= rank end, got ${options.rankStart}..${options.rankEnd}`);
    }
    this.#rankType = options.rankType ?? 'ROW_NUMBER';
    this.#compare = options.compare;
    this.#rankStart = options.rankStart;
    this.#rankEnd = options.rankEnd;
    this.#outputRankNumber = options.outputRankNumber;
    this.#buffer = new WindowEndBuffer<unknown[][]>({
      window,
      timeIndex: options.timeIndex ?? -1,
      windowEndIndex: options.windowEndIndex,
      isEventTime: options.isEventTime ?? true,
      stateName: STATE,
      timersName: TIMERS,
      first: (fields) => [fields],
      add: (top, fields) => { this.#insert(top, fields); return undefined; },
      emit: (top, timestamp) => { this.#emit(top, timestamp); },
    });
  }

  open(ctx: OperatorContext<Row>): void {
    this.#ctx = ctx;
    this.#buffer.open(ctx, 'A window Top-N');
  }

  processElement(row: Row): void {
    this.#buffer.processElement(row);
  }

  processWatermark(watermark: number): void {
    this.#buffer.processWatermark(watermark);
  }

  /** Keeps the window's best rankEnd rows in rank order (changed in place). */
  #insert(top: unknown[][], fields: unknown[]): void {
    const lo = insertionPoint(top, fields, this.#compare);
    if (this.#rankType !== 'ROW_NUMBER') {
      top.splice(lo, 0, fields);
      top.length = rankedLength(top, this.#compare, this.#rankType === 'DENSE_RANK', this.#rankEnd);
      return;
    }
    if (lo >= this.#rankEnd) return;
    top.splice(lo, 0, fields);
    if (top.length > this.#rankEnd) top.pop();
  }

  #emit(top: unknown[][], timestamp: number): void {
    const out = this.#ctx.output;
    if (this.#rankType !== 'ROW_NUMBER') {
      for (const [fields, rank] of rankedRows(top, this.#compare, this.#rankType === 'DENSE_RANK', this.#rankStart, this.#rankEnd)) {
        out.collect({ kind: '+I', fields: this.#outputRankNumber ? [...fields, rank] : fields }, timestamp);
      }
      return;
    }
    for (let i = this.#rankStart - 1; i < top.length; i++) {
      const fields = this.#outputRankNumber ? [...top[i]!, i + 1] : top[i]!;
      out.collect({ kind: '+I', fields }, timestamp);
    }
  }
}
