// Window aggregation (Flink's WindowAggregate and legacy GroupWindowAggregate): per group key and
// window, folds rows into accumulators and emits one insert-only row when the window ends.
import { WeirError } from '../../core/errors.ts';
import type { Row } from '../../core/row.ts';
import { NO_TIMESTAMP } from '../../core/stream-element.ts';
import type { OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { requireKeyedState } from '../../runtime/operators/functions/require-keyed-state.ts';
import { VOID_NAMESPACE, type InternalValueState, type KeyedStateBackend } from '../../state/keyed-state-backend.ts';
import type { ListState } from '../../state/keyed-state.ts';
import { valueState } from '../../state/state-descriptor.ts';
import type { InternalTimerService, Timer } from '../../time/timer-service.ts';
import type { AggregateCall, AggregateHandle } from '../functions/aggregate-function.ts';
import { BufferedWindow } from './tumble-window-buffer.ts';
import { CallAccumulators } from './call-accumulators.ts';
import { forEachWindow, mergeSession, startOfWindowEnding, validateWindowSpec, windowStart, type AlignedWindowSpec, type SessionEntry, type WindowSpec } from './window-spec.ts';

export interface WindowAggregateOptions {
  readonly window: WindowSpec;
  /** Input field of the rowtime attribute (event time); ignored for processing time. */
  readonly timeIndex: number;
  /** Event time: windows end with the watermark. Processing time: windows are by the operator's clock. */
  readonly isEventTime: boolean;
  /** Input fields of the group key (without window_start/window_end); the stream is keyed by them. */
  readonly groupKey: readonly number[];
  readonly calls: readonly AggregateCall[];
  /** One per call, DISTINCT included (as createAggregateHandle builds them); merge is used by SESSION. */
  readonly handles: readonly AggregateHandle[];
  /** Only 0 (Flink's window TVF aggregation has no allowed lateness). */
  readonly allowedLatenessMs?: number;
  /** Append window_time (window_end - 1, the rowtime of the result) after window_end. */
  readonly emitWindowTime?: boolean;
  /**
   * The input is windowed already (a window aggregate over a window aggregate's or TVF's output,
   * Flink's window-attached strategy): its window_end is at this field, and `window` (TUMBLE,
   * HOP or CUMULATE, event time) is the upstream window, which gives window_start.
   */
  readonly windowEndIndex?: number;
}

/** The reason counted with ctx.countSkipped for a row whose windows have all fired. */
export const LATE_ROW = 'late';

const STATE = 'window-aggregate';
const SESSIONS = 'window-aggregate-sessions';
const TIMERS = 'window-aggregate-timers';
/** Operator (union list) state: ends of the windows that were moved from memory into keyed state. */
const STATE_WINDOWS = 'window-aggregate-state-windows';

/** State of one (key, window): [row count, ...group key values, ...accumulators]. */
type WindowAcc = unknown[];
/** One in-flight session of a key: [start, end, accumulators]. */
type Session = SessionEntry<WindowAcc>;

/**
 * Output row (+I): [...group key values, ...aggregate values, window_start, window_end] and, with
 * emitWindowTime, window_time last. Its timestamp is window_time in event time, none in processing time.
 *
 * TUMBLE/HOP/CUMULATE: the state of a (key, window) sits in the namespace named by the window's
 * end, and one timer at end - 1 (registered when the state is created) fires it: a row costs one
 * state lookup per window it belongs to. SESSION: a key's open sessions are one list in state;
 * a row's window [ts, ts + gap) merges with every session it touches.
 *
 * Event-time TUMBLE keeps the windows that opened since the last checkpoint in memory instead
 * (BufferedWindow: no keyed state, no timers) and emits them, in the order their timers would
 * fire, when the watermark passes their end. A checkpoint moves them into keyed state with their
 * timers, and rows of those windows (listed in operator state, so a restore knows them) then take
 * the keyed path until the windows fire.
 *
 * A row is late when every window it belongs to has fired (end - 1 <= watermark); it is dropped
 * and counted. A -U/-D row retracts from its windows; a window whose rows were all retracted emits nothing.
 */
export class WindowAggregateOperator implements StreamOperator<Row, Row> {
  readonly #spec: WindowSpec;
  readonly #timeIndex: number;
  readonly #isEventTime: boolean;
  readonly #groupKey: readonly number[];
  readonly #accs: CallAccumulators;
  readonly #accOffset: number;
  readonly #emitWindowTime: boolean;
  /** TUMBLE's size and offset, read directly on the hot path. */
  readonly #tumbleSize: number;
  readonly #tumbleOffset: number;
  readonly #windowEndIndex: number;

  /** Event-time TUMBLE over raw rows: new windows are buffered in memory. */
  readonly #buffer: boolean;
  readonly #buffered = new Map<number, BufferedWindow>();
  #lastBuffered: BufferedWindow | undefined;
  /** Ends of the windows in keyed state (moved there at a checkpoint, or restored) that have not fired. */
  readonly #stateWindows = new Set<number>();
  #stateWindowsList!: ListState<number>;

  #ctx!: OperatorContext<Row>;
  #backend!: KeyedStateBackend;
  #timers!: InternalTimerService;
  #state!: InternalValueState<WindowAcc>;
  #sessions!: InternalValueState<Session[]>;
  // The last window end and its namespace text: consecutive rows mostly share a window.
  #lastEnd = Number.NaN;
  #lastNamespace = '';
  // The row being added, for the forEachWindow callback (HOP, CUMULATE).
  #fields: readonly unknown[] = [];
  #retract = false;
  #assigned = false;
  #added = false;

  constructor(options: WindowAggregateOptions) {
    validateWindowSpec(options.window);
    if ((options.allowedLatenessMs ?? 0) !== 0) {
      throw new WeirError(`window aggregation supports no allowed lateness, got ${options.allowedLatenessMs} ms`);
    }
    this.#spec = options.window;
    this.#timeIndex = options.timeIndex;
    this.#isEventTime = options.isEventTime;
    this.#groupKey = options.groupKey;
    this.#accs = new CallAccumulators(options.calls, options.handles);
    this.#accOffset = 1 + options.groupKey.length;
    this.#emitWindowTime = options.emitWindowTime ?? false;
    this.#tumbleSize = options.window.type === 'TUMBLE' ? options.window.size : 0;
    this.#tumbleOffset = options.window.type === 'TUMBLE' ? options.window.offset ?? 0 : 0;
    this.#windowEndIndex = options.windowEndIndex ?? -1;
    this.#buffer = options.window.type === 'TUMBLE' && options.isEventTime && this.#windowEndIndex < 0;
    if (this.#windowEndIndex >= 0 && (options.window.type === 'SESSION' || !options.isEventTime)) {
      throw new WeirError('a window aggregation over windowed input needs an event-time TUMBLE, HOP or CUMULATE window');
    }
  }

  open(ctx: OperatorContext<Row>): void {
    const backend = requireKeyedState(ctx, 'A window aggregation');
    this.#ctx = ctx;
    this.#backend = backend;
    if (this.#buffer) {
      this.#stateWindowsList = ctx.operatorState.getUnionListState<number>(STATE_WINDOWS);
      if (ctx.isRestored) for (const end of this.#stateWindowsList.get()) this.#stateWindows.add(end);
    }
    this.#timers = ctx.getTimerService(TIMERS, {
      onEventTime: (timer) => { this.#fire(timer); },
      onProcessingTime: (timer) => { this.#fire(timer); },
    });
    if (this.#spec.type === 'SESSION') this.#sessions = backend.getState(valueState<Session[]>(SESSIONS));
    else this.#state = backend.getState(valueState<WindowAcc>(STATE));
  }

  processElement(row: Row): void {
    const fields = row.fields;
    if (this.#windowEndIndex >= 0) {
      if (!this.#addToWindow(fields[this.#windowEndIndex] as number, fields, row.kind === '-U' || row.kind === '-D')) this.#ctx.countSkipped(LATE_ROW);
      return;
    }
    let ts: number;
    if (this.#isEventTime) {
      const t = fields[this.#timeIndex];
      if (t === null || t === undefined) return; // no window holds a NULL time, as in Flink
      ts = t as number;
    } else {
      ts = this.#timers.currentProcessingTime();
    }
    const retract = row.kind === '-U' || row.kind === '-D';
    const spec = this.#spec;
    let added: boolean;
    if (spec.type === 'TUMBLE') {
      const end = windowStart(ts, this.#tumbleSize, this.#tumbleOffset) + this.#tumbleSize;
      added = this.#buffer && !this.#stateWindows.has(end) ? this.#addToBuffer(end, fields, retract) : this.#addToWindow(end, fields, retract);
    } else if (spec.type === 'SESSION') {
      added = this.#addToSession(spec.gap, ts, fields, retract);
    } else {
      this.#fields = fields;
      this.#retract = retract;
      this.#added = false;
      this.#assigned = false;
      forEachWindow(spec, ts, this.#addToEachWindow);
      if (!this.#assigned) return; // HOP with slide > size: the row falls between windows
      added = this.#added;
    }
    if (!added) this.#ctx.countSkipped(LATE_ROW);
  }

  processWatermark(watermark: number): void {
    if (this.#buffered.size > 0) this.#fireBuffered(watermark);
    this.#timers.advanceWatermark(watermark);
    for (const end of this.#stateWindows) if (end - 1 <= watermark) this.#stateWindows.delete(end);
    this.#ctx.output.emitWatermark(watermark);
  }

  /** Moves the buffered windows into keyed state, each (key, window) with its timer. */
  snapshotState(): void {
    if (!this.#buffer) return;
    const state = this.#state;
    const backend = this.#backend;
    const timers = this.#timers;
    for (const w of this.#buffered.values()) {
      const namespace = String(w.end);
      state.setCurrentNamespace(namespace);
      for (let i = 0; i < w.accs.length; i++) {
        backend.setCurrentKeyInGroup(w.keys[i], w.groups[i]!);
        state.update(w.accs[i]);
        timers.registerEventTimeTimer(namespace, w.end - 1);
      }
      this.#stateWindows.add(w.end);
    }
    this.#buffered.clear();
    this.#lastBuffered = undefined;
    this.#stateWindowsList.update([...this.#stateWindows]);
  }

  /** Emits the buffered windows the watermark has passed, interleaved by end with the keyed ones. */
  #fireBuffered(watermark: number): void {
    let due: BufferedWindow[] | undefined;
    for (const w of this.#buffered.values()) if (w.end - 1 <= watermark) (due ??= []).push(w);
    if (due === undefined) return;
    due.sort((a, b) => a.end - b.end);
    this.#lastBuffered = undefined;
    for (const w of due) {
      this.#buffered.delete(w.end);
      this.#timers.advanceWatermark(w.end - 1); // keyed windows that end earlier fire first
      const start = w.end - this.#tumbleSize;
      const accs = w.accs;
      const order = w.firingOrder();
      for (let i = 0; i < order.length; i++) this.#emit(accs[order[i]!]!, start, w.end);
    }
  }

  /** #addToWindow for a buffered window; returns false when the window has fired already. */
  #addToBuffer(end: number, fields: readonly unknown[], retract: boolean): boolean {
    if (end - 1 <= this.#timers.currentWatermark()) return false;
    let w = this.#lastBuffered;
    if (w === undefined || w.end !== end) {
      w = this.#buffered.get(end);
      if (w === undefined) this.#buffered.set(end, (w = new BufferedWindow(end)));
      this.#lastBuffered = w;
    }
    const backend = this.#backend;
    const key = backend.getCurrentKey();
    let acc = w.get(key);
    if (acc === undefined) {
      acc = this.#newAcc(fields);
      w.add(key, backend.getCurrentKeyGroup(), acc);
    }
    acc[0] = (acc[0] as number) + (retract ? -1 : 1);
    this.#accs.accumulate(acc, this.#accOffset, fields, retract);
    return true;
  }

  readonly #addToEachWindow = (_start: number, end: number): void => {
    this.#assigned = true;
    if (this.#addToWindow(end, this.#fields, this.#retract)) this.#added = true;
  };

  /** Returns false when the window has fired already. */
  #addToWindow(end: number, fields: readonly unknown[], retract: boolean): boolean {
    const timers = this.#timers;
    if (this.#isEventTime && end - 1 <= timers.currentWatermark()) return false;
    let namespace = this.#lastNamespace;
    if (end !== this.#lastEnd) {
      namespace = this.#lastNamespace = String(end);
      this.#lastEnd = end;
    }
    const state = this.#state;
    state.setCurrentNamespace(namespace);
    let acc = state.value();
    if (acc === undefined) {
      acc = this.#newAcc(fields);
      state.update(acc);
      if (this.#isEventTime) timers.registerEventTimeTimer(namespace, end - 1);
      else timers.registerProcessingTimeTimer(namespace, end - 1);
    }
    // The accumulators are mutated in place: the heap backend holds this very array.
    acc[0] = (acc[0] as number) + (retract ? -1 : 1);
    this.#accs.accumulate(acc, this.#accOffset, fields, retract);
    return true;
  }

  #addToSession(gap: number, ts: number, fields: readonly unknown[], retract: boolean): boolean {
    const state = this.#sessions;
    const timers = this.#timers;
    const { start, end, merging, kept } = mergeSession(state.value() ?? [], ts, ts + gap);
    if (this.#isEventTime && end - 1 <= timers.currentWatermark()) return false;
    // Every session the new window touches folds into the first of them.
    let target: Session | undefined;
    for (const s of merging) {
      this.#deleteTimer(s[1] - 1);
      if (target === undefined) {
        target = s;
      } else {
        target[2][0] = (target[2][0] as number) + (s[2][0] as number);
        this.#accs.merge(target[2], s[2], this.#accOffset);
      }
    }
    target ??= [start, end, this.#newAcc(fields)];
    target[0] = start;
    target[1] = end;
    kept.push(target);
    const acc = target[2];
    acc[0] = (acc[0] as number) + (retract ? -1 : 1);
    this.#accs.accumulate(acc, this.#accOffset, fields, retract);
    state.update(kept);
    if (this.#isEventTime) timers.registerEventTimeTimer(VOID_NAMESPACE, end - 1);
    else timers.registerProcessingTimeTimer(VOID_NAMESPACE, end - 1);
    return true;
  }

  #deleteTimer(timestamp: number): void {
    if (this.#isEventTime) this.#timers.deleteEventTimeTimer(VOID_NAMESPACE, timestamp);
    else this.#timers.deleteProcessingTimeTimer(VOID_NAMESPACE, timestamp);
  }

  /** Sized for the output row #emit turns it into, so it is allocated once (no growth on push). */
  #newAcc(fields: readonly unknown[]): WindowAcc {
    const key = this.#groupKey;
    const acc: WindowAcc = new Array(this.#accOffset + this.#accs.size + (this.#emitWindowTime ? 2 : 1));
    acc[0] = 0;
    for (let i = 0; i < key.length; i++) acc[i + 1] = fields[key[i]!];
    this.#accs.createAt(acc, this.#accOffset);
    acc.length = this.#accOffset + this.#accs.size;
    return acc;
  }

  #fire(timer: Timer): void {
    const end = timer.timestamp + 1;
    if (this.#spec.type === 'SESSION') {
      const state = this.#sessions;
      const sessions = state.value();
      if (sessions === undefined) return;
      const rest: Session[] = [];
      for (const s of sessions) {
        if (s[1] === end) this.#emit(s[2], s[0], end);
        else rest.push(s);
      }
      state.update(rest.length === 0 ? undefined : rest);
      return;
    }
    const state = this.#state;
    state.setCurrentNamespace(timer.namespace);
    const acc = state.value();
    if (acc === undefined) return;
    state.clear();
    this.#emit(acc, startOfWindowEnding(this.#spec as AlignedWindowSpec, end), end);
  }

  /** `acc` has left state: it becomes the output row in place (one allocation less per result). */
  #emit(acc: WindowAcc, start: number, end: number): void {
    if ((acc[0] as number) <= 0) return; // every row of the window was retracted
    const offset = this.#accOffset;
    for (let i = 1; i < offset; i++) acc[i - 1] = acc[i];
    this.#accs.valuesInto(acc, offset, acc, offset - 1);
    let n = offset - 1 + this.#accs.size;
    acc[n++] = start;
    acc[n++] = end;
    if (this.#emitWindowTime) acc[n++] = end - 1;
    acc.length = n;
    this.#ctx.output.collect({ kind: '+I', fields: acc }, this.#isEventTime ? end - 1 : NO_TIMESTAMP);
  }
}
