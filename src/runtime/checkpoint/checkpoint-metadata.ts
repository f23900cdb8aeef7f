// The on-disk description of a completed checkpoint or savepoint (`_metadata`): which file holds
// the state of which operator subtask. Paths are relative, so a savepoint can be moved.
import type { CheckpointKind } from '../../core/stream-element.ts';

export interface OperatorStateHandle {
  readonly uid: string;
  /** File name relative to the checkpoint directory; undefined when the operator had no state. */
  readonly file: string | undefined;
  readonly keyGroupStart: number;
  readonly keyGroupEnd: number;
  readonly size: number;
}

export interface OperatorMetadata {
  readonly uid: string;
  readonly name: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly subtasks: readonly OperatorStateHandle[];
}

export interface CheckpointMetadata {
  readonly version: 1;
  readonly jobId: string;
  readonly jobName: string;
  readonly checkpointId: number;
  readonly kind: CheckpointKind;
  readonly timestamp: number;
  readonly operators: readonly OperatorMetadata[];
  /** Split enumerator state per source uid, msgpack in base64 (it may hold values JSON cannot). */
  readonly enumerators: Record<string, string>;
}
