// Triggers checkpoints at the sources, collects every subtask's acknowledgement, writes the
// _metadata that makes a checkpoint complete, then tells the tasks (sinks commit) and discards
// checkpoints that are no longer retained.
//
//   trigger(n) -> barriers at sources -> acks from all subtasks -> _metadata -> complete(n) -> notify
//                                      \-> decline / timeout -> abort(n) -> notify aborted
import type { CheckpointKind } from '../../core/stream-element.ts';
import type { JobGraph } from '../graph/job-graph.ts';
import type { CheckpointMetadata, OperatorStateHandle } from './checkpoint-metadata.ts';
import type { CheckpointAck } from '../task/task-gateway.ts';
import { createLocation, discardLocation, writeMetadata, METADATA_FILE } from './checkpoint-storage.ts';
import { join } from 'node:path';
import { encodeValue } from '../../core/codec.ts';

export interface CheckpointSettings {
  readonly interval: number;
  readonly timeout: number;
  readonly minPause: number;
  readonly maxConcurrent: number;
  readonly tolerableFailures: number;
  readonly retained: number;
}

/** How the coordinator reaches the running tasks of the current attempt. */
export interface CheckpointTargets {
  triggerSources(checkpointId: number, timestamp: number, kind: CheckpointKind, location: string): void;
  /** Resolves when every task has handled the notification (sinks have committed). */
  notifyComplete(checkpointId: number): Promise<void>;
  notifyAborted(checkpointId: number): void;
  snapshotEnumerators(checkpointId: number): Record<string, unknown>;
}

export interface CompletedCheckpoint {
  readonly id: number;
  readonly kind: CheckpointKind;
  readonly metadataPath: string;
  readonly triggeredAt: number;
  readonly durationMs: number;
  readonly stateSize: number;
}

interface Pending {
  readonly id: number;
  readonly kind: CheckpointKind;
  readonly location: string;
  readonly triggeredAt: number;
  readonly waiting: Set<string>;
  readonly handles: OperatorStateHandle[];
  readonly enumerators: Record<string, unknown>;
  readonly timer: ReturnType<typeof setTimeout>;
  readonly done: { resolve(c: CompletedCheckpoint): void; reject(e: Error): void };
}

export interface CoordinatorOptions {
  readonly jobId: string;
  readonly graph: JobGraph;
  readonly settings: CheckpointSettings;
  readonly checkpointsDir: string | undefined;
  readonly firstCheckpointId: number;
  /** Too many consecutive checkpoint failures: the job must fail. */
  onFatal(reason: string): void;
}

export class CheckpointCoordinator {
  readonly #o: CoordinatorOptions;
  readonly #pending = new Map<number, Pending>();
  readonly #completed: CompletedCheckpoint[] = [];
  #targets: CheckpointTargets | undefined;
  #nextId: number;
  #periodic: ReturnType<typeof setTimeout> | undefined;
  #lastCompletedAt = 0;
  #consecutiveFailures = 0;
  /** Checkpoints that got an id but are not pending yet (their directory is being created). */
  #triggering = 0;
  #stopped = false;
  #lastCreation: Promise<void> = Promise.resolve();
  failedCount = 0;

  constructor(o: CoordinatorOptions) {
    this.#o = o;
    this.#nextId = o.firstCheckpointId;
  }

  /** After a restore, numbering continues after the restored checkpoint, as in Flink. */
  continueAfter(checkpointId: number): void {
    this.#nextId = Math.max(this.#nextId, checkpointId + 1);
  }

  get completed(): readonly CompletedCheckpoint[] {
    return this.#completed;
  }

  get latest(): CompletedCheckpoint | undefined {
    return this.#completed.filter((c) => c.kind === 'checkpoint').at(-1);
  }

  get inProgress(): number {
    return this.#pending.size;
  }

