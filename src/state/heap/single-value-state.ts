// The common part of states holding one value per (key, namespace) — value, reducing, aggregating:
// TTL is one timestamp per entry, the last write (or, with OnReadAndWrite, access) time.
import type { HeapState } from './heap-state.ts';
import type { Entry, StateTable } from './state-table.ts';
import { isExpired } from './ttl-policy.ts';

export abstract class SingleValueState implements HeapState {
  readonly table: StateTable;

  constructor(table: StateTable) {
    this.table = table;
  }

  setCurrentNamespace(namespace: string): void {
    this.table.namespace = namespace;
  }

  clear(): void {
    this.table.remove();
  }

  keepLive(entry: Entry, now: number): boolean {
    return this.table.ttl === undefined || !isExpired(entry.ts, this.table.ttl, now);
  }

  toRow(entry: Entry): [value: unknown, ts?: unknown] {
    return this.table.ttl === undefined ? [entry.value] : [entry.value, entry.ts];
  }

  fromRow(value: unknown, ts: unknown, now: number): [value: unknown, ts: number] {
    return [value, this.table.ttl === undefined ? 0 : typeof ts === 'number' ? ts : now];
  }

  /** The current entry as a read sees it: an expired one is dropped, and returned only if visibility allows. */
  protected read(): Entry | undefined {
    const entry = this.table.get();
    const ttl = this.table.ttl;
    if (entry === undefined || ttl === undefined) return entry;
    const now = this.table.now();
    if (isExpired(entry.ts, ttl, now)) {
      this.table.remove();
      return ttl.returnExpired ? entry : undefined;
    }
    if (ttl.updateOnRead) entry.ts = now;
    return entry;
  }

  /** The current entry if it exists and has not expired; not a read, so the TTL clock is untouched. */
  protected live(): Entry | undefined {
    const entry = this.table.get();
    const ttl = this.table.ttl;
    if (entry === undefined || ttl === undefined || !isExpired(entry.ts, ttl, this.table.now())) return entry;
    return undefined;
  }

  protected write(value: unknown): void {
    this.table.putIn(this.table.namespace, value, this.table.ttl === undefined ? 0 : this.table.now());
  }

  protected mergeWith(target: string, sources: readonly string[], combine: (a: unknown, b: unknown) => unknown): void {
    this.table.mergeNamespaces(target, sources, combine, (entry, now) => this.keepLive(entry, now));
  }
}
