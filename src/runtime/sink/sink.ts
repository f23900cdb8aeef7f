// The two-phase-commit sink contract: a writer per subtask writes or buffers records; at a
// checkpoint barrier it flushes and pre-commits, handing committables into the checkpoint; when
// the checkpoint completes the committer commits them. Commit must be idempotent, because
// committables restored from a checkpoint are committed again.

export interface SinkWriterContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly attemptNumber: number;
  processingTime(): number;
}

export interface SinkWriter<T, C> {
  /** Synchronous: buffer or write; large writes happen in batches, not per record. */
  write(value: T, timestamp: number, watermark: number): void;
  /** Called at a barrier (and at end of input with endOfInput = true) before prepareCommit. */
  flush(endOfInput: boolean): void | Promise<void>;
  /** Committables for everything flushed since the last call. */
  prepareCommit(): C[];
  /** Writer state (for example in-progress files) to resume from after a restore. */
  snapshotState(checkpointId: number): unknown[];
  close(): void | Promise<void>;
}

export interface Committer<C> {
  /** Commits; must be idempotent (a committable may be committed again after a restore). */
  commit(committables: readonly C[]): void | Promise<void>;
}

export interface Sink<T, C = unknown> {
  createWriter(ctx: SinkWriterContext, restoredState: readonly unknown[]): SinkWriter<T, C>;
  /** Undefined for sinks without a commit phase (at-least-once). */
  createCommitter?(): Committer<C>;
}