  /** Attaches the tasks of a (new) attempt and starts periodic checkpoints if enabled. */
  attach(targets: CheckpointTargets, periodic: boolean): void {
    this.#targets = targets;
    this.#stopped = false;
    if (periodic && this.#o.settings.interval > 0 && this.#o.checkpointsDir) this.#schedule(this.#o.settings.interval);
  }

  /** No more periodic checkpoints (the input has ended; only the final checkpoint follows). */
  stopPeriodic(): void {
    if (this.#periodic) clearTimeout(this.#periodic);
    this.#periodic = undefined;
    this.#stopped = true;
  }

  /** Stops triggering and aborts what is in flight (the attempt is going away). */
  detach(): void {
    if (this.#periodic) clearTimeout(this.#periodic);
    this.#periodic = undefined;
    for (const p of [...this.#pending.values()]) this.#abort(p, 'the job attempt ended', false);
    this.#targets = undefined;
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    if (this.#periodic) clearTimeout(this.#periodic);
    this.#periodic = setTimeout(() => {
      this.#periodic = undefined;
      const s = this.#o.settings;
      const sincePrev = Date.now() - this.#lastCompletedAt;
      if (this.#pending.size + this.#triggering >= s.maxConcurrent || sincePrev < s.minPause) {
        this.#schedule(Math.max(10, s.minPause - sincePrev));
        return;
      }
      this.trigger('checkpoint').catch(() => {});
      this.#schedule(s.interval);
    }, delay);
    this.#periodic.unref?.();
  }

  /** Starts a checkpoint (into the checkpoint directory) or a savepoint (into `targetDir`). */
  async trigger(kind: CheckpointKind, targetDir?: string): Promise<CompletedCheckpoint> {
    const targets = this.#targets;
    if (!targets) throw new Error('the job is not running');
    const id = this.#nextId++;
    const location = kind === 'checkpoint'
      ? join(this.#o.checkpointsDir!, this.#o.jobId, `chk-${id}`)
      : join(targetDir!, `savepoint-${this.#o.jobId.slice(0, 6)}-${id}-${Math.random().toString(36).slice(2, 10)}`);
    // Directories are created one after another, so triggers reach the sources in id order.
    this.#triggering++;
    const created = this.#lastCreation.then(() => createLocation(location));
    this.#lastCreation = created.catch(() => {});
    try {
      await created;
    } finally {
      this.#triggering--;
    }
    if (this.#targets !== targets) throw new Error('the job attempt ended before the checkpoint started');
    const waiting = new Set<string>();
    for (const v of this.#o.graph.vertices) for (let s = 0; s < v.parallelism; s++) waiting.add(`${v.id}/${s}`);
    const triggeredAt = Date.now();
    return new Promise<CompletedCheckpoint>((resolve, reject) => {
      const p: Pending = {
        id, kind, location, triggeredAt, waiting, handles: [],
        enumerators: targets.snapshotEnumerators(id),
        timer: setTimeout(() => this.#abort(p, `checkpoint ${id} expired after ${this.#o.settings.timeout} ms`, true), this.#o.settings.timeout),
        done: { resolve, reject },
      };
      p.timer.unref?.();
      this.#pending.set(id, p);
      targets.triggerSources(id, triggeredAt, kind, location);
    });
  }

  acknowledge(ack: CheckpointAck): void {
    const p = this.#pending.get(ack.checkpointId);
    if (!p || !p.waiting.delete(`${ack.vertex}/${ack.subtask}`)) return;
    p.handles.push(...ack.operators);
    if (p.waiting.size === 0) this.#complete(p).catch((e: Error) => this.#abort(p, `writing metadata failed: ${e.message}`, true));
  }

  decline(checkpointId: number, reason: string): void {
    const p = this.#pending.get(checkpointId);
    if (p) this.#abort(p, reason, true);
  }

  async #complete(p: Pending): Promise<void> {
    const g = this.#o.graph;
    const operators = g.vertices.flatMap((v) => v.nodes.map((n) => {
      const uid = g.uids.get(n.id)!;
      return {
        uid,
        name: n.name,
        parallelism: v.parallelism,
        maxParallelism: v.maxParallelism,
        subtasks: p.handles.filter((h) => h.uid === uid).sort((a, b) => a.keyGroupStart - b.keyGroupStart),
      };
    }));
    const metadata: CheckpointMetadata = {
      version: 1, jobId: this.#o.jobId, jobName: g.jobName, checkpointId: p.id, kind: p.kind,
      timestamp: p.triggeredAt, operators,
      enumerators: Object.fromEntries(Object.entries(p.enumerators).map(([uid, st]) => [uid, Buffer.from(encodeValue(st)).toString('base64')])),
    };
    await writeMetadata(p.location, metadata);
    clearTimeout(p.timer);
    if (!this.#pending.delete(p.id)) return;
    const done: CompletedCheckpoint = {
      id: p.id, kind: p.kind, metadataPath: join(p.location, METADATA_FILE), triggeredAt: p.triggeredAt,
      durationMs: Date.now() - p.triggeredAt, stateSize: p.handles.reduce((n, h) => n + h.size, 0),
    };
    this.#completed.push(done);
    this.#lastCompletedAt = Date.now();
    this.#consecutiveFailures = 0;
    // Older pending checkpoints are subsumed by a newer completed one (savepoints subsume nothing).
    if (p.kind === 'checkpoint') {
      for (const older of [...this.#pending.values()]) if (older.id < p.id && older.kind === 'checkpoint') this.#abort(older, `subsumed by checkpoint ${p.id}`, false);
    }
    await this.#discardSubsumed();
    await this.#targets?.notifyComplete(p.id);
    p.done.resolve(done);
  }

  async #discardSubsumed(): Promise<void> {
    const checkpoints = this.#completed.filter((c) => c.kind === 'checkpoint');
    const excess = checkpoints.length - this.#o.settings.retained;
    for (const c of checkpoints.slice(0, Math.max(0, excess))) {
      this.#completed.splice(this.#completed.indexOf(c), 1);
      await discardLocation(join(c.metadataPath, '..'));
    }
  }

  #abort(p: Pending, reason: string, countsAsFailure: boolean): void {
    if (!this.#pending.delete(p.id)) return;
    clearTimeout(p.timer);
    this.#targets?.notifyAborted(p.id);
    discardLocation(p.location).catch(() => {});
    p.done.reject(new Error(`checkpoint ${p.id} aborted: ${reason}`));
    if (!countsAsFailure) return;
    this.failedCount++;
    if (++this.#consecutiveFailures > this.#o.settings.tolerableFailures) {
      this.#o.onFatal(`exceeded checkpoint tolerable failure threshold (${this.#o.settings.tolerableFailures}): ${reason}`);
    }
  }

  /** On cancel without retention: remove the job's checkpoint directory. */
  async discardAll(): Promise<void> {
    if (this.#o.checkpointsDir) await discardLocation(join(this.#o.checkpointsDir, this.#o.jobId));
  }
}
