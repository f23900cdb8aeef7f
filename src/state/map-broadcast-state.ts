// Broadcast state backed by a Map: the same contents on every parallel instance of the operator.
import type { BroadcastState } from './operator-state.ts';

export class MapBroadcastState<K, V> implements BroadcastState<K, V> {
  readonly mode = 'broadcast';
  private readonly map: Map<K, V>;

  constructor(pairs: readonly (readonly [K, V])[]) {
    this.map = new Map(pairs);
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  contains(key: K): boolean {
    return this.map.has(key);
  }

  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }

  put(key: K, value: V): void {
    this.map.set(key, value);
  }

  putAll(entries: Iterable<[K, V]>): void {
    for (const [key, value] of entries) this.map.set(key, value);
  }

  remove(key: K): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }

  /** The contents as fresh [key, value] pairs, for a snapshot. */
  pairs(): [K, V][] {
    return [...this.map];
  }
}
