// Per-split watermarks inside one source subtask (Flink's WatermarkOutputMultiplexer): one generator
// per split, combined into the source's watermark as the minimum over splits that are not idle.
import { MIN_WATERMARK } from '../core/stream-element.ts';
import type { TimestampAssigner, WatermarkGenerator, WatermarkOutput, WatermarkStrategy } from './watermark-strategy.ts';

/** Where the source's combined watermark and idleness go (the source operator's output). */
export interface SplitWatermarksOutput {
  /** Called only when the combined watermark advances. */
  watermark(timestamp: number): void;
  /** Called when the source as a whole becomes idle (true) or active again (false). */
  idle(idle: boolean): void;
}

/** One split's generator and what it has reported; it is the WatermarkOutput its generator writes to. */
class SplitState<T> implements WatermarkOutput {
  readonly id: string;
  readonly generator: WatermarkGenerator<T>;
  watermark = MIN_WATERMARK;
  /** Marked idle by its own generator. */
  generatorIdle = false;
  /** No record for the strategy's idle timeout. */
  timedOut = false;
  /** A record arrived since the last periodic emit; cheaper than reading the clock per record. */
  sawRecord = false;
  /** Clock time of the periodic emit that last saw a record here (or when the split was added). */
  lastActive: number;
  /** Something the combined watermark depends on changed. */
  changed = false;

  constructor(id: string, generator: WatermarkGenerator<T>, now: number) {
    this.id = id;
    this.generator = generator;
    this.lastActive = now;
  }

  get idle(): boolean {
    return this.generatorIdle || this.timedOut;
  }

  emitWatermark(timestamp: number): void {
    if (this.generatorIdle) {
      this.generatorIdle = false;
      this.changed = true;
    }
    if (timestamp > this.watermark) {
      this.watermark = timestamp;
      this.changed = true;
    }
  }

  markIdle(): void {
    if (!this.generatorIdle) {
      this.generatorIdle = true;
      this.changed = true;
    }
  }

  markActive(): void {
    if (this.generatorIdle) {
      this.generatorIdle = false;
      this.changed = true;
    }
  }
}

/**
 * Assigns timestamps and combines split watermarks for one source subtask.
 *
 * Idleness is checked on periodic emits, not per record: a split becomes idle at the first
 * periodic emit that finds no record for at least idleTimeoutMs since the periodic emit that last
 * saw one, so it goes idle at most one emit interval after the exact timeout. A record makes its
 * split active again at once. With no splits at all nothing is reported (as in Flink): the source
 * knows whether more splits can come.
 */
export class SplitWatermarks<T> {
  readonly #strategy: WatermarkStrategy<T>;
  readonly #assigner: TimestampAssigner<T> | undefined;
  readonly #idleTimeoutMs: number | undefined;
  readonly #now: () => number;
  readonly #emit: SplitWatermarksOutput;
  readonly #splits = new Map<string, SplitState<T>>();
  /** Consecutive records usually come from the same split: skip the Map lookup for them. */
  #last: SplitState<T> | undefined;
  #watermark = MIN_WATERMARK;
  #idle = false;
  #awaitingSplit = false;

  constructor(strategy: WatermarkStrategy<T>, now: () => number, emit: SplitWatermarksOutput) {
    this.#strategy = strategy;
    this.#assigner = strategy.timestampAssigner;
    this.#idleTimeoutMs = strategy.idleTimeoutMs;
    this.#now = now;
    this.#emit = emit;
  }

  /** The last combined watermark emitted (MIN_WATERMARK before the first). */
  get watermark(): number {
    return this.#watermark;
  }

  /** Whether the source was last reported idle. */
  get idle(): boolean {
    return this.#idle;
  }

  /** Registers a split so that it holds back the watermark before its first record; no-op if known. */
  addSplit(splitId: string): void {
    this.#awaitingSplit = false;
    this.#split(splitId);
  }

  /** The reader asked for a split: until one arrives (or no more will), it is not idle for lack of splits. */
  awaitSplit(): void {
    this.#awaitingSplit = true;
  }

  /** No split will come: a reader without splits may now report idle. */
  noMoreSplits(): void {
    this.#awaitingSplit = false;
  }

  /** A finished split no longer holds back the watermark. */
  removeSplit(splitId: string): void {
    if (!this.#splits.delete(splitId)) return;
    if (this.#last?.id === splitId) this.#last = undefined;
    this.#combine();
  }

  /** Assigns the record's event timestamp, feeds the split's generator and returns the timestamp. */
  onRecord(splitId: string, value: T, sourceTimestamp: number): number {
    let split = this.#last;
    if (split === undefined || split.id !== splitId) split = this.#last = this.#split(splitId);
    const timestamp = this.#assigner === undefined ? sourceTimestamp : this.#assigner(value, sourceTimestamp);
    split.sawRecord = true;
    if (split.timedOut || split.generatorIdle) {
      split.timedOut = false;
      split.generatorIdle = false;
      split.changed = true;
    }
    split.generator.onEvent(value, timestamp, split);
    if (split.changed) this.#combine();
    return timestamp;
  }

  /** Checks idleness and lets every active split's generator emit; call every auto-watermark interval. */
  onPeriodicEmit(): void {
    // A reader without splits (more readers than files or partitions) must not stall event time
    // downstream: it reports idle until a split arrives — unless it asked for a split and the answer
    // is on its way (between two files of a file source): going idle then lets the other readers'
    // watermark overtake the records of its next split, which would arrive late.
    if (this.#splits.size === 0) {
      if (this.#awaitingSplit) return;
      if (!this.#idle) {
        this.#idle = true;
        this.#emit.idle(true);
      }
      return;
    }
    const now = this.#now();
    const timeout = this.#idleTimeoutMs;
    let changed = false;
    for (const split of this.#splits.values()) {
      if (split.sawRecord) {
        split.sawRecord = false;
        split.lastActive = now;
      } else if (timeout !== undefined && !split.timedOut && now - split.lastActive >= timeout) {
        split.timedOut = true;
        split.changed = true;
      }
      // A timed-out split's generator would re-emit its old watermark; Flink skips it too.
      if (!split.timedOut) split.generator.onPeriodicEmit(split);
      if (split.changed) {
        split.changed = false;
        changed = true;
      }
    }
    if (changed) this.#combine();
  }

  #split(splitId: string): SplitState<T> {
    let split = this.#splits.get(splitId);
    if (split === undefined) {
      split = new SplitState(splitId, this.#strategy.createWatermarkGenerator(), this.#now());
      this.#splits.set(splitId, split);
      this.#combine();
    }
    return split;
  }

  #combine(): void {
    if (this.#splits.size === 0) return;
    let min = Number.POSITIVE_INFINITY;
    let anyActive = false;
    for (const split of this.#splits.values()) {
      split.changed = false;
      if (split.idle) continue;
      anyActive = true;
      if (split.watermark < min) min = split.watermark;
    }
    if (!anyActive) {
      if (!this.#idle) {
        this.#idle = true;
        this.#emit.idle(true);
      }
      return;
    }
    if (this.#idle) {
      this.#idle = false;
      this.#emit.idle(false);
    }
    // A split that is added or wakes up behind the others must not move the output back.
    if (min > this.#watermark) {
      this.#watermark = min;
      this.#emit.watermark(min);
    }
  }
}
