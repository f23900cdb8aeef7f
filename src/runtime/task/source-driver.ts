// Runs a source reader on the task thread: polls it in time slices (never awaiting per record),
// yields to the event loop between slices so barriers, credits and timers get their turn, waits
// while the task's outputs are backpressured, and generates per-split watermarks.
import { NO_TIMESTAMP } from '../../core/stream-element.ts';
import { SplitWatermarks } from '../../time/split-watermarks.ts';
import type { TimestampAssigner, WatermarkStrategy } from '../../time/watermark-strategy.ts';
import type { ReaderOutput, Source, SourceReader, SourceSplit } from '../source/source.ts';
import type { Output } from '../operators/stream-operator.ts';

const SLICE_MS = 5;

export interface SourceDriverHost {
  readonly subtask: number;
  readonly parallelism: number;
  readonly output: Output<unknown>;
  /** Watermarks are not generated in BATCH mode (only the final one). */
  readonly generateWatermarks: boolean;
  readonly autoWatermarkInterval: number;
  now(): number;
  sendSplitRequest(): void;
  countSkipped(reason: string): void;
  /** Resolves when the outputs may take more records (credit arrived). */
  waitForCapacity(): Promise<void> | undefined;
  onIdle(idle: boolean): void;
  onEndOfInput(): void;
  onFailure(e: unknown): void;
}

export class SourceDriver<T> {
  readonly reader: SourceReader<T, SourceSplit>;
  readonly #host: SourceDriverHost;
  readonly #watermarks: SplitWatermarks<T> | undefined;
  readonly #assigner: TimestampAssigner<T> | undefined;
  readonly #outputs = new Map<string, ReaderOutput<T>>();
  #lastSplit: string | undefined;
  #lastOutput: ReaderOutput<T> | undefined;
  #stopped = false;
  #ended = false;
  #periodic: ReturnType<typeof setInterval> | undefined;
  readonly #outputFor = (splitId: string): ReaderOutput<T> => {
    if (splitId === this.#lastSplit) return this.#lastOutput!;
    let out = this.#outputs.get(splitId);
    if (!out) {
      out = this.#createOutput(splitId);
      this.#outputs.set(splitId, out);
    }
    this.#lastSplit = splitId;
    this.#lastOutput = out;
    return out;
  };

  /** A finished split no longer holds back the watermark (Flink's releaseOutputForSplit). */
  readonly #splitFinished = (splitId: string): void => {
    this.#outputs.delete(splitId);
    if (this.#lastSplit === splitId) this.#lastSplit = undefined;
    this.#watermarks?.removeSplit(splitId);
  };

  constructor(source: Source<T>, strategy: WatermarkStrategy<T> | undefined, host: SourceDriverHost) {
    this.#host = host;
    this.reader = source.createReader({
      subtaskIndex: host.subtask,
      parallelism: host.parallelism,
      sendSplitRequest: () => {
        // A bounded source's enumerator always answers (a split, or no more splits); a continuous
        // one may keep the request open until new input appears, and its reader stays idle meanwhile.
        if (source.boundedness === 'bounded') this.#watermarks?.awaitSplit();
        host.sendSplitRequest();
      },
      countSkipped: (r) => host.countSkipped(r),
    }) as SourceReader<T, SourceSplit>;
    const out = host.output;
    this.#assigner = strategy?.timestampAssigner;
    this.#watermarks = strategy && host.generateWatermarks
      ? new SplitWatermarks<T>(strategy, host.now, {
        watermark: (wm) => out.emitWatermark(wm),
        idle: (idle) => host.onIdle(idle),
      })
      : undefined;
  }

  #createOutput(splitId: string): ReaderOutput<T> {
    const out = this.#host.output;
    const wm = this.#watermarks;
    if (wm === undefined) {
      // BATCH generates no watermarks, but records still need their event timestamps.
      const assign = this.#assigner;
      return assign
        ? { collect: (v, ts) => out.collect(v, assign(v, ts ?? NO_TIMESTAMP)) }
        : { collect: (v, ts) => out.collect(v, ts ?? NO_TIMESTAMP) };
    }
    wm.addSplit(splitId);
    return { collect: (v, ts) => out.collect(v, wm.onRecord(splitId, v, ts ?? NO_TIMESTAMP)) };
  }

  async start(restoredSplits: readonly SourceSplit[]): Promise<void> {
    await this.reader.start();
    if (restoredSplits.length) this.addSplits(restoredSplits);
    if (this.#watermarks) {
      const wm = this.#watermarks;
      this.#periodic = setInterval(() => {
        if (!this.#stopped && !this.#ended) this.#guard(() => wm.onPeriodicEmit());
      }, this.#host.autoWatermarkInterval);
    }
    setImmediate(this.#loop);
  }

  /**
   * A split holds back the watermark from its assignment on, not from its first record: a reader
   * whose first read is still in flight must not look idle (its records would arrive late).
   */
  addSplits(splits: readonly SourceSplit[]): void {
    for (const s of splits) this.#watermarks?.addSplit(s.splitId);
    this.reader.addSplits(splits);
  }

  notifyNoMoreSplits(): void {
    this.#watermarks?.noMoreSplits();
    this.reader.notifyNoMoreSplits();
  }

  #guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.stop();
      this.#host.onFailure(e);
    }
  }

  readonly #loop = (): void => {
    if (this.#stopped || this.#ended) return;
    const wait = this.#host.waitForCapacity();
    if (wait) {
      wait.then(this.#loop, () => {});
      return;
    }
    let status: 'more' | 'nothing-available' | 'end-of-input' = 'more';
    this.#guard(() => {
      const deadline = performance.now() + SLICE_MS;
      do {
        status = this.reader.pollNext(this.#outputFor, this.#splitFinished);
      } while (status === 'more' && performance.now() < deadline && this.#host.waitForCapacity() === undefined);
    });
    if (this.#stopped) return;
    if (status === 'more') {
      setImmediate(this.#loop);
    } else if (status === 'nothing-available') {
      this.reader.isAvailable().then(() => setImmediate(this.#loop), (e) => { this.stop(); this.#host.onFailure(e); });
    } else {
      this.#ended = true;
      this.#stopTimers();
      this.#guard(() => this.#host.onEndOfInput());
    }
  };

  snapshotSplits(checkpointId: number): SourceSplit[] {
    return this.reader.snapshotState(checkpointId);
  }

  #stopTimers(): void {
    if (this.#periodic) clearInterval(this.#periodic);
    this.#periodic = undefined;
  }

  stop(): void {
    this.#stopped = true;
    this.#stopTimers();
  }

  async close(): Promise<void> {
    this.stop();
    await this.reader.close();
  }
}
