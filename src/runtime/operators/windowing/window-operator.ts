// The keyed window operator (Flink's WindowOperator and EvictingWindowOperator): assigns elements to
// windows, keeps each window's contents in keyed state, and emits them when the trigger fires.
import type { KeyedStateBackend, MergeableState, NamespacedState } from '../../../state/keyed-state-backend.ts';
import type { ListState } from '../../../state/keyed-state.ts';
import { aggregatingState, listState, reducingState, valueState, type AggregateFunction, type ReduceFunction, type StateDescriptor } from '../../../state/state-descriptor.ts';
import type { InternalTimerService, Timer } from '../../../time/timer-service.ts';
import type { OperatorContext, OutputTag, StreamOperator } from '../stream-operator.ts';
import { requireKeyedState } from '../functions/require-keyed-state.ts';
import { closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, snapshotUserFunction } from '../functions/user-function-lifecycle.ts';
import type { Evictor, TimestampedValue } from './evictor.ts';
import { MergingWindowSet, type MergeFunction, type WindowMapping } from './merging-window-set.ts';
import type { ProcessWindowFunction } from './process-window-function.ts';
import { isFire, isPurge, type Trigger } from './trigger.ts';
import { isMergingWindowAssigner, type WindowAssigner, type WindowAssignerContext } from './window-assigner.ts';
import { WindowProcessContext } from './window-process-context.ts';
import { WindowTriggerContext } from './window-trigger-context.ts';
import { MAX_WINDOW_TIMESTAMP, windowFromNamespace, type Window } from './window.ts';

/** Everything but the window function. */
export interface WindowOperatorBaseOptions<IN, W extends Window> {
  readonly assigner: WindowAssigner<IN, W>;
  /** Default: the assigner's default trigger. */
  readonly trigger?: Trigger<IN, W>;
  /** How long after the watermark passed a window's end late elements still update it (event time); default 0. */
  readonly allowedLatenessMs?: number;
  /** Elements too late for every window go here; without it they are dropped and counted. */
  readonly lateDataTag?: OutputTag<IN>;
  /** With an evictor all elements are kept (with timestamps) and reduced or aggregated when the window fires. */
  readonly evictor?: Evictor<IN, W>;
}

/**
 * The window function: exactly one of
 * - `reduce` (incremental; emits the reduced value, OUT = IN, unless `process` is given),
 * - `aggregate` (incremental; emits getResult, OUT = ACC, unless `process` is given),
 * - `process` alone (sees every element of the window).
 * ACC is what the window's state yields: the aggregate's result, as in Flink's WindowOperator.
 */
export type WindowFunctionOptions<IN, ACC, OUT, KEY, W extends Window> =
  | { readonly reduce: ReduceFunction<IN>; readonly process?: ProcessWindowFunction<IN, OUT, KEY, W>; readonly aggregate?: undefined }
  | { readonly aggregate: AggregateFunction<IN, unknown, ACC>; readonly process?: ProcessWindowFunction<ACC, OUT, KEY, W>; readonly reduce?: undefined }
  | { readonly process: ProcessWindowFunction<IN, OUT, KEY, W>; readonly reduce?: undefined; readonly aggregate?: undefined };

export type WindowOperatorOptions<IN, ACC, OUT, KEY, W extends Window = Window> = WindowOperatorBaseOptions<IN, W> & WindowFunctionOptions<IN, ACC, OUT, KEY, W>;

// State names; triggers and window functions must not use names starting with 'window-'.
const CONTENTS = 'window-contents';
const MERGING_WINDOWS = 'window-merging-set';
const TIMER_SERVICE = 'window-timers';

/** Counted with ctx.countSkipped for each element dropped as late (Flink's numLateRecordsDropped). */
export const LATE_ELEMENT_DROPPED = 'late element dropped by window';

/** The window contents state, whichever its kind. */
type ContentsState = NamespacedState & MergeableState & { add(value: unknown): void; get(): unknown; clear(): void };

/**
 * Lifecycle per element: assign windows -> (sessions: merge into in-flight windows) -> drop if the
 * window is past cleanup -> add to contents -> trigger.onElement -> fire/purge -> cleanup timer.
 * Per timer: trigger.onEventTime/onProcessingTime -> fire/purge -> at cleanup time clear everything.
 * All window state is in ctx.keyedState and the timer service, so a snapshot needs nothing from
 * the operator beyond the process function's own checkpoint hooks.
 */
