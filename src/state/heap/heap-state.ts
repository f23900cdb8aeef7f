// What the heap backend needs from each of its states besides the user-facing interface: the table
// behind it, and how its entries expire and become snapshot rows.
import type { Entry, StateTable } from './state-table.ts';

export interface HeapState {
  readonly table: StateTable;
  setCurrentNamespace(namespace: string): void;
  /** Drops the expired parts of an entry in place; false when nothing live is left. Only called with TTL. */
  keepLive(entry: Entry, now: number): boolean;
  /** The entry's value and, with TTL, its timestamp(s), as written to a snapshot row. */
  toRow(entry: Entry): [value: unknown, ts?: unknown];
  /** Inverse of toRow. `ts` is undefined when the snapshot had no TTL; the entry then counts as written `now`. */
  fromRow(value: unknown, ts: unknown, now: number): [value: unknown, ts: number];
}
