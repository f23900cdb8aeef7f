// Assigns files to readers that ask for work, in lexicographic order; in continuous mode it rescans the paths.
import { WeirError } from '../../core/errors.ts';
import type { SplitEnumerator, SplitEnumeratorContext } from '../../runtime/source/source.ts';
import { listFiles } from './file-discovery.ts';
import { fileSplitAtStart } from './file-split.ts';
import type { FileSplit } from './file-split.ts';

/** The enumerator's checkpointed state: plain arrays. */
export interface FileEnumeratorState {
  /** Every path ever discovered (assigned or not); a rescan only adds paths not in here. */
  readonly seenPaths: string[];
  /** Splits not yet assigned to any reader, in assignment order. */
  readonly unassigned: FileSplit[];
}

export interface FileEnumeratorOptions {
  readonly paths: readonly string[];
  /** Rescan interval in continuous mode; undefined for a bounded source. */
  readonly monitorIntervalMs: number | undefined;
}

export class FileSplitEnumerator implements SplitEnumerator<FileSplit, FileEnumeratorState> {
  private readonly ctx: SplitEnumeratorContext<FileSplit>;
  private readonly options: FileEnumeratorOptions;
  private readonly seen: Set<string>;
  private unassigned: FileSplit[];
  /** Readers that asked for a split we could not give yet (FIFO). */
  private waiting: number[] = [];
  private scanned = false;
  private scanning = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  /** A failed background rescan; surfaced on the next call from the coordinator. */
  private failure: unknown;

  constructor(ctx: SplitEnumeratorContext<FileSplit>, options: FileEnumeratorOptions, restored: FileEnumeratorState | undefined) {
    this.ctx = ctx;
    this.options = options;
    this.seen = new Set(restored?.seenPaths);
    this.unassigned = restored ? [...restored.unassigned] : [];
  }

  async start(): Promise<void> {
    // Also after a restore: a snapshot taken before the first scan finished has seen nothing yet.
    await this.scan();
    const interval = this.options.monitorIntervalMs;
    if (interval !== undefined && !this.closed) {
      this.timer = setInterval(() => void this.rescan(), interval);
      this.timer.unref();
    }
  }

  handleSplitRequest(subtask: number): void {
    this.throwIfFailed();
    if (!this.waiting.includes(subtask)) this.waiting.push(subtask);
    this.serveWaiting();
  }

  addSplitsBack(splits: readonly FileSplit[]): void {
    this.unassigned.push(...splits);
    this.sortUnassigned();
    this.serveWaiting();
  }

  /** Readers pull their splits with a request; registering gives them nothing yet. */
  addReader(): void {}

  snapshotState(): FileEnumeratorState {
    this.throwIfFailed();
    return { seenPaths: [...this.seen], unassigned: this.unassigned.map((s) => ({ ...s })) };
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  private async rescan(): Promise<void> {
    if (this.scanning || this.closed) return;
    try {
      await this.scan();
    } catch (e) {
      this.failure ??= e;
    }
  }

  private async scan(): Promise<void> {
    this.scanning = true;
    try {
      const files = await listFiles(this.options.paths);
      if (this.closed) return;
      for (const path of files) {
        if (this.seen.has(path)) continue;
        this.seen.add(path);
        this.unassigned.push(fileSplitAtStart(path));
      }
      this.sortUnassigned();
      this.scanned = true;
      this.serveWaiting();
    } finally {
      this.scanning = false;
    }
  }

  private serveWaiting(): void {
    const bounded = this.options.monitorIntervalMs === undefined;
    const stillWaiting: number[] = [];
    for (const subtask of this.waiting) {
      const split = this.unassigned.shift();
      if (split) this.ctx.assignSplits(subtask, [split]);
      else if (bounded && this.scanned) this.ctx.signalNoMoreSplits(subtask);
      else stillWaiting.push(subtask);
    }
    this.waiting = stillWaiting;
  }

  private sortUnassigned(): void {
    this.unassigned.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private throwIfFailed(): void {
    if (this.failure === undefined) return;
    const reason = this.failure instanceof Error ? this.failure.message : String(this.failure);
    throw new WeirError(`file source: rescanning ${this.options.paths.join(', ')} failed: ${reason}`, { cause: this.failure });
  }
}
