// Window deduplication (Flink's WindowDeduplicate): `ROW_NUMBER() OVER (PARTITION BY window_start,
// window_end, k ORDER BY rowtime ASC|DESC) = 1`: keeps the first or last row of each key and
// window and emits it, insert-only, when the window ends.
import { WeirError } from '../../core/errors.ts';
import type { Row } from '../../core/row.ts';
import type { OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { requireKeyedState } from '../../runtime/operators/functions/require-keyed-state.ts';
import type { InternalValueState } from '../../state/keyed-state-backend.ts';
import { valueState } from '../../state/state-descriptor.ts';
import type { InternalTimerService, Timer } from '../../time/timer-service.ts';
import { LATE_ROW } from './window-aggregate-operator.ts';
import { forEachWindow, validateWindowSpec, type AlignedWindowSpec, type WindowSpec } from './window-spec.ts';

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
  readonly #window: AlignedWindowSpec | undefined;
  readonly #timeIndex: number;
  readonly #windowEndIndex: number;
  readonly #keepLastRow: boolean;
  readonly #isEventTime: boolean;
  #ctx!: OperatorContext<Row>;
  #timers!: InternalTimerService;
  #state!: InternalValueState<unknown[]>;
  #current: readonly unknown[] = [];

  constructor(options: WindowDeduplicateOptions) {
    const { window } = options;
    if (window !== undefined) {
      if (window.type === 'SESSION') throw new WeirError('window deduplication does not support SESSION windows');
      validateWindowSpec(window);
    }
    this.#window = window;
    this.#timeIndex = options.timeIndex;
    this.#windowEndIndex = options.windowEndIndex;
    this.#keepLastRow = options.keepLastRow;
    this.#isEventTime = options.isEventTime ?? true;
  }

  open(ctx: OperatorContext<Row>): void {
    const backend = requireKeyedState(ctx, 'A window deduplication');
    this.#ctx = ctx;
    this.#timers = ctx.getTimerService(TIMERS, { onEventTime: (t) => { this.#fire(t); }, onProcessingTime: (t) => { this.#fire(t); } });
    this.#state = backend.getState(valueState<unknown[]>(STATE));
  }

  processElement(row: Row): void {
    const fields = row.fields;
    if (this.#window === undefined) {
      this.#add(fields, fields[this.#windowEndIndex] as number);
      return;
    }
    const ts = this.#isEventTime ? fields[this.#timeIndex] : this.#timers.currentProcessingTime();
    if (ts === null || ts === undefined) return;
    this.#current = fields;
    forEachWindow(this.#window, ts as number, this.#addWindowed);
  }

  processWatermark(watermark: number): void {
    this.#timers.advanceWatermark(watermark);
    this.#ctx.output.emitWatermark(watermark);
  }

  readonly #addWindowed = (start: number, end: number): void => {
    const extended = this.#current.slice();
    extended.push(start, end, end - 1);
    this.#add(extended, end);
  };

  #add(fields: unknown[], end: number): void {
    if (this.#isEventTime && end - 1 <= this.#timers.currentWatermark()) {
      this.#ctx.countSkipped(LATE_ROW);
      return;
    }
    const namespace = String(end);
    const state = this.#state;
    state.setCurrentNamespace(namespace);
    const kept = state.value();
    if (kept === undefined) {
      state.update(fields);
      if (this.#isEventTime) this.#timers.registerEventTimeTimer(namespace, end - 1);
      else this.#timers.registerProcessingTimeTimer(namespace, end - 1);
      return;
    }
    if (!this.#isEventTime) {
      if (this.#keepLastRow) state.update(fields); // proctime order is arrival order
      return;
    }
    const ts = fields[this.#timeIndex] as number;
    const keptTs = kept[this.#timeIndex] as number;
    if (this.#keepLastRow ? ts >= keptTs : ts < keptTs) state.update(fields);
  }

  #fire(timer: Timer): void {
    const state = this.#state;
    state.setCurrentNamespace(timer.namespace);
    const kept = state.value();
    if (kept === undefined) return;
    state.clear();
    this.#ctx.output.collect({ kind: '+I', fields: kept }, timer.timestamp);
  }
}
