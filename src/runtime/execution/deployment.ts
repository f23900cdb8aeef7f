// A running attempt of a job, as the job master drives it: in the calling thread
// (local-deployment.ts) or on worker threads (worker-deployment.ts).
import type { CheckpointKind } from '../../core/stream-element.ts';
import type { SourceSplit } from '../source/source.ts';

export interface TaskMetrics {
  recordsIn: number;
  recordsOut: number;
  skipped: number;
  /** Output buffers waiting for credit right now, over all tasks. */
  backlog: number;
}

export interface Deployment {
  triggerCheckpoint(vertex: number, subtask: number, checkpointId: number, timestamp: number, kind: CheckpointKind, location: string): void;
  /** Resolves when every task has handled it (sinks committed). */
  notifyCheckpointComplete(checkpointId: number): Promise<void>;
  notifyCheckpointAborted(checkpointId: number): void;
  addSplits(vertex: number, subtask: number, splits: readonly SourceSplit[]): void;
  noMoreSplits(vertex: number, subtask: number): void;
  /** After end of data (and the final checkpoint): sources emit end of partition, everything finishes. */
  finishSources(): void;
  metrics(): TaskMetrics;
  /** Stops every task at once; no commit happens. */
  cancel(): Promise<void>;
}
