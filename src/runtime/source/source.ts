// The split-based source contract (Flink FLIP-27): an enumerator, run once by the job
// coordinator, discovers splits and assigns them; a reader per subtask reads its splits,
// emits records without awaiting per record, and reports its positions as split state.

export type Boundedness = 'bounded' | 'continuous';

export interface SourceSplit {
  /** Unique within the source; used for per-split watermarks and to match state. */
  readonly splitId: string;
}

export interface SplitEnumeratorContext<S extends SourceSplit> {
  readonly parallelism: number;
  /** Subtasks whose reader has started and not finished. */
  registeredReaders(): readonly number[];
  assignSplits(subtask: number, splits: readonly S[]): void;
  signalNoMoreSplits(subtask: number): void;
}

export interface SplitEnumerator<S extends SourceSplit, E> {
  start(): void | Promise<void>;
  /** A reader asks for work (pull-based sources such as files). */
  handleSplitRequest(subtask: number): void | Promise<void>;
  /** Splits that were assigned after the last checkpoint to a reader that failed. */
  addSplitsBack(splits: readonly S[], subtask: number): void;
  addReader(subtask: number): void;
  snapshotState(checkpointId: number): E;
  notifyCheckpointComplete?(checkpointId: number): void;
  close(): void | Promise<void>;
}

export interface ReaderOutput<T> {
  /** Without a timestamp the record gets NO_TIMESTAMP (or the watermark strategy's assigner decides). */
  collect(value: T, timestamp?: number): void;
}

export interface SourceReaderContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  /** Asks the enumerator for more splits. */
  sendSplitRequest(): void;
  /** Counts a skipped bad record (metric). */
  countSkipped(reason: string): void;
}

export type PollStatus = 'more' | 'nothing-available' | 'end-of-input';

export interface SourceReader<T, S extends SourceSplit> {
  start(): void | Promise<void>;
  /**
   * Emits a bounded number of records synchronously (a batch, not everything) to the output of
   * their split. 'more': call again; 'nothing-available': wait for isAvailable(); 'end-of-input':
   * all splits are done and no more will come. `splitFinished` is called when a split has been read
   * to its end, so it stops holding back the source's watermark.
   */
  pollNext(outputForSplit: (splitId: string) => ReaderOutput<T>, splitFinished: (splitId: string) => void): PollStatus;
  /** Resolves when pollNext may have data again. */
  isAvailable(): Promise<void>;
  addSplits(splits: readonly S[]): void;
  notifyNoMoreSplits(): void;
  /** The assigned, unfinished splits with their current positions. Must be plain data. */
  snapshotState(checkpointId: number): S[];
  notifyCheckpointComplete?(checkpointId: number): void;
  close(): void | Promise<void>;
}

export interface Source<T, S extends SourceSplit = SourceSplit, E = unknown> {
  readonly boundedness: Boundedness;
  createEnumerator(ctx: SplitEnumeratorContext<S>, restored: E | undefined): SplitEnumerator<S, E>;
  createReader(ctx: SourceReaderContext): SourceReader<T, S>;
}
