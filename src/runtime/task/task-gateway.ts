// What a running subtask tells the job master, and what it asks of it. In one thread these are
// direct calls; across threads, messages.
import type { OperatorStateHandle } from '../checkpoint/checkpoint-metadata.ts';

export interface CheckpointAck {
  readonly checkpointId: number;
  readonly vertex: number;
  readonly subtask: number;
  readonly operators: readonly OperatorStateHandle[];
}

export interface TaskFailure {
  readonly vertex: number;
  readonly subtask: number;
  readonly taskName: string;
  readonly message: string;
  readonly stack: string | undefined;
}

export interface TaskGateway {
  acknowledgeCheckpoint(ack: CheckpointAck): void;
  declineCheckpoint(checkpointId: number, vertex: number, subtask: number, reason: string): void;
  /** The subtask has processed all its input and emitted end of data. */
  reportEndOfData(vertex: number, subtask: number): void;
  reportFinished(vertex: number, subtask: number, accumulators: Record<string, number>): void;
  reportFailure(failure: TaskFailure): void;
  registerReader(vertex: number, subtask: number): void;
  sendSplitRequest(vertex: number, subtask: number): void;
  /** Records for executeAndCollect(), in batches. */
  collect(collectId: string, values: unknown[]): void;
}
