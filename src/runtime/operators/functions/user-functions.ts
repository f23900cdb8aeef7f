// The functions users write for the DataStream API (Flink's function interfaces, TypeScript-native):
// a plain function where Flink has a one-method interface, an object with methods otherwise, and
// optional lifecycle hooks (open, close, checkpoint hooks) on any function object.
import type { OutputTag } from '../stream-operator.ts';
import type { TimerService } from '../../../time/timer-service.ts';
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from '../../../state/keyed-state.ts';
import type { BroadcastState, BroadcastStateDescriptor, OperatorStateStore, ReadOnlyBroadcastState } from '../../../state/operator-state.ts';
import type {
  AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor,
} from '../../../state/state-descriptor.ts';

/** Receives a function's results; `out.collect(v)` may be called any number of times per input. */
export interface Collector<T> {
  collect(value: T): void;
}

/** Extracts the key that keyBy() partitions by; must be deterministic. */
export type KeySelector<T, K> = (value: T) => K;

/** Keyed state of the current key, typed by its descriptor. */
export interface KeyedStateStore {
  getState<T>(d: ValueStateDescriptor<T>): ValueState<T>;
  getState<T>(d: ListStateDescriptor<T>): ListState<T>;
  getState<K, V>(d: MapStateDescriptor<K, V>): MapState<K, V>;
  getState<T>(d: ReducingStateDescriptor<T>): ReducingState<T>;
  getState<IN, ACC, OUT>(d: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
  getListState<T>(d: ListStateDescriptor<T>): ListState<T>;
  getMapState<K, V>(d: MapStateDescriptor<K, V>): MapState<K, V>;
  getReducingState<T>(d: ReducingStateDescriptor<T>): ReducingState<T>;
  getAggregatingState<IN, ACC, OUT>(d: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
}

/**
 * What a function sees of the operator it runs in. Keyed state throws on a non-keyed stream.
 *
 * @example
 * class CountPerKey implements RichMapFunction<string, number> {
 *   count!: ValueState<number>;
 *   open(ctx: RuntimeContext) { this.count = ctx.getState(valueState<number>('count')); }
 *   map(word: string) { const n = (this.count.value() ?? 0) + 1; this.count.update(n); return n; }
 * }
 */
export interface RuntimeContext extends KeyedStateStore {
  getOperatorStateStore(): OperatorStateStore;
  getIndexOfThisSubtask(): number;
  getNumberOfParallelSubtasks(): number;
  getMaxNumberOfParallelSubtasks(): number;
  getTaskName(): string;
  getJobId(): string;
  getAttemptNumber(): number;
  /** Adds `n` to the accumulator `name`, summed over all subtasks and returned by execute(). */
  accumulate(name: string, n: number): void;
}

export interface RichFunction {
  /** Called once before the first element; may be async (connect to a service, load a model). */
  open?(ctx: RuntimeContext): void | Promise<void>;
  close?(): void | Promise<void>;
}

export interface FunctionSnapshotContext {
  readonly checkpointId: number;
}

export interface FunctionInitializationContext {
  /** True when the job restores from a checkpoint or savepoint. */
  isRestored(): boolean;
  readonly operatorStateStore: OperatorStateStore;
  /** Undefined unless the function runs on a keyed stream. */
  readonly keyedStateStore: KeyedStateStore | undefined;
}

/** A function with its own operator state: initializeState runs before open, snapshotState at each checkpoint. */
export interface CheckpointedFunction {
  snapshotState(ctx: FunctionSnapshotContext): void;
  initializeState(ctx: FunctionInitializationContext): void;
}

export interface CheckpointListener {
  notifyCheckpointComplete(checkpointId: number): void | Promise<void>;
  notifyCheckpointAborted?(checkpointId: number): void;
}

/** The optional hooks any function object may have. */
export interface FunctionHooks extends RichFunction, Partial<CheckpointedFunction>, Partial<CheckpointListener> {}

export interface RichMapFunction<I, O> extends FunctionHooks {
  map(value: I): O;
}
export type MapFunction<I, O> = ((value: I) => O) | RichMapFunction<I, O>;

export interface RichFlatMapFunction<I, O> extends FunctionHooks {
  flatMap(value: I, out: Collector<O>): void;
}
export type FlatMapFunction<I, O> = ((value: I, out: Collector<O>) => void) | RichFlatMapFunction<I, O>;

export interface RichFilterFunction<T> extends FunctionHooks {
  filter(value: T): boolean;
}
export type FilterFunction<T> = ((value: T) => boolean) | RichFilterFunction<T>;

export interface RichReduceFunction<T> extends FunctionHooks {
  reduce(accumulated: T, value: T): T;
}
export type ReduceFunction<T> = ((accumulated: T, value: T) => T) | RichReduceFunction<T>;

export type TimeDomain = 'EVENT_TIME' | 'PROCESSING_TIME';

export interface ProcessContext {
  /** The element's timestamp (the timer's, inside onTimer); undefined when it has none. */
  timestamp(): number | undefined;
  /** Timers can be registered on keyed streams only; elsewhere only the clocks can be read. */
  timerService(): TimerService;
  /** Emits to a side output, with the current element's timestamp. */
  output<X>(tag: OutputTag<X>, value: X): void;
}

export interface OnTimerContext extends ProcessContext {
  timeDomain(): TimeDomain;
}

export interface KeyedProcessContext<K> extends ProcessContext {
  getCurrentKey(): K;
}

export interface KeyedOnTimerContext<K> extends KeyedProcessContext<K>, OnTimerContext {}

export interface ProcessFunction<I, O> extends FunctionHooks {
  processElement(value: I, ctx: ProcessContext, out: Collector<O>): void;
  onTimer?(timestamp: number, ctx: OnTimerContext, out: Collector<O>): void;
}

/**
 * A process function on a keyed stream, with keyed state and timers of the current key.
 *
 * @example
 * const timeout: KeyedProcessFunction<string, { time: number }, string> = {
 *   processElement(e, ctx) { ctx.timerService().registerEventTimeTimer(e.time + 60_000); },
 *   onTimer(ts, ctx, out) { out.collect(`${ctx.getCurrentKey()} idle since ${ts - 60_000}`); },
 * };
 */
export interface KeyedProcessFunction<K, I, O> extends FunctionHooks {
  processElement(value: I, ctx: KeyedProcessContext<K>, out: Collector<O>): void;
  onTimer?(timestamp: number, ctx: KeyedOnTimerContext<K>, out: Collector<O>): void;
}

export interface CoMapFunction<I1, I2, O> extends FunctionHooks {
  map1(value: I1): O;
  map2(value: I2): O;
}

export interface CoFlatMapFunction<I1, I2, O> extends FunctionHooks {
  flatMap1(value: I1, out: Collector<O>): void;
  flatMap2(value: I2, out: Collector<O>): void;
}

export interface CoProcessFunction<I1, I2, O> extends FunctionHooks {
  processElement1(value: I1, ctx: ProcessContext, out: Collector<O>): void;
  processElement2(value: I2, ctx: ProcessContext, out: Collector<O>): void;
  onTimer?(timestamp: number, ctx: OnTimerContext, out: Collector<O>): void;
}

export interface KeyedCoProcessFunction<K, I1, I2, O> extends FunctionHooks {
  processElement1(value: I1, ctx: KeyedProcessContext<K>, out: Collector<O>): void;
  processElement2(value: I2, ctx: KeyedProcessContext<K>, out: Collector<O>): void;
  onTimer?(timestamp: number, ctx: KeyedOnTimerContext<K>, out: Collector<O>): void;
}

interface BroadcastBaseContext {
  timestamp(): number | undefined;
  output<X>(tag: OutputTag<X>, value: X): void;
  currentProcessingTime(): number;
  currentWatermark(): number;
}

/** The context of the non-broadcast side: broadcast state may be read, not written. */
export interface BroadcastReadOnlyContext extends BroadcastBaseContext {
  getBroadcastState<K, V>(d: BroadcastStateDescriptor<K, V>): ReadOnlyBroadcastState<K, V>;
}

/** The context of the broadcast side: every parallel instance applies the same updates. */
export interface BroadcastContext extends BroadcastBaseContext {
  getBroadcastState<K, V>(d: BroadcastStateDescriptor<K, V>): BroadcastState<K, V>;
}

export interface BroadcastProcessFunction<I, B, O> extends FunctionHooks {
  processElement(value: I, ctx: BroadcastReadOnlyContext, out: Collector<O>): void;
  processBroadcastElement(value: B, ctx: BroadcastContext, out: Collector<O>): void;
}

export interface KeyedBroadcastReadOnlyContext<K> extends BroadcastReadOnlyContext {
  timerService(): TimerService;
  getCurrentKey(): K;
}

export interface KeyedBroadcastOnTimerContext<K> extends KeyedBroadcastReadOnlyContext<K> {
  timeDomain(): TimeDomain;
}

/** Applies a function to the state of every key that has state under the descriptor. */
export interface ApplyToKeyedState<K> {
  applyToKeyedState<T>(d: ValueStateDescriptor<T>, fn: (key: K, state: ValueState<T>) => void): void;
  applyToKeyedState<T>(d: ListStateDescriptor<T>, fn: (key: K, state: ListState<T>) => void): void;
  applyToKeyedState<MK, MV>(d: MapStateDescriptor<MK, MV>, fn: (key: K, state: MapState<MK, MV>) => void): void;
  applyToKeyedState<T>(d: ReducingStateDescriptor<T>, fn: (key: K, state: ReducingState<T>) => void): void;
  applyToKeyedState<IN, ACC, OUT>(d: AggregatingStateDescriptor<IN, ACC, OUT>, fn: (key: K, state: AggregatingState<IN, OUT>) => void): void;
}

export interface KeyedBroadcastContext<K> extends BroadcastContext, ApplyToKeyedState<K> {}

/**
 * Connects a keyed stream with a broadcast stream (Flink's broadcast state pattern).
 *
 * @example
 * const rules = broadcastStateDescriptor<string, number>('rules');
 * const alert: KeyedBroadcastProcessFunction<string, { value: number }, [string, number], string> = {
 *   processElement(r, ctx, out) {
 *     const limit = ctx.getBroadcastState(rules).get('limit');
 *     if (limit !== undefined && r.value > limit) out.collect(`${ctx.getCurrentKey()} over ${limit}`);
 *   },
 *   processBroadcastElement([name, value], ctx) { ctx.getBroadcastState(rules).put(name, value); },
 * };
 */
export interface KeyedBroadcastProcessFunction<K, I, B, O> extends FunctionHooks {
  processElement(value: I, ctx: KeyedBroadcastReadOnlyContext<K>, out: Collector<O>): void;
  processBroadcastElement(value: B, ctx: KeyedBroadcastContext<K>, out: Collector<O>): void;
  onTimer?(timestamp: number, ctx: KeyedBroadcastOnTimerContext<K>, out: Collector<O>): void;
}
