// The contexts handed to broadcast process functions: the element side reads broadcast state (and,
// when keyed, has timers and the current key); the broadcast side writes it and can visit keyed state.
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import { WeirError } from '../../../core/errors.ts';
import { VOID_NAMESPACE, type KeyedStateBackend } from '../../../state/keyed-state-backend.ts';
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from '../../../state/keyed-state.ts';
import type { BroadcastState, BroadcastStateDescriptor, OperatorStateStore, ReadOnlyBroadcastState } from '../../../state/operator-state.ts';
import type {
  AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, StateDescriptor, ValueStateDescriptor,
} from '../../../state/state-descriptor.ts';
import type { TimerService } from '../../../time/timer-service.ts';
import type { OperatorContext, OutputTag } from '../stream-operator.ts';
import type { KeyedBroadcastContext, KeyedBroadcastOnTimerContext, TimeDomain } from './user-functions.ts';

/** A view that hides the writers, so the element side cannot make instances diverge. */
class ReadOnlyBroadcastStateView<K, V> implements ReadOnlyBroadcastState<K, V> {
  readonly #state: BroadcastState<K, V>;

  constructor(state: BroadcastState<K, V>) {
    this.#state = state;
  }

  get(key: K): V | undefined {
    return this.#state.get(key);
  }

  contains(key: K): boolean {
    return this.#state.contains(key);
  }

  entries(): IterableIterator<[K, V]> {
    return this.#state.entries();
  }
}

/** The broadcast states registered with the operator, fetched once from the operator state store. */
export class BroadcastStates {
  readonly #writable = new Map<string, BroadcastState<any, any>>();
  readonly #readOnly = new Map<string, ReadOnlyBroadcastState<any, any>>();

  constructor(store: OperatorStateStore, descriptors: readonly BroadcastStateDescriptor<any, any>[]) {
    for (const d of descriptors) {
      const state = store.getBroadcastState(d);
      this.#writable.set(d.name, state);
      this.#readOnly.set(d.name, new ReadOnlyBroadcastStateView(state));
    }
  }

  writable<K, V>(d: BroadcastStateDescriptor<K, V>): BroadcastState<K, V> {
    return this.#writable.get(d.name) ?? this.#missing(d);
  }

  readOnly<K, V>(d: BroadcastStateDescriptor<K, V>): ReadOnlyBroadcastState<K, V> {
    return this.#readOnly.get(d.name) ?? this.#missing(d);
  }

  #missing(d: BroadcastStateDescriptor<unknown, unknown>): never {
    throw new WeirError(
      `The requested broadcast state '${d.name}' does not exist. Check for typos in your state descriptor, ` +
      `or pass the descriptor to broadcast(...) if you forgot to register it (registered: ${[...this.#writable.keys()].join(', ') || 'none'}).`,
    );
  }
}

abstract class BaseContext {
  currentTimestamp = NO_TIMESTAMP;
  protected readonly ctx: OperatorContext<unknown>;
  protected readonly states: BroadcastStates;

  constructor(ctx: OperatorContext<unknown>, states: BroadcastStates) {
    this.ctx = ctx;
    this.states = states;
  }

  timestamp(): number | undefined {
    return this.currentTimestamp === NO_TIMESTAMP ? undefined : this.currentTimestamp;
  }

  output<X>(tag: OutputTag<X>, value: X): void {
    this.ctx.output.collectSide(tag, value, this.currentTimestamp);
  }

  currentProcessingTime(): number {
    return this.ctx.processingTime.now();
  }

  currentWatermark(): number {
    return this.ctx.currentWatermark();
  }
}

/** The element side (and onTimer): read-only broadcast state, timers and key when keyed. */
export class BroadcastElementContext<K> extends BaseContext implements KeyedBroadcastOnTimerContext<K> {
  currentDomain: TimeDomain = 'EVENT_TIME';
  readonly #timers: TimerService;

  constructor(ctx: OperatorContext<unknown>, states: BroadcastStates, timers: TimerService) {
    super(ctx, states);
    this.#timers = timers;
  }

  getBroadcastState<BK, BV>(d: BroadcastStateDescriptor<BK, BV>): ReadOnlyBroadcastState<BK, BV> {
    return this.states.readOnly(d);
  }

  timerService(): TimerService {
    return this.#timers;
  }

  getCurrentKey(): K {
    const keyed = this.ctx.keyedState;
    if (!keyed) throw new WeirError('getCurrentKey() is only available on a keyed stream (after keyBy())');
    return keyed.getCurrentKey() as K;
  }

  timeDomain(): TimeDomain {
    return this.currentDomain;
  }
}

/** The broadcast side: writable broadcast state, and every key's state when keyed. */
export class BroadcastSideContext<K> extends BaseContext implements KeyedBroadcastContext<K> {
  getBroadcastState<BK, BV>(d: BroadcastStateDescriptor<BK, BV>): BroadcastState<BK, BV> {
    return this.states.writable(d);
  }

  applyToKeyedState<T>(d: ValueStateDescriptor<T>, fn: (key: K, state: ValueState<T>) => void): void;
  applyToKeyedState<T>(d: ListStateDescriptor<T>, fn: (key: K, state: ListState<T>) => void): void;
  applyToKeyedState<MK, MV>(d: MapStateDescriptor<MK, MV>, fn: (key: K, state: MapState<MK, MV>) => void): void;
  applyToKeyedState<T>(d: ReducingStateDescriptor<T>, fn: (key: K, state: ReducingState<T>) => void): void;
  applyToKeyedState<IN, ACC, OUT>(d: AggregatingStateDescriptor<IN, ACC, OUT>, fn: (key: K, state: AggregatingState<IN, OUT>) => void): void;
  applyToKeyedState(d: StateDescriptor, fn: (key: K, state: any) => void): void {
    const keyed: KeyedStateBackend | undefined = this.ctx.keyedState;
    if (!keyed) throw new WeirError('applyToKeyedState() is only available on a keyed stream (after keyBy())');
    const state = keyed.getState(d);
    keyed.applyToAllKeys(d, VOID_NAMESPACE, (key) => fn(key as K, state));
  }
}