export class WindowOperator<IN, ACC, OUT, KEY, W extends Window = Window> implements StreamOperator<IN, OUT> {
  readonly #assigner: WindowAssigner<IN, W>;
  readonly #trigger: Trigger<IN, W>;
  readonly #isEventTime: boolean;
  readonly #allowedLateness: number;
  readonly #lateDataTag: OutputTag<IN> | undefined;
  readonly #evictor: Evictor<IN, W> | undefined;
  readonly #reduce: ReduceFunction<IN> | undefined;
  readonly #aggregate: AggregateFunction<IN, unknown, unknown> | undefined;
  readonly #process: ProcessWindowFunction<unknown, OUT, KEY, W> | undefined;

  // Set in open().
  #ctx!: OperatorContext<OUT>;
  #backend!: KeyedStateBackend;
  #timers!: InternalTimerService;
  #contents!: ContentsState;
  #windows: MergingWindowSet<W> | undefined;
  #triggerCtx!: WindowTriggerContext<W>;
  #processCtx!: WindowProcessContext<W>;
  #assignerCtx!: WindowAssignerContext;

  constructor(options: WindowOperatorOptions<IN, ACC, OUT, KEY, W>) {
    const { assigner, allowedLatenessMs = 0 } = options;
    this.#assigner = assigner;
    this.#trigger = options.trigger ?? assigner.getDefaultTrigger();
    this.#isEventTime = assigner.isEventTime();
    if (!(allowedLatenessMs >= 0)) throw new RangeError(`The allowed lateness cannot be negative, got ${allowedLatenessMs}`);
    this.#allowedLateness = allowedLatenessMs;
    this.#lateDataTag = options.lateDataTag;
    this.#evictor = options.evictor;
    this.#reduce = options.reduce;
    this.#aggregate = options.aggregate;
    this.#process = options.process as ProcessWindowFunction<unknown, OUT, KEY, W> | undefined;
    if ((this.#reduce ? 1 : 0) + (this.#aggregate ? 1 : 0) > 1 || (!this.#reduce && !this.#aggregate && !this.#process)) {
      throw new Error('WindowOperator needs exactly one window function: reduce or aggregate (each with an optional process), or process');
    }
    if (isMergingWindowAssigner(assigner) && this.#trigger.canMerge?.() !== true) {
      throw new Error(`A merging window assigner (${String(assigner)}) cannot be used with a trigger that does not support merging (${String(this.#trigger)}).`);
    }
  }

  open(ctx: OperatorContext<OUT>): void | Promise<void> {
    const backend = requireKeyedState(ctx, 'A window');
    this.#ctx = ctx;
    this.#backend = backend;
    this.#timers = ctx.getTimerService(TIMER_SERVICE, {
      onEventTime: (timer) => this.#onTimer(timer, true),
      onProcessingTime: (timer) => this.#onTimer(timer, false),
    });
    this.#contents = backend.getState(this.#contentsDescriptor()) as ContentsState;
    if (isMergingWindowAssigner(this.#assigner)) {
      this.#windows = new MergingWindowSet(this.#assigner, backend.getState(valueState<WindowMapping>(MERGING_WINDOWS)), windowFromNamespace as (ns: string) => W);
    }
    this.#triggerCtx = new WindowTriggerContext(backend, this.#timers);
    this.#processCtx = new WindowProcessContext(backend, this.#timers, ctx.output);
    const timers = this.#timers;
    this.#assignerCtx = { currentProcessingTime: () => timers.currentProcessingTime() };
    return openUserFunction(this.#process, ctx);
  }

  processElement(value: IN, timestamp: number): void {
    const windows = this.#assigner.assignWindows(value, timestamp, this.#assignerCtx);
    const added = this.#windows === undefined ? this.#addToWindows(value, timestamp, windows) : this.#addToMergingWindows(value, timestamp, windows, this.#windows);
    if (!added && this.#isEventTime && timestamp + this.#allowedLateness <= this.#timers.currentWatermark()) {
      if (this.#lateDataTag !== undefined) this.#ctx.output.collectSide(this.#lateDataTag, value, timestamp);
      else this.#ctx.countSkipped(LATE_ELEMENT_DROPPED);
    }
  }

  processWatermark(watermark: number): void {
    this.#timers.advanceWatermark(watermark);
    this.#ctx.output.emitWatermark(watermark);
  }

  snapshotState(checkpointId: number): void {
    snapshotUserFunction(this.#process, checkpointId);
  }

  notifyCheckpointComplete(checkpointId: number): void | Promise<void> {
    return notifyUserFunctionComplete(this.#process, checkpointId);
  }

  notifyCheckpointAborted(checkpointId: number): void {
    notifyUserFunctionAborted(this.#process, checkpointId);
  }

  close(): void | Promise<void> {
    return closeUserFunction(this.#process);
  }

  #contentsDescriptor(): StateDescriptor {
    if (this.#evictor !== undefined || (this.#reduce === undefined && this.#aggregate === undefined)) return listState(CONTENTS);
    if (this.#reduce !== undefined) return reducingState(CONTENTS, this.#reduce);
    return aggregatingState(CONTENTS, this.#aggregate!);
  }

  /** Returns false when every window was late. */
  #addToWindows(value: IN, timestamp: number, windows: readonly W[]): boolean {
    let added = false;
    for (let i = 0; i < windows.length; i++) {
      const window = windows[i]!;
      if (this.#isWindowLate(window)) continue;
      added = true;
      this.#contents.setCurrentNamespace(window.namespace);
      this.#addElement(value, timestamp, window);
    }
    return added;
  }

  #addToMergingWindows(value: IN, timestamp: number, windows: readonly W[], set: MergingWindowSet<W>): boolean {
    let added = false;
    for (let i = 0; i < windows.length; i++) {
      const window = set.addWindow(windows[i]!, this.#merge);
      if (this.#isWindowLate(window)) {
        set.retireWindow(window);
        continue;
      }
      added = true;
      const stateWindow = set.getStateWindow(window);
      if (stateWindow === undefined) throw new Error(`Window ${String(window)} is not in the in-flight window set.`);
      this.#contents.setCurrentNamespace(stateWindow);
      this.#addElement(value, timestamp, window);
    }
    return added;
  }

  /** Adds to the contents (namespace already set) and runs the trigger for `window`. */
  #addElement(value: IN, timestamp: number, window: W): void {
    this.#contents.add(this.#evictor === undefined ? value : ({ value, timestamp } satisfies TimestampedValue<IN>));
    this.#triggerCtx.window = window;
    const result = this.#trigger.onElement(value, timestamp, window, this.#triggerCtx);
    if (isFire(result)) this.#emit(window);
    if (isPurge(result)) this.#contents.clear();
    this.#registerCleanupTimer(window);
  }

  readonly #merge: MergeFunction<W> = (mergeResult, mergedWindows, stateWindowResult, mergedStateWindows) => {
    if (this.#isEventTime && this.#isWindowLate(mergeResult)) {
      throw new Error(`The end timestamp of an event-time window cannot become earlier than the current watermark by merging. Current watermark: ${this.#timers.currentWatermark()} window: ${String(mergeResult)}`);
    }
    if (!this.#isEventTime && mergeResult.maxTimestamp() <= this.#timers.currentProcessingTime()) {
      throw new Error(`The end timestamp of a processing-time window cannot become earlier than the current processing time by merging. Current processing time: ${this.#timers.currentProcessingTime()} window: ${String(mergeResult)}`);
    }
    const ctx = this.#triggerCtx;
    ctx.window = mergeResult;
    ctx.mergedWindows = mergedWindows;
    this.#trigger.onMerge!(mergeResult, ctx);
    ctx.mergedWindows = [];
    for (const merged of mergedWindows) {
      ctx.window = merged;
      this.#trigger.clear(merged, ctx);
      this.#deleteCleanupTimer(merged);
    }
    if (mergedStateWindows.length > 0) this.#contents.mergeNamespaces(stateWindowResult, mergedStateWindows);
  };

  #onTimer(timer: Timer, eventTime: boolean): void {
    const ctx = this.#triggerCtx;
    ctx.forgetTimers();
    const window = windowFromNamespace(timer.namespace) as W;
    let stateWindow = timer.namespace;
    if (this.#windows !== undefined) {
      const s = this.#windows.getStateWindow(window);
      // A timer the trigger did not delete, of a window that merged away or was cleared.
      if (s === undefined) return;
      stateWindow = s;
    }
    this.#contents.setCurrentNamespace(stateWindow);
    ctx.window = window;
    const result = eventTime ? this.#trigger.onEventTime(timer.timestamp, window, ctx) : this.#trigger.onProcessingTime(timer.timestamp, window, ctx);
    if (isFire(result)) this.#emit(window);
    if (isPurge(result)) this.#contents.clear();
    if (eventTime === this.#isEventTime && timer.timestamp === this.#cleanupTime(window)) this.#clearAllState(window);
  }

  /** Drops the window: contents, trigger state and timers, the function's window state. */
  #clearAllState(window: W): void {
    this.#contents.clear();
    this.#triggerCtx.window = window;
    this.#trigger.clear(window, this.#triggerCtx);
    if (this.#process?.clear !== undefined) {
      this.#processCtx.window = window;
      this.#process.clear(this.#processCtx);
    }
    this.#windows?.retireWindow(window);
  }

  /** Emits the contents (namespace already set); an empty window emits nothing. */
  #emit(window: W): void {
    if (this.#evictor !== undefined) {
      this.#emitEvicting(window, this.#evictor);
      return;
    }
    const contents = this.#contents.get();
    if (this.#reduce !== undefined || this.#aggregate !== undefined) {
      if (contents !== undefined) this.#emitResult(window, contents);
    } else if ((contents as unknown[]).length > 0) {
      this.#runProcess(window, contents as unknown[]);
    }
  }

  #emitEvicting(window: W, evictor: Evictor<IN, W>): void {
    const elements = this.#contents.get() as TimestampedValue<IN>[];
    const stored = elements.length;
    if (stored === 0) return;
    evictor.evictBefore(elements, window, this.#triggerCtx);
    const values = elements.map((e) => e.value);
    if (this.#reduce !== undefined) {
      if (values.length > 0) this.#emitResult(window, values.reduce(this.#reduce));
    } else if (this.#aggregate !== undefined) {
      const agg = this.#aggregate;
      let acc = agg.createAccumulator();
      for (const v of values) acc = agg.add(v, acc);
      this.#emitResult(window, agg.getResult(acc));
    } else {
      this.#runProcess(window, values);
    }
    evictor.evictAfter(elements, window, this.#triggerCtx);
    if (elements.length !== stored) (this.#contents as unknown as ListState<TimestampedValue<IN>>).update(elements);
  }

  /** A reduced or aggregated result: emitted as is, or handed to the process function. */
  #emitResult(window: W, result: unknown): void {
    if (this.#process !== undefined) this.#runProcess(window, [result]);
    else this.#ctx.output.collect(result as OUT, window.maxTimestamp());
  }

  #runProcess(window: W, elements: Iterable<unknown>): void {
    this.#processCtx.window = window;
    this.#process!.process(this.#backend.getCurrentKey() as KEY, this.#processCtx, elements, this.#processCtx.out as { collect(value: OUT): void });
  }

  /** When the window's state is dropped; with event time, allowed lateness after its end. */
  #cleanupTime(window: W): number {
    const max = window.maxTimestamp();
    return this.#isEventTime ? Math.min(max + this.#allowedLateness, MAX_WINDOW_TIMESTAMP) : max;
  }

  #isWindowLate(window: W): boolean {
    return this.#isEventTime && this.#cleanupTime(window) <= this.#timers.currentWatermark();
  }

  // The cleanup timers go through the trigger context (already pointed at `window`) to share its memory of recent timers.
  #registerCleanupTimer(window: W): void {
    const time = this.#cleanupTime(window);
    if (time >= MAX_WINDOW_TIMESTAMP) return; // never cleaned up (global window)
    if (this.#isEventTime) this.#triggerCtx.registerEventTimeTimer(time);
    else this.#triggerCtx.registerProcessingTimeTimer(time);
  }

  #deleteCleanupTimer(window: W): void {
    const time = this.#cleanupTime(window);
    if (time >= MAX_WINDOW_TIMESTAMP) return;
    if (this.#isEventTime) this.#triggerCtx.deleteEventTimeTimer(time);
    else this.#triggerCtx.deleteProcessingTimeTimer(time);
  }
}
