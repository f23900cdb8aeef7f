// Runs the split enumerator of one source in the job master and routes its split assignments to
// the readers of the current attempt. A restart recreates the enumerator from the same checkpoint
// as the readers' splits, so the two always agree on who reads what.
import type { JobVertex } from '../graph/job-graph.ts';
import type { Source, SourceSplit, SplitEnumerator } from './source.ts';

export interface ReaderGateway {
  addSplits(vertex: number, subtask: number, splits: readonly SourceSplit[]): void;
  noMoreSplits(vertex: number, subtask: number): void;
}

export class SourceCoordinator {
  readonly vertex: JobVertex;
  readonly uid: string;
  readonly #source: Source<unknown, SourceSplit, unknown>;
  #enumerator: SplitEnumerator<SourceSplit, unknown> | undefined;
  #readers = new Set<number>();
  #gateway: ReaderGateway | undefined;
  #noMoreSplits = new Set<number>();

  constructor(vertex: JobVertex, uid: string) {
    this.vertex = vertex;
    this.uid = uid;
    this.#source = vertex.head.source!;
  }

  /** Creates the enumerator for an attempt, from restored state when there is a checkpoint. */
  async start(gateway: ReaderGateway, restored: unknown): Promise<void> {
    this.#gateway = gateway;
    this.#readers = new Set();
    this.#noMoreSplits = new Set();
    const enumerator = this.#source.createEnumerator({
      parallelism: this.vertex.parallelism,
      registeredReaders: () => [...this.#readers].sort((a, b) => a - b),
      assignSplits: (subtask, splits) => {
        if (this.#enumerator === enumerator) this.#gateway?.addSplits(this.vertex.id, subtask, splits);
      },
      signalNoMoreSplits: (subtask) => {
        if (this.#enumerator !== enumerator || this.#noMoreSplits.has(subtask)) return;
        this.#noMoreSplits.add(subtask);
        this.#gateway?.noMoreSplits(this.vertex.id, subtask);
      },
    }, restored);
    this.#enumerator = enumerator;
    await enumerator.start();
  }

  registerReader(subtask: number): void {
    this.#readers.add(subtask);
    this.#enumerator?.addReader(subtask);
  }

  handleSplitRequest(subtask: number): void {
    void this.#enumerator?.handleSplitRequest(subtask);
  }

  snapshot(checkpointId: number): unknown {
    return this.#enumerator?.snapshotState(checkpointId);
  }

  notifyCheckpointComplete(checkpointId: number): void {
    this.#enumerator?.notifyCheckpointComplete?.(checkpointId);
  }

  async close(): Promise<void> {
    const e = this.#enumerator;
    this.#enumerator = undefined;
    this.#gateway = undefined;
    await e?.close();
  }
}
