// List state on the heap. Without TTL an entry holds the element array; with TTL each element
// carries its own write time and expires on its own, as in Flink.
import type { InternalListStateMergeable } from '../keyed-state-backend.ts';
import type { HeapState } from './heap-state.ts';
import type { Entry, StateTable } from './state-table.ts';
import { isExpired } from './ttl-policy.ts';

interface TtlElement<T> {
  readonly v: T;
  ts: number;
}

const concat = (a: unknown, b: unknown): unknown => (a as unknown[]).concat(b as unknown[]);

export class HeapListState<T> implements InternalListStateMergeable<T>, HeapState {
  readonly table: StateTable;

  constructor(table: StateTable) {
    this.table = table;
  }

  setCurrentNamespace(namespace: string): void {
    this.table.namespace = namespace;
  }

  /** A copy: changing it does not change the state. */
  get(): T[] {
    const entry = this.table.get();
    if (entry === undefined) return [];
    const ttl = this.table.ttl;
    if (ttl === undefined) return (entry.value as T[]).slice();
    const now = this.table.now();
    const elements = entry.value as TtlElement<T>[];
    // With ReturnExpiredIfNotCleanedUp this read still sees the expired elements it drops.
    const visible = ttl.returnExpired ? elements.map((e) => e.v) : undefined;
    const live = this.dropExpired(entry, now);
    if (ttl.updateOnRead) for (const e of live) e.ts = now;
    if (live.length === 0) this.table.remove();
    return visible ?? live.map((e) => e.v);
  }

  add(value: T): void {
    const entry = this.table.get();
    const element = this.table.ttl === undefined ? value : { v: value, ts: this.table.now() };
    if (entry === undefined) this.table.insertIn(this.table.namespace, [element], 0);
    else (entry.value as unknown[]).push(element);
  }

  addAll(values: readonly T[]): void {
    if (values.length === 0) return;
    const entry = this.table.get();
    const elements = this.wrap(values);
    if (entry === undefined) {
      this.table.insertIn(this.table.namespace, elements, 0);
    } else {
      const stored = entry.value as unknown[];
      for (const element of elements) stored.push(element); // not push(...): lists may be long
    }
  }

  update(values: readonly T[]): void {
    if (values.length === 0) this.table.remove();
    else this.table.putIn(this.table.namespace, this.wrap(values), 0);
  }

  clear(): void {
    this.table.remove();
  }

  /** Target's elements first, then each source's in order (as Flink). */
  mergeNamespaces(target: string, sources: readonly string[]): void {
    this.table.mergeNamespaces(target, sources, concat, (entry, now) => this.keepLive(entry, now));
  }

  keepLive(entry: Entry, now: number): boolean {
    return this.dropExpired(entry, now).length > 0;
  }

  toRow(entry: Entry): [value: unknown, ts?: unknown] {
    if (this.table.ttl === undefined) return [entry.value];
    const elements = entry.value as TtlElement<T>[];
    return [elements.map((e) => e.v), elements.map((e) => e.ts)];
  }

  fromRow(value: unknown, ts: unknown, now: number): [value: unknown, ts: number] {
    const values = value as T[];
    if (this.table.ttl === undefined) return [values, 0];
    const times = Array.isArray(ts) ? (ts as number[]) : undefined;
    return [values.map((v, i): TtlElement<T> => ({ v, ts: times?.[i] ?? now })), 0];
  }

  /** A copy of the values, wrapped with the current time when the state has TTL. */
  private wrap(values: readonly T[]): unknown[] {
    if (this.table.ttl === undefined) return values.slice();
    const ts = this.table.now();
    return values.map((v): TtlElement<T> => ({ v, ts }));
  }

  /** Removes expired elements from a TTL entry in place and returns the live ones. */
  private dropExpired(entry: Entry, now: number): TtlElement<T>[] {
    const ttl = this.table.ttl;
    const elements = entry.value as TtlElement<T>[];
    if (ttl === undefined) return elements;
    const live = elements.filter((e) => !isExpired(e.ts, ttl, now));
    if (live.length < elements.length) entry.value = live;
    return live;
  }
}
