// Runs one job: deploys attempts, coordinates checkpoints and split enumerators, drives the
// end-of-input protocol (final checkpoint, then finish), and restarts from the latest completed
// checkpoint after a failure, as the restart strategy allows.
//
//   CREATED -> RUNNING -> (end of data) -> [final checkpoint] -> FINISHING -> FINISHED
//                 |  failure -> RESTARTING -> RUNNING ...         cancel -> CANCELED
//                 \  failure, no restart left -> FAILED
import { randomBytes } from 'node:crypto';
import type { Configuration } from '../../core/config.ts';
import * as o from '../../core/config-options.ts';
import { WeirError } from '../../core/errors.ts';
import type { CheckpointKind } from '../../core/stream-element.ts';
import type { JobGraph } from '../graph/job-graph.ts';
import { CheckpointCoordinator } from '../checkpoint/checkpoint-coordinator.ts';
import { planRestore, type RestorePlan } from '../checkpoint/restore-plan.ts';
import { toPath } from '../checkpoint/checkpoint-storage.ts';
import { restartStrategyFrom, type RestartStrategy } from '../failover/restart-strategy.ts';
import { SourceCoordinator } from '../source/source-coordinator.ts';
import type { CheckpointAck, TaskFailure, TaskGateway } from '../task/task-gateway.ts';
import type { Deployment, TaskMetrics } from './deployment.ts';
import type { AttemptSpec } from './task-factory.ts';

export type JobStatus = 'CREATED' | 'RUNNING' | 'RESTARTING' | 'FINISHED' | 'FAILED' | 'CANCELED';

export interface ExceptionHistoryEntry {
  readonly timestamp: number;
  readonly taskName: string;
  readonly vertex: number;
  readonly subtask: number;
  readonly message: string;
  readonly stack: string | undefined;
  /** Whether the job restarted after it. */
  readonly restarted: boolean;
}

export interface JobExecutionResult {
  readonly jobId: string;
  readonly jobName: string;
  readonly status: JobStatus;
  /** Milliseconds from start to end, restarts included. */
  readonly netRuntime: number;
  readonly accumulators: Record<string, number>;
  readonly restarts: number;
}

/** Starts an attempt's tasks somewhere: this thread or worker threads. */
export type Deployer = (spec: AttemptSpec, restore: RestorePlan | undefined, gateway: TaskGateway) => Promise<Deployment>;

export interface JobMasterOptions {
  readonly graph: JobGraph;
  readonly config: Configuration;
  readonly deployer: Deployer;
  readonly batch: boolean;
  readonly jobId?: string;
  /** Receives the records of collect sinks (executeAndCollect). */
  readonly onCollect?: (collectId: string, values: unknown[]) => void;
}

/** A job failed for good: carries the failing task and the original error. */
export class JobExecutionError extends WeirError {
  override name = 'JobExecutionError';
  readonly failure: TaskFailure | undefined;
  constructor(message: string, failure?: TaskFailure) {
    super(message);
    this.failure = failure;
    if (failure?.stack) this.stack = `${this.name}: ${message}\nCaused by: ${failure.stack}`;
  }
}

export class JobMaster implements TaskGateway {
  readonly jobId: string;
  readonly graph: JobGraph;
  readonly config: Configuration;
  readonly checkpoints: CheckpointCoordinator;
  readonly exceptionHistory: ExceptionHistoryEntry[] = [];
  status: JobStatus = 'CREATED';
  attempt = 0;
  startedAt = 0;

  readonly #o: JobMasterOptions;
  readonly #restart: RestartStrategy;
  readonly #sources: Map<number, SourceCoordinator>;
  readonly #checkpointing: boolean;
  #deployment: Deployment | undefined;
  #restore: RestorePlan | undefined;
  #endOfData = new Set<string>();
  #finished = new Set<string>();
  #accumulators = new Map<string, number>();
  #failing = false;
  #stopping = false;
  #done!: { resolve(r: JobExecutionResult): void; reject(e: Error): void };
  readonly result: Promise<JobExecutionResult>;

