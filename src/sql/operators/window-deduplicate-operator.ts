// Window deduplication (Flink's WindowDeduplicate): `ROW_NUMBER() OVER (PARTITION BY window_start,
// window_end, k ORDER BY rowtime ASC|DESC) = 1`: keeps the first or last row of each key and
// window and emits it, insert-only, when the window ends.
import { WeirError } from '../../core/errors.ts';
import type { Row } from '../../core/row.ts';
import type { OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { WindowEndBuffer } from './window-end-buffer.ts';
import { validateWindowSpec, type WindowSpec } from './window-spec.ts';

export interface WindowDeduplicateOptions {
  /**
   * The window TVF this is fused with (rows get window_start, window_end, window_time appended),
   * or undefined when the input carries window columns already (window_end at windowEndIndex).
   */
  readonly window: WindowSpec | undefined;
  /** The rowtime field the rows are ordered by (and, with `window`, put into windows by); unused for proctime. */
  readonly timeIndex: number;
  readonly windowEndIndex: number;
  /** Windows over a rowtime (default) end with the watermark; over a proctime, by the operator's clock. */
  readonly isEventTime?: boolean;
  /** ORDER BY rowtime DESC keeps the last row; ASC the first. */
  readonly keepLastRow: boolean;
}

const STATE = 'window-deduplicate';
const TIMERS = 'window-deduplicate-timers';

/**
 * Output: the kept (extended) row, +I, timestamp window_end - 1. Keep first: a row replaces the
 * kept one only with a strictly smaller rowtime; keep last: with a rowtime at least as large (so
 * on ties the first or the last arrival wins, as in Flink). Rows of ended windows are late: dropped and counted.
 */
export class WindowDeduplicateOperator implements StreamOperator<Row, Row> {
  readonly #buffer: WindowEndBuffer<unknown[]>;
  #ctx!: OperatorContext<Row>;

  constructor(options: WindowDeduplicateOptions) {
    const { window, timeIndex, keepLastRow } = options;
    if (window !== undefined) {
      if (window.type === 'SESSION') throw new WeirError('window deduplication does not support SESSION windows');
      validateWindowSpec(window);
    }
    const isEventTime = options.isEventTime ?? true;
    this.#buffer = new WindowEndBuffer<unknown[]>({
      window,
      timeIndex,
      windowEndIndex: options.windowEndIndex,
      isEventTime,
      stateName: STATE,
      timersName: TIMERS,
      first: (fields) => fields,
      add: (kept, fields) => {
        if (!isEventTime) return keepLastRow ? fields : undefined; // proctime order is arrival order
        const ts = fields[timeIndex] as number;
        const keptTs = kept[timeIndex] as number;
        return (keepLastRow ? ts >= keptTs : ts < keptTs) ? fields : undefined;
      },
      emit: (kept, timestamp) => { this.#ctx.output.collect({ kind: '+I', fields: kept }, timestamp); },
    });
  }

  open(ctx: OperatorContext<Row>): void {
    this.#ctx = ctx;
    this.#buffer.open(ctx, 'A window deduplication');
  }

  processElement(row: Row): void {
    this.#buffer.processElement(row);
  }

  processWatermark(watermark: number): void {
    this.#buffer.processWatermark(watermark);
  }
}
