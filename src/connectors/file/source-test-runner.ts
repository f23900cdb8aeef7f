// Test support: runs a Source in-process the way the runtime does (one enumerator, one reader per
// subtask, split requests and assignments delivered asynchronously), so tests need no runtime.
import type { PollStatus, ReaderOutput, Source, SourceReader, SourceSplit, SplitEnumerator } from '../../runtime/source/source.ts';

export interface Emitted<T> {
  readonly subtask: number;
  readonly splitId: string;
  readonly value: T;
}

export interface SourceSnapshot<S, E> {
  readonly enumerator: E;
  readonly readers: S[][];
}

export class SourceTestRunner<T, S extends SourceSplit, E> {
  readonly emitted: Emitted<T>[] = [];
  readonly skipped: string[] = [];
  /** Every assignment in order: [subtask, splitIds]. */
  readonly assignments: Array<[number, string[]]> = [];
  readonly readers: SourceReader<T, S>[] = [];
  readonly enumerator: SplitEnumerator<S, E>;
  private readonly finished = new Set<number>();

  constructor(source: Source<T, S, E>, parallelism = 1, restored?: SourceSnapshot<S, E>) {
    const subtasks = Array.from({ length: parallelism }, (_, i) => i);
    this.enumerator = source.createEnumerator(
      {
        parallelism,
        registeredReaders: () => subtasks.filter((i) => !this.finished.has(i)),
        assignSplits: (subtask, splits) => {
          this.assignments.push([subtask, splits.map((s) => s.splitId)]);
          queueMicrotask(() => this.readers[subtask]!.addSplits(splits));
        },
        signalNoMoreSplits: (subtask) => queueMicrotask(() => this.readers[subtask]!.notifyNoMoreSplits()),
      },
      restored?.enumerator,
    );
    for (const subtask of subtasks) {
      const reader = source.createReader({
        subtaskIndex: subtask,
        parallelism,
        sendSplitRequest: () => queueMicrotask(() => void this.enumerator.handleSplitRequest(subtask)),
        countSkipped: (reason) => this.skipped.push(reason),
      });
      const splits = restored?.readers[subtask];
      if (splits?.length) reader.addSplits(splits);
      this.readers.push(reader);
    }
  }

  async start(): Promise<void> {
    await this.enumerator.start();
    for (const [i, reader] of this.readers.entries()) {
      this.enumerator.addReader(i);
      await reader.start();
    }
  }

  /** Splits the readers reported as read to their end, in order. */
  readonly finishedSplits: string[] = [];

  values(subtask?: number): T[] {
    return this.emitted.filter((e) => subtask === undefined || e.subtask === subtask).map((e) => e.value);
  }

  /** One poll of one reader; waits for availability when it has nothing. */
  async step(subtask: number): Promise<PollStatus> {
    const reader = this.readers[subtask]!;
    const status = reader.pollNext((splitId) => this.output(subtask, splitId), (splitId) => this.finishedSplits.push(splitId));
    if (status === 'end-of-input') this.finished.add(subtask);
    if (status === 'nothing-available') await withTimeout(reader.isAvailable(), `reader ${subtask} never became available`);
    return status;
  }

  async runToEnd(): Promise<void> {
    await Promise.all(this.readers.map(async (_, i) => {
      while ((await this.step(i)) !== 'end-of-input');
    }));
  }

  /** Polls all readers until `done` holds (for unbounded sources). */
  async runUntil(done: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error('runUntil: condition not reached in time');
      for (const [i, reader] of this.readers.entries()) {
        const status = reader.pollNext((splitId) => this.output(i, splitId), (splitId) => this.finishedSplits.push(splitId));
        if (status === 'nothing-available') await Promise.race([reader.isAvailable(), sleep(10)]);
      }
    }
  }

  /** Snapshot as at a checkpoint; lets queued split deliveries land first. */
  async snapshot(checkpointId: number): Promise<SourceSnapshot<S, E>> {
    await new Promise((r) => setImmediate(r));
    const copy = <X>(x: X): X => JSON.parse(JSON.stringify(x)) as X;
    return { enumerator: copy(this.enumerator.snapshotState(checkpointId)), readers: this.readers.map((r) => copy(r.snapshotState(checkpointId))) };
  }

  async close(): Promise<void> {
    await this.enumerator.close();
    for (const reader of this.readers) await reader.close();
  }

  private output(subtask: number, splitId: string): ReaderOutput<T> {
    return { collect: (value) => this.emitted.push({ subtask, splitId, value }) };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function withTimeout(p: Promise<void>, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), 5000)));
  try {
    await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
