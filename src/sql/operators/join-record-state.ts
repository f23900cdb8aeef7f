// One side of a regular join's state: the rows under the current join key with their multiplicity
// and, where the join needs it, the number of rows of the other side each one matches (Flink's
// JoinRecordStateView / OuterJoinRecordStateView).
import type { KeyedStateBackend } from '../../state/keyed-state-backend.ts';
import type { ListState, MapState } from '../../state/keyed-state.ts';
import { listState, mapState, type StateTtlConfig } from '../../state/state-descriptor.ts';
import type { JoinCondition } from './join-condition.ts';

/** A stored row: its fields, how often it is in the input, and how many other-side rows it matches. */
type JoinRecord = [fields: unknown[], count: number, matches: number];

/**
 * The rows of the other side that match a probe row, as parallel arrays reused from probe to probe
 * (a probe finishes before the next one starts). `total` counts multiplicities.
 */
export class JoinMatches {
  readonly fields: unknown[][] = [];
  readonly counts: number[] = [];
  readonly matches: number[] = [];
  /** The state's handle of each matched record, for setMatches. */
  readonly handles: unknown[] = [];
  length = 0;
  total = 0;

  clear(): void {
    this.length = 0;
    this.total = 0;
  }

  push(fields: unknown[], count: number, matches: number, handle: unknown): void {
    const i = this.length++;
    this.fields[i] = fields;
    this.counts[i] = count;
    this.matches[i] = matches;
    this.handles[i] = handle;
    this.total += count;
  }
}

export interface JoinRecordState {
  /** Adds one occurrence of the row; `matches` is its number of matches (kept only where tracked). */
  add(fields: unknown[], matches: number): void;
  /** Removes one occurrence of the row; a row that is not stored is ignored, as in Flink. */
  retract(fields: readonly unknown[]): void;
  /** Appends the stored rows that satisfy the condition with `probe` to `into`. */
  collect(probe: readonly unknown[], probeIsLeft: boolean, condition: JoinCondition | undefined, into: JoinMatches): void;
  /** Sets the match count of the record behind `handle` (from collect, under the same key). */
  setMatches(handle: unknown, matches: number): void;
}

export interface JoinRecordStateOptions {
  readonly name: string;
  /** Field indexes of a unique key of this input: one row per unique key instead of counted copies. */
  readonly uniqueKey?: readonly number[];
  /** Insert-only input whose match counts are not needed: rows are appended to a list (no per-row key). */
  readonly appendOnly?: boolean;
  readonly ttl?: StateTtlConfig;
}

export function createJoinRecordState(backend: KeyedStateBackend, options: JoinRecordStateOptions): JoinRecordState {
  return options.appendOnly
    ? new AppendOnlyJoinRecords(backend.getState(listState<unknown[]>(options.name, { ttl: options.ttl })), options.name)
    : new KeyedJoinRecords(backend.getState(mapState<unknown, JoinRecord>(options.name, { ttl: options.ttl })), options.uniqueKey);
}

/** Rows in a map keyed by their unique key, or by the whole row with a count when none is known. */
class KeyedJoinRecords implements JoinRecordState {
  readonly #map: MapState<unknown, JoinRecord>;
  readonly #uniqueKey: readonly number[] | undefined;

  constructor(map: MapState<unknown, JoinRecord>, uniqueKey: readonly number[] | undefined) {
    this.#map = map;
    this.#uniqueKey = uniqueKey !== undefined && uniqueKey.length > 0 ? uniqueKey : undefined;
  }

  #rowKey(fields: readonly unknown[]): unknown {
    const uk = this.#uniqueKey;
    if (uk === undefined) return fields;
    return uk.length === 1 ? fields[uk[0]!] : uk.map((i) => fields[i]);
  }

  add(fields: unknown[], matches: number): void {
    const key = this.#rowKey(fields);
    const existing = this.#uniqueKey === undefined ? this.#map.get(key) : undefined;
    if (existing === undefined) {
      this.#map.put(key, [fields, 1, matches]);
    } else {
      existing[1] += 1;
      existing[2] = matches;
      this.#map.put(key, existing);
    }
  }

  retract(fields: readonly unknown[]): void {
    const key = this.#rowKey(fields);
    if (this.#uniqueKey !== undefined) {
      this.#map.remove(key);
      return;
    }
    const existing = this.#map.get(key);
    if (existing === undefined) return;
    if (existing[1] <= 1) {
      this.#map.remove(key);
    } else {
      existing[1] -= 1;
      this.#map.put(key, existing);
    }
  }

  collect(probe: readonly unknown[], probeIsLeft: boolean, condition: JoinCondition | undefined, into: JoinMatches): void {
    for (const [key, record] of this.#map.entries()) {
      const fields = record[0];
      if (condition !== undefined && !(probeIsLeft ? condition(probe, fields) : condition(fields, probe))) continue;
      into.push(fields, record[1], record[2], key);
    }
  }

  setMatches(handle: unknown, matches: number): void {
    const record = this.#map.get(handle);
    if (record === undefined) return;
    record[2] = matches;
    this.#map.put(handle, record);
  }
}

/** The fast path for an insert-only side: rows appended to a list, each counted once. */
class AppendOnlyJoinRecords implements JoinRecordState {
  readonly #list: ListState<unknown[]>;
  readonly #name: string;

  constructor(list: ListState<unknown[]>, name: string) {
    this.#list = list;
    this.#name = name;
  }

  add(fields: unknown[]): void {
    this.#list.add(fields);
  }

  retract(): void {
    throw new Error(`join state '${this.#name}' was declared insert-only but received a retraction (-U/-D)`);
  }

  collect(probe: readonly unknown[], probeIsLeft: boolean, condition: JoinCondition | undefined, into: JoinMatches): void {
    const rows = this.#list.get();
    for (let i = 0; i < rows.length; i++) {
      const fields = rows[i]!;
      if (condition !== undefined && !(probeIsLeft ? condition(probe, fields) : condition(fields, probe))) continue;
      into.push(fields, 1, 0, undefined);
    }
  }

  setMatches(): void {
    throw new Error(`join state '${this.#name}' does not track matches`);
  }
}
