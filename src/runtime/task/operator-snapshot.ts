// The state of one operator subtask, as a task hands it to checkpoint storage and gets it back.
import type { KeyGroupBlob } from '../../state/keyed-state-backend.ts';
import type { OperatorStateEntry } from '../../state/operator-state.ts';

export interface OperatorSnapshot {
  readonly keyed: readonly KeyGroupBlob[];
  /** Timers per timer-service name. */
  readonly timers: Record<string, readonly KeyGroupBlob[]>;
  readonly operator: readonly OperatorStateEntry[];
}

export const EMPTY_SNAPSHOT: OperatorSnapshot = { keyed: [], timers: {}, operator: [] };

export function isEmptySnapshot(s: OperatorSnapshot): boolean {
  return s.keyed.length === 0 && s.operator.length === 0 && Object.values(s.timers).every((t) => t.length === 0);
}
