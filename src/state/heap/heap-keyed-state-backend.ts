// Keyed state kept as JS objects on the heap (Flink's HashMapStateBackend): per state, per key
// group, per namespace a Map from key to entry; snapshots encode each key group on its own.
import { RestoreError, WeirError } from '../../core/errors.ts';
import { keyGroupOf, type KeyGroupRange } from '../../core/key-group.ts';
import type {
  InternalAggregatingState, InternalListStateMergeable, InternalMapState, InternalReducingState, InternalValueState,
  KeyGroupBlob, KeyedStateBackend, KeyedStateBackendOptions,
} from '../keyed-state-backend.ts';
import type {
  AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, StateDescriptor,
  ValueStateDescriptor,
} from '../state-descriptor.ts';
import { HeapAggregatingState } from './heap-aggregating-state.ts';
import { HeapListState } from './heap-list-state.ts';
import { HeapMapState } from './heap-map-state.ts';
import type { HeapState } from './heap-state.ts';
import { HeapReducingState } from './heap-reducing-state.ts';
import { HeapValueState } from './heap-value-state.ts';
import { describeKey, KeyContext } from './key-context.ts';
import { decodeKeyGroup, encodeKeyGroup, flattenRows, type FlatStateRows, type StateRow } from './key-group-snapshot.ts';
import { StateTable, type StateKind } from './state-table.ts';
import { ttlPolicyOf } from './ttl-policy.ts';

/** Restored rows of a state no getState has asked for yet; kept as rows so a snapshot still carries them. */
interface PendingState {
  readonly kind: StateKind;
  /** Rows by key group index. */
  readonly rows: Map<number, StateRow[]>;
}

export class HeapKeyedStateBackend implements KeyedStateBackend {
  readonly keyGroupRange: KeyGroupRange;
  readonly maxParallelism: number;
  private readonly ctx: KeyContext;
  private readonly states = new Map<string, HeapState>();
  private readonly pending = new Map<string, PendingState>();

  constructor(options: KeyedStateBackendOptions) {
    const { keyGroupRange: range, maxParallelism } = options;
    if (!Number.isInteger(maxParallelism) || maxParallelism < 1) {
      throw new WeirError(`maxParallelism must be a positive integer, got ${maxParallelism}`);
    }
    if (!Number.isInteger(range.start) || !Number.isInteger(range.end) || range.start < 0 || range.end > maxParallelism || range.start > range.end) {
      throw new WeirError(`key group range [${range.start}, ${range.end}) is not inside [0, ${maxParallelism})`);
    }
    this.keyGroupRange = range;
    this.maxParallelism = maxParallelism;
    this.ctx = new KeyContext(range, maxParallelism, options.now ?? Date.now);
  }

  setCurrentKey(key: unknown): void {
    this.ctx.set(key, keyGroupOf(key, this.maxParallelism));
  }

  setCurrentKeyInGroup(key: unknown, keyGroup: number): void {
    this.ctx.set(key, keyGroup);
  }

  getCurrentKey(): unknown {
    return this.ctx.key;
  }

  /** -1 until a key is set. */
  getCurrentKeyGroup(): number {
    return this.ctx.groupIndex < 0 ? -1 : this.ctx.groupIndex + this.keyGroupRange.start;
  }

  getState<T>(d: ValueStateDescriptor<T>): InternalValueState<T>;
  getState<T>(d: ListStateDescriptor<T>): InternalListStateMergeable<T>;
  getState<K, V>(d: MapStateDescriptor<K, V>): InternalMapState<K, V>;
  getState<T>(d: ReducingStateDescriptor<T>): InternalReducingState<T>;
  getState<IN, ACC, OUT>(d: AggregatingStateDescriptor<IN, ACC, OUT>): InternalAggregatingState<IN, OUT>;
  getState(d: StateDescriptor): unknown;
  getState(d: StateDescriptor): unknown {
    return this.stateFor(d);
  }

  /** Also points the state's namespace at `namespace`, as Flink does. Keys are collected first, so fn may change state. */
  applyToAllKeys(descriptor: StateDescriptor, namespace: string, fn: (key: unknown) => void): void {
    const state = this.stateFor(descriptor);
    state.setCurrentNamespace(namespace);
    const keys: unknown[] = [];
    const now = this.ctx.now();
    for (let group = 0; group < this.ctx.groupCount; group++) {
      state.table.sweep(group, namespace, (entry) => {
        if (state.table.ttl !== undefined && !state.keepLive(entry, now)) return false;
        keys.push(entry.key);
        return true;
      });
    }
    for (const key of keys) {
      this.setCurrentKey(key);
      fn(key);
    }
  }

  size(): number {
    let n = 0;
    for (const state of this.states.values()) n += state.table.size();
    for (const p of this.pending.values()) for (const rows of p.rows.values()) n += rows.length;
    return n;
  }

