// Holds a value per key and aligned window until the window ends, for the window operators that
// emit once per window (window deduplication, window Top-N): window assignment, late rows, state
// and the end-of-window timer live here; what is kept and what is emitted is the operator's.
import type { Row } from '../../core/row.ts';
import type { OperatorContext } from '../../runtime/operators/stream-operator.ts';
import { requireKeyedState } from '../../runtime/operators/functions/require-keyed-state.ts';
import type { InternalValueState } from '../../state/keyed-state-backend.ts';
import { valueState } from '../../state/state-descriptor.ts';
import type { InternalTimerService, Timer } from '../../time/timer-service.ts';
import { LATE_ROW } from './window-aggregate-operator.ts';
import { forEachWindow, type AlignedWindowSpec } from './window-spec.ts';

export interface WindowEndBufferOptions<S> {
  /**
   * The window TVF the operator is fused with: rows are put into their windows by `timeIndex` (or
   * by the processing time) and get window_start, window_end, window_time appended. Undefined: the
   * input has window columns already, window_end at `windowEndIndex`.
   */
  readonly window: AlignedWindowSpec | undefined;
  readonly timeIndex: number;
  readonly windowEndIndex: number;
  /** Windows over a rowtime end with the watermark; over a proctime, by the operator's clock. */
  readonly isEventTime: boolean;
  /** State and timer service names (kept per operator so that savepoints stay compatible). */
  readonly stateName: string;
  readonly timersName: string;
  /** What to keep for a window's first row. */
  readonly first: (fields: unknown[]) => S;
  /** Folds a further row into what is kept: a replacement to store, or undefined when `kept` stays (possibly changed in place). */
  readonly add: (kept: S, fields: unknown[]) => S | undefined;
  /** Emits what was kept for a window that has ended; `timestamp` is window_end - 1. */
  readonly emit: (kept: S, timestamp: number) => void;
}

/** One per operator instance; the operator forwards open, processElement and processWatermark to it. */
export class WindowEndBuffer<S> {
  readonly #options: WindowEndBufferOptions<S>;
  readonly #window: AlignedWindowSpec | undefined;
  readonly #isEventTime: boolean;
  #ctx!: OperatorContext<Row>;
  #timers!: InternalTimerService;
  #state!: InternalValueState<S>;
  #current: readonly unknown[] = [];

  constructor(options: WindowEndBufferOptions<S>) {
    this.#options = options;
    this.#window = options.window;
    this.#isEventTime = options.isEventTime;
  }

  /** `what` names the operator in the error for a missing keyed state ("A window Top-N"). */
  open(ctx: OperatorContext<Row>, what: string): void {
    const backend = requireKeyedState(ctx, what);
    this.#ctx = ctx;
    this.#timers = ctx.getTimerService(this.#options.timersName, { onEventTime: (t) => { this.#fire(t); }, onProcessingTime: (t) => { this.#fire(t); } });
    this.#state = backend.getState(valueState<S>(this.#options.stateName));
  }

  processElement(row: Row): void {
    const fields = row.fields;
    if (this.#window === undefined) {
      this.#add(fields, fields[this.#options.windowEndIndex] as number);
      return;
    }
    const ts = this.#isEventTime ? fields[this.#options.timeIndex] : this.#timers.currentProcessingTime();
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
      state.update(this.#options.first(fields));
      if (this.#isEventTime) this.#timers.registerEventTimeTimer(namespace, end - 1);
      else this.#timers.registerProcessingTimeTimer(namespace, end - 1);
      return;
    }
    const replacement = this.#options.add(kept, fields);
    if (replacement !== undefined) state.update(replacement);
  }

  #fire(timer: Timer): void {
    const state = this.#state;
    state.setCurrentNamespace(timer.namespace);
    const kept = state.value();
    if (kept === undefined) return;
    state.clear();
    this.#options.emit(kept, timer.timestamp);
  }
}
