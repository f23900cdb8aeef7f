// The contract between operators and a keyed state backend: state is scoped to the current key
// (and namespace), stored per key group, and snapshotted/restored per key group so a savepoint
// can be restored at another parallelism.
import type { KeyGroupRange } from '../core/key-group.ts';
import type { StateDescriptor, ValueStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, AggregatingStateDescriptor } from './state-descriptor.ts';
import type { ValueState, ListState, MapState, ReducingState, AggregatingState } from './keyed-state.ts';

/** Namespace of state that is not scoped to a window. */
export const VOID_NAMESPACE = '';

/** One key group's state in a snapshot, already encoded (a consistent copy taken synchronously). */
export interface KeyGroupBlob {
  readonly keyGroup: number;
  readonly data: Uint8Array;
}

/** A state handle that can be re-pointed at a namespace (windows use one namespace per window). */
export interface NamespacedState {
  setCurrentNamespace(namespace: string): void;
}

export type InternalValueState<T> = ValueState<T> & NamespacedState;
export type InternalListState<T> = ListState<T> & NamespacedState;
export type InternalMapState<K, V> = MapState<K, V> & NamespacedState;
export type InternalReducingState<T> = ReducingState<T> & NamespacedState & MergeableState;
export type InternalAggregatingState<IN, OUT> = AggregatingState<IN, OUT> & NamespacedState & MergeableState;
export type InternalListStateMergeable<T> = InternalListState<T> & MergeableState;

/** Appending states whose namespaces can be merged (session windows merging into one). */
export interface MergeableState {
  /** Merges the current key's state in `sources` into `target` and clears the sources. */
  mergeNamespaces(target: string, sources: readonly string[]): void;
}

export interface KeyedStateBackend {
  readonly keyGroupRange: KeyGroupRange;
  readonly maxParallelism: number;

  /** Sets the key that every state access refers to until the next call. */
  setCurrentKey(key: unknown): void;
  /** As setCurrentKey, with the key group already computed (by the hash partitioner that routed the record). */
  setCurrentKeyInGroup(key: unknown, keyGroup: number): void;
  getCurrentKey(): unknown;
  getCurrentKeyGroup(): number;

  /** Returns the state for the descriptor; the same object for the same name. Namespace starts as VOID_NAMESPACE. */
  getState<T>(d: ValueStateDescriptor<T>): InternalValueState<T>;
  getState<T>(d: ListStateDescriptor<T>): InternalListStateMergeable<T>;
  getState<K, V>(d: MapStateDescriptor<K, V>): InternalMapState<K, V>;
  getState<T>(d: ReducingStateDescriptor<T>): InternalReducingState<T>;
  getState<IN, ACC, OUT>(d: AggregatingStateDescriptor<IN, ACC, OUT>): InternalAggregatingState<IN, OUT>;
  getState(d: StateDescriptor): unknown;

  /**
   * Calls fn once per key that has state under `descriptor` in `namespace`, with the current key
   * set to that key (as Flink's applyToAllKeys; used by KeyedBroadcastProcessFunction).
   */
  applyToAllKeys(descriptor: StateDescriptor, namespace: string, fn: (key: unknown) => void): void;

  /** Number of (key, namespace) entries over all states; for metrics and tests. */
  size(): number;

  /** Encodes every non-empty key group synchronously; writing the blobs may then happen asynchronously. */
  snapshot(): KeyGroupBlob[];

  /** Loads blobs; those whose key group is outside keyGroupRange are ignored (rescaling). */
  restore(blobs: Iterable<KeyGroupBlob>): void;
}

export interface KeyedStateBackendOptions {
  readonly keyGroupRange: KeyGroupRange;
  readonly maxParallelism: number;
  /** Processing-time clock for TTL; injected so tests control it. */
  readonly now?: () => number;
}
