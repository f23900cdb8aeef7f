// The SESSION window table function used on its own (Flink 1.19's UnalignedWindowTableFunctionOperator):
// `TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL ...))` holds each key's rows
// until their session closes, then emits them with window_start, window_end and window_time appended.
import type { Row } from '../../core/row.ts';
import { NO_TIMESTAMP } from '../../core/stream-element.ts';
import type { OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { requireKeyedState } from '../../runtime/operators/functions/require-keyed-state.ts';
import { VOID_NAMESPACE, type InternalValueState } from '../../state/keyed-state-backend.ts';
import { valueState } from '../../state/state-descriptor.ts';
import type { InternalTimerService, Timer } from '../../time/timer-service.ts';
import { LATE_ROW } from './window-aggregate-operator.ts';
import { mergeSession, validateWindowSpec, type SessionEntry } from './window-spec.ts';

export interface SessionWindowTableFunctionOptions {
  /** The session gap in ms. */
  readonly gap: number;
  /** Input field of the time attribute (DESCRIPTOR(ts)). */
  readonly timeIndex: number;
  /** Event time: sessions close with the watermark; processing time: by the operator's clock (rows are stamped on arrival). */
  readonly isEventTime: boolean;
}

const STATE = 'session-window-rows';
const TIMERS = 'session-window-timers';

type Session = SessionEntry<unknown[][]>;

/**
 * Keyed by the PARTITION BY fields (a constant key without them). Output: input fields ++
 * [window_start, window_end, window_time], +I, timestamp window_time, emitted when the session
 * ends (end - 1 <= watermark); a session's rows come in arrival order of the sessions they merged
 * from. A row whose session would already have ended is late: dropped and counted.
 */
export class SessionWindowTableFunctionOperator implements StreamOperator<Row, Row> {
  readonly #gap: number;
  readonly #timeIndex: number;
  readonly #isEventTime: boolean;
  #ctx!: OperatorContext<Row>;
  #timers!: InternalTimerService;
  #state!: InternalValueState<Session[]>;

  constructor(options: SessionWindowTableFunctionOptions) {
    validateWindowSpec({ type: 'SESSION', gap: options.gap });
    this.#gap = options.gap;
    this.#timeIndex = options.timeIndex;
    this.#isEventTime = options.isEventTime;
  }

  open(ctx: OperatorContext<Row>): void {
    const backend = requireKeyedState(ctx, 'A SESSION window table function');
    this.#ctx = ctx;
    this.#timers = ctx.getTimerService(TIMERS, { onEventTime: (t) => { this.#fire(t); }, onProcessingTime: (t) => { this.#fire(t); } });
    this.#state = backend.getState(valueState<Session[]>(STATE));
  }

  processElement(row: Row): void {
    const fields = row.fields;
    const t = this.#isEventTime ? fields[this.#timeIndex] : this.#timers.currentProcessingTime();
    if (t === null || t === undefined) return;
    const ts = t as number;
    const timers = this.#timers;
    const { start, end, merging, kept } = mergeSession(this.#state.value() ?? [], ts, ts + this.#gap);
    if (this.#isEventTime && end - 1 <= timers.currentWatermark()) {
      this.#ctx.countSkipped(LATE_ROW);
      return;
    }
    const rows: unknown[][] = [];
    for (const s of merging) {
      this.#deleteTimer(s[1] - 1);
      for (const r of s[2]) rows.push(r);
    }
    rows.push(fields);
    kept.push([start, end, rows]);
    this.#state.update(kept);
    if (this.#isEventTime) timers.registerEventTimeTimer(VOID_NAMESPACE, end - 1);
    else timers.registerProcessingTimeTimer(VOID_NAMESPACE, end - 1);
  }

  processWatermark(watermark: number): void {
    this.#timers.advanceWatermark(watermark);
    this.#ctx.output.emitWatermark(watermark);
  }

  #deleteTimer(timestamp: number): void {
    if (this.#isEventTime) this.#timers.deleteEventTimeTimer(VOID_NAMESPACE, timestamp);
    else this.#timers.deleteProcessingTimeTimer(VOID_NAMESPACE, timestamp);
  }

  #fire(timer: Timer): void {
    const sessions = this.#state.value();
    if (sessions === undefined) return;
    const end = timer.timestamp + 1;
    const rest: Session[] = [];
    const out = this.#ctx.output;
    const ts = this.#isEventTime ? end - 1 : NO_TIMESTAMP;
    for (const s of sessions) {
      if (s[1] !== end) {
        rest.push(s);
        continue;
      }
      for (const fields of s[2]) out.collect({ kind: '+I', fields: [...fields, s[0], end, end - 1] }, ts);
    }
    this.#state.update(rest.length === 0 ? undefined : rest);
  }
}