  constructor(opts: JobMasterOptions) {
    this.#o = opts;
    this.graph = opts.graph;
    this.config = opts.config;
    this.jobId = opts.jobId ?? randomBytes(16).toString('hex');
    this.#restart = restartStrategyFrom(opts.config);
    const dir = opts.config.get(o.CHECKPOINTS_DIR);
    const interval = opts.config.get(o.CHECKPOINT_INTERVAL);
    if (interval > 0 && !dir && !opts.batch) {
      throw new WeirError(`checkpointing is enabled (execution.checkpointing.interval = ${interval} ms) but state.checkpoints.dir is not set; set it to a directory, e.g. -D state.checkpoints.dir=file:///tmp/weir-checkpoints`);
    }
    this.#checkpointing = interval > 0 && !opts.batch;
    this.checkpoints = new CheckpointCoordinator({
      jobId: this.jobId,
      graph: opts.graph,
      checkpointsDir: dir ? toPath(dir) : undefined,
      firstCheckpointId: 1,
      settings: {
        interval,
        timeout: opts.config.get(o.CHECKPOINT_TIMEOUT),
        minPause: opts.config.get(o.CHECKPOINT_MIN_PAUSE),
        maxConcurrent: opts.config.get(o.CHECKPOINT_MAX_CONCURRENT),
        tolerableFailures: opts.config.get(o.CHECKPOINT_TOLERABLE_FAILURES),
        retained: opts.config.get(o.CHECKPOINTS_RETAINED),
      },
      onFatal: (reason) => this.#fail({ vertex: -1, subtask: -1, taskName: 'checkpoint coordinator', message: reason, stack: undefined }),
    });
    this.#sources = new Map(opts.graph.vertices.filter((v) => v.head.kind === 'source').map((v) => [v.id, new SourceCoordinator(v, opts.graph.uids.get(v.head.id)!)]));
    this.result = new Promise((resolve, reject) => { this.#done = { resolve, reject }; });
    this.result.catch(() => {});
  }

  /** Deploys the first attempt; the returned result settles when the job ends. */
  async start(): Promise<void> {
    this.startedAt = Date.now();
    const savepoint = this.config.get(o.SAVEPOINT_PATH);
    if (savepoint) {
      this.#restore = await planRestore(savepoint, this.graph, this.config.get(o.ALLOW_NON_RESTORED_STATE));
      this.checkpoints.continueAfter(this.#restore.metadata.checkpointId);
    }
    await this.#deploy();
  }

  async #deploy(): Promise<void> {
    this.#endOfData = new Set();
    this.#finished = new Set();
    this.#failing = false;
    const spec: AttemptSpec = {
      jobId: this.jobId,
      graph: this.graph,
      config: this.config,
      attempt: this.attempt,
      batch: this.#o.batch,
      alignment: this.config.get(o.CHECKPOINT_MODE) === 'AT_LEAST_ONCE' ? 'at-least-once' : 'exactly-once',
    };
    const restored = this.#restore;
    // Readers ask for splits while the attempt is still starting: hold assignments until it is up.
    const held: Array<(d: Deployment) => void> = [];
    const toReaders = (op: (d: Deployment) => void) => (this.#deployment ? op(this.#deployment) : held.push(op));
    for (const sc of this.#sources.values()) {
      await sc.start({
        addSplits: (v, s, splits) => toReaders((d) => d.addSplits(v, s, splits)),
        noMoreSplits: (v, s) => toReaders((d) => d.noMoreSplits(v, s)),
      }, restored?.enumeratorState(sc.uid));
    }
    let deployment: Deployment;
    try {
      deployment = await this.#o.deployer(spec, restored, this);
    } catch (e) {
      const err = e as Error;
      this.#fail({ vertex: -1, subtask: -1, taskName: 'deployment', message: err.message, stack: err.stack });
      return;
    }
    if (this.status === 'CANCELED' || this.#failing) {
      await deployment.cancel();
      return;
    }
    this.#deployment = deployment;
    this.status = 'RUNNING';
    for (const op of held.splice(0)) op(deployment);
    this.checkpoints.attach({
      triggerSources: (id, ts, kind, location) => {
        for (const v of this.graph.vertices) {
          if (v.head.kind !== 'source') continue;
          for (let s = 0; s < v.parallelism; s++) deployment.triggerCheckpoint(v.id, s, id, ts, kind, location);
        }
      },
      notifyComplete: async (id) => {
        for (const sc of this.#sources.values()) sc.notifyCheckpointComplete(id);
        await deployment.notifyCheckpointComplete(id);
      },
      notifyAborted: (id) => deployment.notifyCheckpointAborted(id),
      snapshotEnumerators: (id) => Object.fromEntries([...this.#sources.values()].map((sc) => [sc.uid, sc.snapshot(id)])),
    }, this.#checkpointing);
  }

  metrics(): TaskMetrics {
    return this.#deployment?.metrics() ?? { recordsIn: 0, recordsOut: 0, skipped: 0, backlog: 0 };
  }

  // ---- TaskGateway ----

  acknowledgeCheckpoint(ack: CheckpointAck): void {
    this.checkpoints.acknowledge(ack);
  }

  declineCheckpoint(checkpointId: number, _vertex: number, _subtask: number, reason: string): void {
    this.checkpoints.decline(checkpointId, reason);
  }

  registerReader(vertex: number, subtask: number): void {
    this.#sources.get(vertex)?.registerReader(subtask);
  }

  sendSplitRequest(vertex: number, subtask: number): void {
    this.#sources.get(vertex)?.handleSplitRequest(subtask);
  }

  collect(collectId: string, values: unknown[]): void {
    this.#o.onCollect?.(collectId, values);
  }

  reportEndOfData(vertex: number, subtask: number): void {
    this.#endOfData.add(`${vertex}/${subtask}`);
    const ends = this.graph.vertices.filter((v) => v.outputs.length === 0).reduce((n, v) => n + v.parallelism, 0);
    if (this.#endOfData.size < ends || this.#failing) return;
    if (!this.#checkpointing) {
      this.#deployment?.finishSources();
      return;
    }
    // The final checkpoint makes the sinks commit what the last records produced.
    this.checkpoints.stopPeriodic();
    this.checkpoints.trigger('checkpoint').then(
      () => this.#deployment?.finishSources(),
      (e: Error) => this.#fail({ vertex: -1, subtask: -1, taskName: 'final checkpoint', message: e.message, stack: e.stack }),
    );
  }

  reportFinished(vertex: number, subtask: number, accumulators: Record<string, number>): void {
    this.#finished.add(`${vertex}/${subtask}`);
    for (const [k, v] of Object.entries(accumulators)) this.#accumulators.set(k, (this.#accumulators.get(k) ?? 0) + v);
    const total = this.graph.vertices.reduce((n, v) => n + v.parallelism, 0);
    if (this.#finished.size === total && !this.#failing) void this.#end('FINISHED');
  }

  reportFailure(failure: TaskFailure): void {
    this.#fail(failure);
  }

  #fail(failure: TaskFailure): void {
    if (this.#failing || this.status === 'CANCELED' || this.status === 'FINISHED' || this.status === 'FAILED') return;
    this.#failing = true;
    const delay = this.#stopping ? undefined : this.#restart.onFailure(Date.now());
    this.exceptionHistory.push({ timestamp: Date.now(), taskName: failure.taskName, vertex: failure.vertex, subtask: failure.subtask, message: failure.message, stack: failure.stack, restarted: delay !== undefined });
    void (async () => {
      this.checkpoints.detach();
      const d = this.#deployment;
      this.#deployment = undefined;
      await d?.cancel().catch(() => {});
      for (const sc of this.#sources.values()) await sc.close().catch(() => {});
      if (delay === undefined) {
        await this.#end('FAILED', new JobExecutionError(`job '${this.graph.jobName}' failed: ${failure.taskName}: ${failure.message}`, failure));
        return;
      }
      this.status = 'RESTARTING';
      await new Promise((r) => setTimeout(r, delay));
      if (this.status !== 'RESTARTING') return;
      this.attempt++;
      const latest = this.checkpoints.latest;
      try {
        if (latest) this.#restore = await planRestore(latest.metadataPath, this.graph, true);
      } catch (e) {
        await this.#end('FAILED', e as Error);
        return;
      }
      await this.#deploy();
    })();
  }

  async #end(status: JobStatus, error?: Error): Promise<void> {
    if (this.status === 'FINISHED' || this.status === 'FAILED' || this.status === 'CANCELED') return;
    this.status = status;
    this.checkpoints.detach();
    const d = this.#deployment;
    this.#deployment = undefined;
    await d?.cancel().catch(() => {});
    for (const sc of this.#sources.values()) await sc.close().catch(() => {});
    // As in Flink: a finished job's checkpoints are discarded, a failed job's kept, a cancelled
    // job's kept only with RETAIN_ON_CANCELLATION.
    const retain = status === 'FAILED' || (status === 'CANCELED' && this.config.get(o.CHECKPOINT_RETENTION) === 'RETAIN_ON_CANCELLATION');
    if (!retain) await this.checkpoints.discardAll().catch(() => {});
    const result: JobExecutionResult = {
      jobId: this.jobId, jobName: this.graph.jobName, status,
      netRuntime: Date.now() - this.startedAt,
      accumulators: Object.fromEntries(this.#accumulators),
      restarts: this.attempt,
    };
    if (error) this.#done.reject(error);
    else this.#done.resolve(result);
  }

  // ---- job client operations ----

  async cancel(): Promise<void> {
    await this.#end('CANCELED');
  }

  async triggerSavepoint(targetDir?: string): Promise<string> {
    const dir = targetDir ?? this.config.get(o.SAVEPOINTS_DIR);
    if (!dir) throw new WeirError('no savepoint directory: pass one, or set state.savepoints.dir');
    return (await this.checkpoints.trigger('savepoint' as CheckpointKind, toPath(dir))).metadataPath;
  }

  /**
   * Takes a savepoint, waits until sinks committed it, then stops the job; records read after the
   * savepoint are not committed, so a job restored from it continues exactly there.
   * Returns the savepoint's _metadata path.
   */
  async stopWithSavepoint(targetDir?: string): Promise<string> {
    this.#stopping = true;
    try {
      const path = await this.triggerSavepoint(targetDir);
      await this.#end('FINISHED');
      return path;
    } finally {
      this.#stopping = false;
    }
  }
}
