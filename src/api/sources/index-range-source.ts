// A source over a range of indexes, split into contiguous sub-ranges; each record is produce(i).
// Behind fromElements, fromSequence and the data generator. Its checkpointed position per split
// is the next index, so a restore continues exactly where the checkpoint was taken.
import type { PollStatus, ReaderOutput, Source, SourceReader, SourceReaderContext, SourceSplit, SplitEnumerator, SplitEnumeratorContext } from '../../runtime/source/source.ts';

export interface IndexRangeSplit extends SourceSplit {
  readonly next: number;
  /** Exclusive; Infinity for an unbounded range. */
  readonly end: number;
  /** Distance between indexes: endless ranges are dealt out round robin (split i of n: i, i+n, ...). */
  readonly stride: number;
}

interface EnumeratorState {
  readonly unassigned: readonly IndexRangeSplit[];
}

const BATCH = 1024;

export interface IndexRangeOptions<T> {
  readonly start: number;
  /** Exclusive; Infinity for an endless source. */
  readonly end: number;
  readonly produce: (index: number) => T;
  /** Records per second over all subtasks; undefined for as fast as possible. */
  readonly rowsPerSecond?: number;
  /** Number of splits; defaults to the source's parallelism. */
  readonly splits?: number;
}

export class IndexRangeSource<T> implements Source<T, IndexRangeSplit, EnumeratorState> {
  readonly boundedness;
  readonly #o: IndexRangeOptions<T>;

  constructor(o: IndexRangeOptions<T>) {
    this.#o = o;
    this.boundedness = Number.isFinite(o.end) ? 'bounded' as const : 'continuous' as const;
  }

  createEnumerator(ctx: SplitEnumeratorContext<IndexRangeSplit>, restored: EnumeratorState | undefined): SplitEnumerator<IndexRangeSplit, EnumeratorState> {
    const unassigned = restored ? [...restored.unassigned] : splitRange(this.#o.start, this.#o.end, this.#o.splits ?? ctx.parallelism);
    return {
      start() {},
      handleSplitRequest(subtask) {
        const split = unassigned.shift();
        if (split) ctx.assignSplits(subtask, [split]);
        else ctx.signalNoMoreSplits(subtask);
      },
      addSplitsBack(splits) {
        unassigned.push(...splits);
      },
      addReader() {},
      snapshotState: () => ({ unassigned: [...unassigned] }),
      close() {},
    };
  }

  createReader(ctx: SourceReaderContext): SourceReader<T, IndexRangeSplit> {
    return new IndexRangeReader(this.#o, ctx);
  }
}

function splitRange(start: number, end: number, n: number): IndexRangeSplit[] {
  if (!Number.isFinite(end)) {
    return Array.from({ length: n }, (_, i) => ({ splitId: String(i), next: start + i, end, stride: n }));
  }
  const size = end - start;
  const splits: IndexRangeSplit[] = [];
  for (let i = 0; i < n; i++) {
    const s = start + Math.floor((size * i) / n);
    const e = start + Math.floor((size * (i + 1)) / n);
    if (e > s) splits.push({ splitId: String(i), next: s, end: e, stride: 1 });
  }
  return splits;
}

class IndexRangeReader<T> implements SourceReader<T, IndexRangeSplit> {
  readonly #o: IndexRangeOptions<T>;
  readonly #ctx: SourceReaderContext;
  readonly #splits: Array<{ -readonly [K in keyof IndexRangeSplit]: IndexRangeSplit[K] }> = [];
  #noMore = false;
  #requested = false;
  #wake: (() => void) | undefined;
  readonly #perSubtaskRate: number | undefined;
  #rateStart = 0;
  #emittedSinceStart = 0;

  constructor(o: IndexRangeOptions<T>, ctx: SourceReaderContext) {
    this.#o = o;
    this.#ctx = ctx;
    this.#perSubtaskRate = o.rowsPerSecond ? o.rowsPerSecond / ctx.parallelism : undefined;
  }

  start(): void {
    this.#request();
  }

  #request(): void {
    if (this.#requested || this.#noMore) return;
    this.#requested = true;
    this.#ctx.sendSplitRequest();
  }

  pollNext(outputFor: (splitId: string) => ReaderOutput<T>, splitFinished: (splitId: string) => void): PollStatus {
    const split = this.#splits[0];
    if (!split) {
      if (this.#noMore) return 'end-of-input';
      this.#request();
      return 'nothing-available';
    }
    let budget = BATCH;
    if (this.#perSubtaskRate !== undefined) {
      const now = performance.now();
      if (this.#rateStart === 0) this.#rateStart = now;
      const allowed = Math.floor(((now - this.#rateStart) / 1000) * this.#perSubtaskRate) + 1 - this.#emittedSinceStart;
      if (allowed <= 0) return 'nothing-available';
      budget = Math.min(budget, allowed);
    }
    const out = outputFor(split.splitId);
    const produce = this.#o.produce;
    const { stride, end } = split;
    let i = split.next;
    let emitted = 0;
    for (; emitted < budget && i < end; i += stride, emitted++) out.collect(produce(i));
    split.next = i;
    this.#emittedSinceStart += emitted;
    if (split.next >= split.end) {
      this.#splits.shift();
      splitFinished(split.splitId);
      if (this.#splits.length === 0) this.#request();
    }
    return 'more';
  }

  isAvailable(): Promise<void> {
    if (this.#perSubtaskRate !== undefined && this.#splits.length > 0) return new Promise((r) => setTimeout(r, 5));
    return new Promise((r) => { this.#wake = r; });
  }

  #notify(): void {
    const w = this.#wake;
    this.#wake = undefined;
    w?.();
  }

  addSplits(splits: readonly IndexRangeSplit[]): void {
    this.#requested = false;
    for (const s of splits) this.#splits.push({ ...s });
    this.#notify();
  }

  notifyNoMoreSplits(): void {
    this.#noMore = true;
    this.#notify();
  }

  snapshotState(): IndexRangeSplit[] {
    return this.#splits.map((s) => ({ ...s }));
  }

  close(): void {
    this.#notify();
  }
}