  snapshot(): KeyGroupBlob[] {
    const now = this.ctx.now();
    const blobs: KeyGroupBlob[] = [];
    for (let group = 0; group < this.ctx.groupCount; group++) {
      const states: FlatStateRows[] = [];
      for (const state of this.states.values()) {
        const rows = flatRowsOf(state, group, now);
        if (rows.flat.length > 0) states.push(rows);
      }
      for (const [name, p] of this.pending) {
        const rows = p.rows.get(group);
        if (rows !== undefined) states.push(flattenRows(name, p.kind, rows));
      }
      if (states.length > 0) blobs.push(encodeKeyGroup(group + this.keyGroupRange.start, states));
    }
    return blobs;
  }

  restore(blobs: Iterable<KeyGroupBlob>): void {
    const { start, end } = this.keyGroupRange;
    const now = this.ctx.now();
    for (const blob of blobs) {
      if (blob.keyGroup < start || blob.keyGroup >= end) continue;
      const group = blob.keyGroup - start;
      for (const { name, kind, rows } of decodeKeyGroup(blob)) {
        for (const row of rows) this.checkKeyGroup(name, row[0], blob.keyGroup);
        const state = this.states.get(name);
        if (state !== undefined) {
          if (state.table.kind !== kind) throw kindClash(name, kind, state.table.kind, 'restored');
          loadRows(state, group, rows, now);
          continue;
        }
        let p = this.pending.get(name);
        if (p === undefined) this.pending.set(name, p = { kind, rows: new Map() });
        if (p.kind !== kind) throw new RestoreError(`state "${name}" is a ${p.kind} state in one key group of the snapshot and a ${kind} state in another`);
        p.rows.set(group, [...(p.rows.get(group) ?? []), ...rows]);
      }
    }
  }

  private stateFor(d: StateDescriptor): HeapState {
    const existing = this.states.get(d.name);
    if (existing !== undefined) {
      if (existing.table.kind !== d.kind) throw kindClash(d.name, existing.table.kind, d.kind, 'registered');
      return existing;
    }
    const p = this.pending.get(d.name);
    if (p !== undefined && p.kind !== d.kind) throw kindClash(d.name, p.kind, d.kind, 'restored');
    const table = new StateTable(d.name, d.kind, ttlPolicyOf(d.name, d.ttl), this.ctx);
    const state = createState(d, table);
    this.states.set(d.name, state);
    if (p !== undefined) {
      const now = this.ctx.now();
      for (const [group, rows] of p.rows) loadRows(state, group, rows, now);
      this.pending.delete(d.name);
    }
    return state;
  }

  // Catches a snapshot taken with another maxParallelism, which would put keys in the wrong groups.
  private checkKeyGroup(name: string, key: unknown, keyGroup: number): void {
    const actual = keyGroupOf(key, this.maxParallelism);
    if (actual !== keyGroup) {
      throw new RestoreError(
        `state "${name}": key ${describeKey(key)} is stored in key group ${keyGroup} but belongs to ${actual} ` +
        `with maxParallelism ${this.maxParallelism}; was the snapshot taken with another maxParallelism?`,
      );
    }
  }
}

function createState(d: StateDescriptor, table: StateTable): HeapState {
  switch (d.kind) {
    case 'value': return new HeapValueState(table, d.defaultValue);
    case 'list': return new HeapListState(table);
    case 'map': return new HeapMapState(table);
    case 'reducing': return new HeapReducingState(table, d.reduce);
    case 'aggregating': return new HeapAggregatingState(table, d.aggregate);
    default: {
      const unknownKind: never = d;
      throw new WeirError(`unknown state kind in descriptor ${JSON.stringify(unknownKind)}`);
    }
  }
}

function kindClash(name: string, was: StateKind, asked: StateKind, how: 'registered' | 'restored'): WeirError {
  const message = `state "${name}" is ${how} as a ${was} state and cannot be used as a ${asked} state`;
  return how === 'restored' ? new RestoreError(message) : new WeirError(message);
}

/** The live entries of one key group, flat; expired entries are dropped on the way. */
function flatRowsOf(state: HeapState, group: number, now: number): FlatStateRows {
  const flat: unknown[] = [];
  const { table } = state;
  const hasTtl = table.ttl !== undefined;
  // Single values without TTL are stored as they are: no row conversion, nothing expires.
  if (!hasTtl && table.kind !== 'list' && table.kind !== 'map') {
    table.forEachIn(group, (entry, namespace) => { flat.push(entry.key, namespace, entry.value); });
    return { name: table.name, kind: table.kind, withTs: false, flat };
  }
  table.sweep(group, undefined, (entry, namespace) => {
    if (hasTtl && !state.keepLive(entry, now)) return false;
    const row = state.toRow(entry);
    flat.push(entry.key, namespace, row[0]);
    if (hasTtl) flat.push(row[1]);
    return true;
  });
  return { name: table.name, kind: table.kind, withTs: hasTtl, flat };
}

function loadRows(state: HeapState, group: number, rows: readonly StateRow[], now: number): void {
  for (const [key, namespace, value, ts] of rows) {
    const [restored, restoredTs] = state.fromRow(value, ts, now);
    state.table.load(group, namespace, key, restored, restoredTs);
  }
}
