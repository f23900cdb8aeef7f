// The operator state of one parallel instance: named list, union-list and broadcast states,
// restored from (and snapshotted to) OperatorStateEntry records.
import { RestoreError, WeirError } from '../core/errors.ts';
import type { ListState } from './keyed-state.ts';
import { MapBroadcastState } from './map-broadcast-state.ts';
import { OperatorListState } from './operator-list-state.ts';
import type { BroadcastState, BroadcastStateDescriptor, OperatorStateEntry, OperatorStateMode, OperatorStateStore } from './operator-state.ts';

type AnyOperatorState = OperatorListState<unknown> | MapBroadcastState<unknown, unknown>;

const MODE_NAMES: Record<OperatorStateMode, string> = { split: 'list', union: 'union list', broadcast: 'broadcast' };

export class DefaultOperatorStateStore implements OperatorStateStore {
  // Restored states are created eagerly (as Flink does) so a snapshot keeps them even if nobody asks for them.
  private readonly states = new Map<string, AnyOperatorState>();

  constructor(restored: readonly OperatorStateEntry[] = []) {
    for (const entry of restored) {
      if (this.states.has(entry.name)) throw new RestoreError(`operator state "${entry.name}" appears twice in the restored state`);
      this.states.set(entry.name, entry.mode === 'broadcast'
        ? new MapBroadcastState(entry.entries as readonly [unknown, unknown][])
        : new OperatorListState(entry.mode, entry.entries));
    }
  }

  getListState<T>(name: string): ListState<T> {
    return this.obtain(name, 'split') as OperatorListState<T>;
  }

  getUnionListState<T>(name: string): ListState<T> {
    return this.obtain(name, 'union') as OperatorListState<T>;
  }

  getBroadcastState<K, V>(d: BroadcastStateDescriptor<K, V>): BroadcastState<K, V> {
    return this.obtain(d.name, 'broadcast') as MapBroadcastState<K, V>;
  }

  snapshot(): OperatorStateEntry[] {
    return [...this.states].map(([name, state]) => ({
      name,
      mode: state.mode,
      entries: state instanceof MapBroadcastState ? state.pairs() : state.get(),
    }));
  }

  private obtain(name: string, mode: OperatorStateMode): AnyOperatorState {
    let state = this.states.get(name);
    if (state === undefined) {
      state = mode === 'broadcast' ? new MapBroadcastState([]) : new OperatorListState(mode, []);
      this.states.set(name, state);
    } else if (state.mode !== mode) {
      throw new WeirError(`operator state "${name}" is a ${MODE_NAMES[state.mode]} state and cannot be used as a ${MODE_NAMES[mode]} state`);
    }
    return state;
  }
}
