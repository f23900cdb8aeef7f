// Messages between the job master (main thread) and the worker threads of an attempt.
import type { CheckpointKind } from '../../core/stream-element.ts';
import type { SourceSplit } from '../source/source.ts';
import type { CheckpointAck, TaskFailure } from '../task/task-gateway.ts';
import type { TaskMetrics } from './deployment.ts';

export interface WorkerData {
  readonly jobModule: string;
  readonly argv: readonly string[];
  readonly config: Record<string, unknown>;
  readonly fingerprint: string;
  readonly jobName: string;
  readonly jobId: string;
  readonly slot: number;
  readonly attempt: number;
  readonly batch: boolean;
  readonly alignment: 'exactly-once' | 'at-least-once';
  readonly restorePath: string | undefined;
  /** Ports to the other slots, by slot index. */
  readonly peers: Record<number, import('node:worker_threads').MessagePort>;
}

export type ToWorker =
  | { t: 'trigger'; v: number; s: number; id: number; ts: number; kind: CheckpointKind; location: string }
  | { t: 'notify'; id: number }
  | { t: 'abort'; id: number }
  | { t: 'splits'; v: number; s: number; splits: readonly SourceSplit[] }
  | { t: 'noMoreSplits'; v: number; s: number }
  | { t: 'finish' };

export type FromWorker =
  | { t: 'started' }
  | { t: 'startFailed'; message: string; stack: string | undefined }
  | { t: 'ack'; ack: CheckpointAck }
  | { t: 'decline'; id: number; v: number; s: number; reason: string }
  | { t: 'endOfData'; v: number; s: number }
  | { t: 'finished'; v: number; s: number; acc: Record<string, number> }
  | { t: 'failure'; f: TaskFailure }
  | { t: 'register'; v: number; s: number }
  | { t: 'splitRequest'; v: number; s: number }
  | { t: 'collect'; id: string; values: unknown[] }
  | { t: 'notified'; id: number }
  | { t: 'metrics'; m: TaskMetrics };
