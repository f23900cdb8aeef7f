// Map state on the heap: an entry holds a Map from the user key's storage form to a cell with the
// original user key, the value and, with TTL, the cell's own write time (entries expire one by one).
import type { InternalMapState } from '../keyed-state-backend.ts';
import type { HeapState } from './heap-state.ts';
import { Entry, type StateTable } from './state-table.ts';
import { storageKeyOf } from './storage-key.ts';
import { isExpired } from './ttl-policy.ts';

/** A map cell has the shape of a state entry: the user key as given, the value, its TTL time. */
type Cells = Map<unknown, Entry>;

export class HeapMapState<K, V> implements InternalMapState<K, V>, HeapState {
  readonly table: StateTable;

  constructor(table: StateTable) {
    this.table = table;
  }

  setCurrentNamespace(namespace: string): void {
    this.table.namespace = namespace;
  }

  get(key: K): V | undefined {
    return this.readCell(key)?.value as V | undefined;
  }

  put(key: K, value: V): void {
    const entry = this.table.get();
    const ts = this.table.ttl === undefined ? 0 : this.table.now();
    const storageKey = storageKeyOf(key);
    if (entry === undefined) {
      this.table.insertIn(this.table.namespace, new Map([[storageKey, new Entry(key, value, ts)]]), 0);
      return;
    }
    const cells = entry.value as Cells;
    const cell = cells.get(storageKey);
    if (cell === undefined) {
      cells.set(storageKey, new Entry(key, value, ts));
    } else {
      cell.value = value;
      cell.ts = ts;
    }
  }

  putAll(entries: Iterable<[K, V]>): void {
    for (const [key, value] of entries) this.put(key, value);
  }

  remove(key: K): void {
    const entry = this.table.get();
    if (entry === undefined) return;
    const cells = entry.value as Cells;
    if (cells.delete(storageKeyOf(key)) && cells.size === 0) this.table.remove();
  }

  contains(key: K): boolean {
    return this.readCell(key) !== undefined;
  }

  entries(): IterableIterator<[K, V]> {
    return this.iterate((cell) => [cell.key as K, cell.value as V]);
  }

  keys(): IterableIterator<K> {
    return this.iterate((cell) => cell.key as K);
  }

  values(): IterableIterator<V> {
    return this.iterate((cell) => cell.value as V);
  }

  isEmpty(): boolean {
    const entry = this.table.get();
    if (entry === undefined) return true;
    if (this.table.ttl === undefined || this.keepLive(entry, this.table.now())) return false;
    this.table.remove();
    return true;
  }

  clear(): void {
    this.table.remove();
  }

  keepLive(entry: Entry, now: number): boolean {
    const ttl = this.table.ttl;
    const cells = entry.value as Cells;
    if (ttl !== undefined) {
      for (const [storageKey, cell] of cells) if (isExpired(cell.ts, ttl, now)) cells.delete(storageKey);
    }
    return cells.size > 0;
  }

  toRow(entry: Entry): [value: unknown, ts?: unknown] {
    const cells = [...(entry.value as Cells).values()];
    const pairs = cells.map((c) => [c.key, c.value]);
    return this.table.ttl === undefined ? [pairs] : [pairs, cells.map((c) => c.ts)];
  }

  fromRow(value: unknown, ts: unknown, now: number): [value: unknown, ts: number] {
    const pairs = value as [unknown, unknown][];
    const times = this.table.ttl !== undefined && Array.isArray(ts) ? (ts as number[]) : undefined;
    const fallback = this.table.ttl === undefined ? 0 : now;
    const cells: Cells = new Map();
    pairs.forEach(([k, v], i) => cells.set(storageKeyOf(k), new Entry(k, v, times?.[i] ?? fallback)));
    return [cells, 0];
  }

  /** The cell for `key` as a read sees it: an expired one is dropped, and returned only if visibility allows. */
  private readCell(key: K): Entry | undefined {
    const entry = this.table.get();
    if (entry === undefined) return undefined;
    const cells = entry.value as Cells;
    const storageKey = storageKeyOf(key);
    const cell = cells.get(storageKey);
    const ttl = this.table.ttl;
    if (cell === undefined || ttl === undefined) return cell;
    const now = this.table.now();
    if (isExpired(cell.ts, ttl, now)) {
      cells.delete(storageKey);
      if (cells.size === 0) this.table.remove();
      return ttl.returnExpired ? cell : undefined;
    }
    if (ttl.updateOnRead) cell.ts = now;
    return cell;
  }

  /**
   * Iterates the current entry's cells (bound now, not at the first next()), skipping and dropping
   * expired ones. The entry itself is removed at the end if nothing is left and it is still current.
   */
  private iterate<R>(project: (cell: Entry) => R): IterableIterator<R> {
    const entry = this.table.get();
    const table = this.table;
    const ttl = table.ttl;
    return (function* () {
      if (entry === undefined) return;
      const cells = entry.value as Cells;
      const now = ttl === undefined ? 0 : table.now();
      for (const [storageKey, cell] of cells) {
        if (ttl !== undefined && isExpired(cell.ts, ttl, now)) {
          cells.delete(storageKey);
          if (ttl.returnExpired) yield project(cell);
          continue;
        }
        if (ttl?.updateOnRead) cell.ts = now;
        yield project(cell);
      }
      if (cells.size === 0 && table.get() === entry) table.remove();
    })();
  }
}
