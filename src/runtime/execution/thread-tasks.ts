// The subtasks running in one thread, as the job master addresses them: one by (vertex, subtask) for
// triggers and splits, all at once for notifications, finish and metrics. The calling thread's
// deployment is this object; a worker thread dispatches the master's messages to it.
import type { CheckpointKind } from '../../core/stream-element.ts';
import type { SourceSplit } from '../source/source.ts';
import type { StreamTask } from '../task/stream-task.ts';
import type { Deployment, TaskMetrics } from './deployment.ts';
import { taskKey } from './task-factory.ts';

export class ThreadTasks implements Deployment {
  readonly #tasks: Map<string, StreamTask>;
  readonly #all: StreamTask[];
  readonly #backlog: () => number;

  /** `backlog`: buffers this thread's remote writers hold for lack of credit (none in one thread). */
  constructor(tasks: Map<string, StreamTask>, backlog: () => number = () => 0) {
    this.#tasks = tasks;
    this.#all = [...tasks.values()];
    this.#backlog = backlog;
  }

  /** Runs `fn` on a task; what it throws fails that task. */
  #on(vertex: number, subtask: number, fn: (t: StreamTask) => void): void {
    const t = this.#tasks.get(taskKey(vertex, subtask))!;
    try {
      fn(t);
    } catch (e) {
      t.fail(e);
    }
  }

  triggerCheckpoint(vertex: number, subtask: number, checkpointId: number, timestamp: number, kind: CheckpointKind, location: string): void {
    this.#on(vertex, subtask, (t) => t.triggerCheckpoint(checkpointId, timestamp, kind, location));
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    await Promise.all(this.#all.map((t) => t.notifyCheckpointComplete(checkpointId)));
  }

  notifyCheckpointAborted(checkpointId: number): void {
    for (const t of this.#all) t.notifyCheckpointAborted(checkpointId);
  }

  // Deferred: an enumerator may assign splits while the reader's own pollNext asked for them.
  addSplits(vertex: number, subtask: number, splits: readonly SourceSplit[]): void {
    queueMicrotask(() => this.#on(vertex, subtask, (t) => t.addSplits(splits)));
  }

  noMoreSplits(vertex: number, subtask: number): void {
    queueMicrotask(() => this.#on(vertex, subtask, (t) => t.noMoreSplits()));
  }

  finishSources(): void {
    for (const t of this.#all) if (t.isSource) t.finishSource();
  }

  metrics(): TaskMetrics {
    let recordsIn = 0;
    let recordsOut = 0;
    let skipped = 0;
    for (const t of this.#all) {
      recordsIn += t.recordsIn;
      recordsOut += t.recordsOut;
      skipped += t.skipped;
    }
    return { recordsIn, recordsOut, skipped, backlog: this.#backlog() };
  }

  async cancel(): Promise<void> {
    await Promise.all(this.#all.map((t) => t.cancel()));
  }
}
