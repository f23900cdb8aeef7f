// Descriptors name a piece of state and say its kind; the backend creates the state from them.

/** State time-to-live, as Flink's StateTtlConfig: expired entries are never returned. */
export interface StateTtlConfig {
  readonly ttlMs: number;
  /** When the timestamp is refreshed: on create and write (default), or also on read. */
  readonly updateType?: 'OnCreateAndWrite' | 'OnReadAndWrite';
  /** Whether an expired value that has not been cleaned up yet may be returned (never, by default). */
  readonly visibility?: 'NeverReturnExpired' | 'ReturnExpiredIfNotCleanedUp';
}

export interface AggregateFunction<IN, ACC, OUT> {
  createAccumulator(): ACC;
  add(value: IN, accumulator: ACC): ACC;
  getResult(accumulator: ACC): OUT;
  merge(a: ACC, b: ACC): ACC;
}

export type ReduceFunction<T> = (a: T, b: T) => T;

interface DescriptorBase {
  readonly name: string;
  readonly ttl?: StateTtlConfig;
}

export interface ValueStateDescriptor<T> extends DescriptorBase { readonly kind: 'value'; readonly defaultValue?: T }
export interface ListStateDescriptor<T> extends DescriptorBase { readonly kind: 'list'; readonly _t?: T }
export interface MapStateDescriptor<K, V> extends DescriptorBase { readonly kind: 'map'; readonly _k?: K; readonly _v?: V }
export interface ReducingStateDescriptor<T> extends DescriptorBase { readonly kind: 'reducing'; readonly reduce: ReduceFunction<T> }
export interface AggregatingStateDescriptor<IN, ACC, OUT> extends DescriptorBase {
  readonly kind: 'aggregating';
  readonly aggregate: AggregateFunction<IN, ACC, OUT>;
  readonly _in?: IN; readonly _out?: OUT;
}

export type StateDescriptor =
  | ValueStateDescriptor<any>
  | ListStateDescriptor<any>
  | MapStateDescriptor<any, any>
  | ReducingStateDescriptor<any>
  | AggregatingStateDescriptor<any, any, any>;

type Opts = { ttl?: StateTtlConfig };

export function valueState<T>(name: string, opts: Opts & { defaultValue?: T } = {}): ValueStateDescriptor<T> {
  return { kind: 'value', name, ...opts };
}
export function listState<T>(name: string, opts: Opts = {}): ListStateDescriptor<T> {
  return { kind: 'list', name, ...opts };
}
export function mapState<K, V>(name: string, opts: Opts = {}): MapStateDescriptor<K, V> {
  return { kind: 'map', name, ...opts };
}
export function reducingState<T>(name: string, reduce: ReduceFunction<T>, opts: Opts = {}): ReducingStateDescriptor<T> {
  return { kind: 'reducing', name, reduce, ...opts };
}
export function aggregatingState<IN, ACC, OUT>(name: string, aggregate: AggregateFunction<IN, ACC, OUT>, opts: Opts = {}): AggregatingStateDescriptor<IN, ACC, OUT> {
  return { kind: 'aggregating', name, aggregate, ...opts };
}
