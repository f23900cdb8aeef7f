// Keyed state for window functions and triggers, scoped to the current key and one namespace (a window, or none).
import type { KeyedStateBackend, NamespacedState } from '../../../state/keyed-state-backend.ts';
import type { StateDescriptor } from '../../../state/state-descriptor.ts';
import type { KeyedStateStore } from '../functions/user-functions.ts';

/**
 * Returns the backend's state for `d`, pointed at `namespace`. The backend hands out one object
 * per name, so a handle kept across calls follows whichever namespace was asked for last.
 */
export function stateInNamespace(backend: KeyedStateBackend, d: StateDescriptor, namespace: string): unknown {
  const state = backend.getState(d) as NamespacedState;
  state.setCurrentNamespace(namespace);
  return state;
}

/** A store whose namespace is read on every access, so one object serves every window. */
export function namespacedStateStore(backend: KeyedStateBackend, namespace: () => string): KeyedStateStore {
  const get = (d: StateDescriptor) => stateInNamespace(backend, d, namespace());
  return {
    getState: get as KeyedStateStore['getState'],
    getListState: get as KeyedStateStore['getListState'],
    getMapState: get as KeyedStateStore['getMapState'],
    getReducingState: get as KeyedStateStore['getReducingState'],
    getAggregatingState: get as KeyedStateStore['getAggregatingState'],
  };
}
