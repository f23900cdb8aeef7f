// A handle on a running job: its status and metrics, savepoints, cancel, and its result.
import type { JobMaster, JobExecutionResult, JobStatus, ExceptionHistoryEntry } from '../runtime/execution/job-master.ts';
import type { CompletedCheckpoint } from '../runtime/checkpoint/checkpoint-coordinator.ts';
import type { TaskMetrics } from '../runtime/execution/deployment.ts';

export class JobClient<T = unknown> {
  readonly #master: JobMaster;
  declare readonly _t?: T;

  /** In a worker thread, a job of the module other than the one the thread runs. */
  static skipped(jobName: string): JobClient {
    const result: JobExecutionResult = { jobId: '', jobName, status: 'FINISHED', netRuntime: 0, accumulators: {}, restarts: 0 };
    return { jobId: '', jobName, result: Promise.resolve(result) } as unknown as JobClient;
  }

  constructor(master: JobMaster) {
    this.#master = master;
  }

  get jobId(): string {
    return this.#master.jobId;
  }

  get jobName(): string {
    return this.#master.graph.jobName;
  }

  /** Settles when the job ends: resolves when it finished or was cancelled, rejects when it failed. */
  get result(): Promise<JobExecutionResult> {
    return this.#master.result;
  }

  getJobStatus(): JobStatus {
    return this.#master.status;
  }

  metrics(): TaskMetrics & { checkpointsCompleted: number; checkpointsFailed: number; checkpointsInProgress: number; restarts: number } {
    const c = this.#master.checkpoints;
    return { ...this.#master.metrics(), checkpointsCompleted: c.completed.length, checkpointsFailed: c.failedCount, checkpointsInProgress: c.inProgress, restarts: this.#master.attempt };
  }

  completedCheckpoints(): readonly CompletedCheckpoint[] {
    return this.#master.checkpoints.completed;
  }

  exceptionHistory(): readonly ExceptionHistoryEntry[] {
    return this.#master.exceptionHistory;
  }

  /** Takes a savepoint into `dir` (default state.savepoints.dir); returns the path of its _metadata. */
  triggerSavepoint(dir?: string): Promise<string> {
    return this.#master.triggerSavepoint(dir);
  }

  /** Takes a savepoint, lets sinks commit it, and stops the job. */
  stopWithSavepoint(dir?: string): Promise<string> {
    return this.#master.stopWithSavepoint(dir);
  }

  /** Stops the job without a savepoint; retained checkpoints stay (RETAIN_ON_CANCELLATION). */
  cancel(): Promise<void> {
    return this.#master.cancel();
  }
}
