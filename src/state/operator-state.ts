// Operator state: per parallel instance, not per key. How it is redistributed on restore
// depends on its mode: list state is split evenly, union list state goes to every instance,
// broadcast state is the same on every instance.
import type { ListState } from './keyed-state.ts';

export type OperatorStateMode = 'split' | 'union' | 'broadcast';

/** One named operator state of one subtask, as stored in a snapshot. */
export interface OperatorStateEntry {
  readonly name: string;
  readonly mode: OperatorStateMode;
  /** For list states: the elements; for broadcast states: [key, value] pairs. */
  readonly entries: readonly unknown[];
}

export interface BroadcastStateDescriptor<K, V> {
  readonly kind: 'broadcast';
  readonly name: string;
  readonly _k?: K;
  readonly _v?: V;
}

export function broadcastStateDescriptor<K, V>(name: string): BroadcastStateDescriptor<K, V> {
  return { kind: 'broadcast', name };
}

export interface ReadOnlyBroadcastState<K, V> {
  get(key: K): V | undefined;
  contains(key: K): boolean;
  entries(): IterableIterator<[K, V]>;
}

export interface BroadcastState<K, V> extends ReadOnlyBroadcastState<K, V> {
  put(key: K, value: V): void;
  putAll(entries: Iterable<[K, V]>): void;
  remove(key: K): void;
  clear(): void;
}

export interface OperatorStateStore {
  getListState<T>(name: string): ListState<T>;
  getUnionListState<T>(name: string): ListState<T>;
  getBroadcastState<K, V>(d: BroadcastStateDescriptor<K, V>): BroadcastState<K, V>;
  snapshot(): OperatorStateEntry[];
}

/**
 * Redistributes the operator state of `oldStates` (one array per old subtask) to `newParallelism`
 * subtasks: split lists are dealt out evenly in order, union lists and broadcast states are given whole.
 */
export type RedistributeOperatorState = (oldStates: readonly (readonly OperatorStateEntry[])[], newParallelism: number) => OperatorStateEntry[][];
