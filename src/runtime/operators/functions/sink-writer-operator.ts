// Drives a two-phase-commit Sink: the writer writes records; at a checkpoint it flushes and
// pre-commits, and the committables go into the checkpoint; when the checkpoint completes they are
// committed. Committables restored from a checkpoint are committed again at open (commits are
// idempotent), so a crash between checkpoint and commit loses nothing.
//
//   write ... snapshotState(n): flush, prepareCommit -> pending[n] (in state)
//             notifyCheckpointComplete(n): commit pending[<= n]
//   endInput: flush(true), prepareCommit -> pending[next checkpoint, or finish() without checkpoints]
import { WeirError } from '../../../core/errors.ts';
import type { ListState } from '../../../state/keyed-state.ts';
import type { Committer, Sink, SinkWriter } from '../../sink/sink.ts';
import type { OperatorContext, StreamOperator } from '../stream-operator.ts';

/** The committables of one checkpoint, as kept in operator state until committed. */
export interface CheckpointCommittables<C> {
  readonly checkpointId: number;
  readonly committables: readonly C[];
}

export const WRITER_STATE = 'writer-state';
export const COMMITTABLES_STATE = 'committables';

function isPromise(x: unknown): x is Promise<unknown> {
  return typeof (x as { then?: unknown } | undefined)?.then === 'function';
}

export class SinkWriterOperator<T, C> implements StreamOperator<T, never> {
  readonly #sink: Sink<T, C>;
  #ctx!: OperatorContext<never>;
  #writer!: SinkWriter<T, C>;
  #committer: Committer<C> | undefined;
  #writerState!: ListState<unknown>;
  #committablesState!: ListState<CheckpointCommittables<C>>;
  /** In checkpoint order; kept until committed, so a snapshot during a commit still holds them. */
  #pending: CheckpointCommittables<C>[] = [];
  /** Prepared at endInput; the next checkpoint carries them, or finish() commits them. */
  #endOfInput: C[] = [];
  /** endInput's flush when the writer flushes asynchronously; prepareCommit runs after it. */
  #endOfInputFlush: Promise<void> | undefined;
  #endOfInputFlushed = true;
  /** Commits run one after another, in checkpoint order. */
  #commits: Promise<void> = Promise.resolve();

  constructor(sink: Sink<T, C>) {
    this.#sink = sink;
  }

  async open(ctx: OperatorContext<never>): Promise<void> {
    this.#ctx = ctx;
    this.#writerState = ctx.operatorState.getListState(WRITER_STATE);
    this.#committablesState = ctx.operatorState.getListState(COMMITTABLES_STATE);
    const { subtaskIndex, parallelism, attemptNumber } = ctx.runtime;
    this.#writer = this.#sink.createWriter(
      { subtaskIndex, parallelism, attemptNumber, processingTime: () => ctx.processingTime.now() },
      ctx.isRestored ? this.#writerState.get() : [],
    );
    this.#committer = this.#sink.createCommitter?.();
    if (ctx.isRestored) {
      const restored = this.#committablesState.get().sort((a, b) => a.checkpointId - b.checkpointId);
      for (const p of restored) await this.#commit(p);
      this.#committablesState.clear();
    }
  }

  processElement(value: T, timestamp: number): void {
    this.#writer.write(value, timestamp, this.#ctx.currentWatermark());
  }

  snapshotState(checkpointId: number): void {
    if (!this.#endOfInputFlushed) throw this.#asyncFlushError('the final checkpoint');
    const flushed = this.#writer.flush(false);
    if (isPromise(flushed)) {
      flushed.catch(() => {}); // the error below is the one to report
      throw this.#asyncFlushError(`checkpoint ${checkpointId}`);
    }
    const committables = [...this.#endOfInput, ...this.#writer.prepareCommit()];
    this.#endOfInput = [];
    if (this.#committer) {
      if (committables.length > 0) this.#pending.push({ checkpointId, committables });
      this.#committablesState.update(this.#pending);
    }
    this.#writerState.update(this.#writer.snapshotState(checkpointId));
  }

  notifyCheckpointComplete(checkpointId: number): Promise<void> {
    return this.#enqueueCommit(checkpointId);
  }

  endInput(): void {
    const flushed = this.#writer.flush(true);
    if (!isPromise(flushed)) {
      this.#prepareEndOfInput();
      return;
    }
    this.#endOfInputFlushed = false;
    this.#endOfInputFlush = flushed.then(() => {
      this.#endOfInputFlushed = true;
      this.#prepareEndOfInput();
    });
    this.#endOfInputFlush.catch(() => {}); // finish() awaits it and reports the error
  }

  /** A job without checkpoints ends: commit everything still pending. */
  async finish(): Promise<void> {
    await this.#endOfInputFlush;
    await this.#enqueueCommit(Infinity);
    const committables = this.#endOfInput;
    this.#endOfInput = [];
    if (this.#committer && committables.length > 0) await this.#committer.commit(committables);
  }

  close(): void | Promise<void> {
    return this.#writer?.close();
  }

  #prepareEndOfInput(): void {
    this.#endOfInput.push(...this.#writer.prepareCommit());
  }

  /** Commits every pending checkpoint up to `checkpointId`, after the commits already running. */
  #enqueueCommit(checkpointId: number): Promise<void> {
    const run = async (): Promise<void> => {
      for (const p of this.#pending.filter((q) => q.checkpointId <= checkpointId)) {
        await this.#commit(p);
        this.#pending = this.#pending.filter((q) => q !== p);
      }
    };
    this.#commits = this.#commits.then(run, run);
    return this.#commits;
  }

  async #commit(p: CheckpointCommittables<C>): Promise<void> {
    if (this.#committer && p.committables.length > 0) await this.#committer.commit(p.committables);
  }

  #asyncFlushError(when: string): WeirError {
    return new WeirError(
      `sink writer of operator '${this.#ctx.runtime.operatorName}' returned a Promise from flush() at ${when}, ` +
      `but a checkpoint's snapshot is synchronous: flush must finish synchronously (write asynchronously after prepareCommit, or buffer in the committables)`,
    );
  }
}
