// The RuntimeContext a user function gets in open(): keyed state of the current key, operator
// state, and facts about the subtask it runs in.
import { WeirError } from '../../../core/errors.ts';
import type { OperatorContext } from '../stream-operator.ts';
import type { KeyedStateBackend } from '../../../state/keyed-state-backend.ts';
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from '../../../state/keyed-state.ts';
import type { OperatorStateStore } from '../../../state/operator-state.ts';
import type {
  AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, StateDescriptor, ValueStateDescriptor,
} from '../../../state/state-descriptor.ts';
import type { RuntimeContext } from './user-functions.ts';

/** Flink's wording, so users searching for it find the same answers. */
export const KEYED_STATE_ON_NON_KEYED_STREAM = "Keyed state can only be used on a 'keyed stream', i.e., after a 'keyBy()' operation.";

export class StreamingRuntimeContext implements RuntimeContext {
  readonly #ctx: OperatorContext<unknown>;

  constructor(ctx: OperatorContext<unknown>) {
    this.#ctx = ctx;
  }

  #keyed(): KeyedStateBackend {
    const backend = this.#ctx.keyedState;
    if (!backend) throw new WeirError(KEYED_STATE_ON_NON_KEYED_STREAM);
    return backend;
  }

  getState<T>(d: ValueStateDescriptor<T>): ValueState<T>;
  getState<T>(d: ListStateDescriptor<T>): ListState<T>;
  getState<K, V>(d: MapStateDescriptor<K, V>): MapState<K, V>;
  getState<T>(d: ReducingStateDescriptor<T>): ReducingState<T>;
  getState<IN, ACC, OUT>(d: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
  getState(d: StateDescriptor): unknown {
    return this.#keyed().getState(d);
  }

  getListState<T>(d: ListStateDescriptor<T>): ListState<T> {
    return this.#keyed().getState(d);
  }

  getMapState<K, V>(d: MapStateDescriptor<K, V>): MapState<K, V> {
    return this.#keyed().getState(d);
  }

  getReducingState<T>(d: ReducingStateDescriptor<T>): ReducingState<T> {
    return this.#keyed().getState(d);
  }

  getAggregatingState<IN, ACC, OUT>(d: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT> {
    return this.#keyed().getState(d);
  }

  getOperatorStateStore(): OperatorStateStore {
    return this.#ctx.operatorState;
  }

  getIndexOfThisSubtask(): number {
    return this.#ctx.runtime.subtaskIndex;
  }

  getNumberOfParallelSubtasks(): number {
    return this.#ctx.runtime.parallelism;
  }

  getMaxNumberOfParallelSubtasks(): number {
    return this.#ctx.runtime.maxParallelism;
  }

  getTaskName(): string {
    return this.#ctx.runtime.taskName;
  }

  getJobId(): string {
    return this.#ctx.runtime.jobId;
  }

  getAttemptNumber(): number {
    return this.#ctx.runtime.attemptNumber;
  }

  accumulate(name: string, n: number): void {
    this.#ctx.accumulators.add(name, n);
  }
}
