// Reads its assigned files one after another: large chunks are fetched in the background, and pollNext
// decodes a bounded batch of whole lines from the buffer, tracking the byte offset and number of the next line.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { InputFormatError } from '../../core/errors.ts';
import type { LineFormat } from '../../formats/line-format.ts';
import type { PollStatus, ReaderOutput, SourceReader, SourceReaderContext } from '../../runtime/source/source.ts';
import type { FileSplit } from './file-split.ts';

export interface FileReaderOptions<T> {
  readonly format: LineFormat<T>;
  /** Skip lines the format rejects (counted with ctx.countSkipped) instead of failing. */
  readonly ignoreParseErrors: boolean;
  /** Bytes per read. */
  readonly readChunkSize: number;
  /** Lines handled per pollNext, so one call stays short. */
  readonly maxLinesPerPoll: number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The file being read. `buffer` holds bytes from file offset `bufferStart`; bytes before `pos` are
 * consumed, so the next line starts at file offset `bufferStart + pos`. A newline byte never occurs
 * inside a multi-byte UTF-8 character, so decoding whole lines never splits a character.
 */
interface ActiveFile {
  readonly split: FileSplit;
  handle: FileHandle | undefined;
  buffer: Buffer;
  bufferStart: number;
  pos: number;
  /** No newline between pos and scanFrom: the next search starts here (keeps long lines linear). */
  scanFrom: number;
  line: number;
  header: readonly string[] | undefined;
  eof: boolean;
  reading: boolean;
}

export class FileSourceReader<T> implements SourceReader<T, FileSplit> {
  private readonly ctx: SourceReaderContext;
  private readonly options: FileReaderOptions<T>;
  private readonly queue: FileSplit[] = [];
  private current: ActiveFile | undefined;
  private noMoreSplits = false;
  private awaitingSplit = false;
  private closed = false;
  private failure: unknown;
  private waiter: PromiseWithResolvers<void> | undefined;

  constructor(ctx: SourceReaderContext, options: FileReaderOptions<T>) {
    this.ctx = ctx;
    this.options = options;
  }

  start(): void {
    if (!this.current && this.queue.length === 0) this.requestSplit();
  }

  addSplits(splits: readonly FileSplit[]): void {
    this.queue.push(...splits);
    this.awaitingSplit = false;
    this.signal();
  }

  notifyNoMoreSplits(): void {
    this.noMoreSplits = true;
    this.awaitingSplit = false;
    this.signal();
  }

  pollNext(outputForSplit: (splitId: string) => ReaderOutput<T>, splitFinished: (splitId: string) => void): PollStatus {
    if (this.failure !== undefined) throw this.failure;
    let budget = this.options.maxLinesPerPoll;
    while (budget > 0) {
      const file = this.current ?? this.startNextSplit();
      if (file === undefined) break;
      budget -= this.emitLines(file, outputForSplit(file.split.splitId), budget);
      if (budget === 0) break;
      // The budget is left, so no whole line is buffered: the file is done, or we must wait for bytes.
      if (!file.eof) return 'nothing-available';
      this.finishSplit(file);
      splitFinished(file.split.splitId);
    }
    if (budget === 0) return 'more';
    if (this.noMoreSplits && this.queue.length === 0) return 'end-of-input';
    return 'nothing-available';
  }

  isAvailable(): Promise<void> {
    if (this.failure !== undefined || this.canProgress()) return Promise.resolve();
    this.waiter ??= Promise.withResolvers<void>();
    return this.waiter.promise;
  }

  snapshotState(): FileSplit[] {
    const file = this.current;
    const splits = this.queue.map((s) => ({ ...s }));
    if (file === undefined) return splits;
    const position: FileSplit = { ...file.split, offset: file.bufferStart + file.pos, line: file.line };
    return [file.header ? { ...position, header: [...file.header] } : position, ...splits];
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    const handle = this.current?.handle;
    this.current = undefined;
    this.signal();
    await handle?.close();
  }

  /** Decodes and emits up to `budget` whole lines; returns how many lines it consumed. */
  private emitLines(file: ActiveFile, output: ReaderOutput<T>, budget: number): number {
    const { format, ignoreParseErrors } = this.options;
    const source = file.split.path;
    let consumed = 0;
    while (consumed < budget) {
      const buf = file.buffer;
      const newline = buf.indexOf(NEWLINE, file.scanFrom);
      let end: number;
      let next: number;
      if (newline !== -1) {
        end = newline;
        next = newline + 1;
      } else if (file.eof && file.pos < buf.length) {
        end = buf.length; // the last line has no newline
        next = buf.length;
      } else {
        file.scanFrom = buf.length;
        break;
      }
      if (end > file.pos && buf[end - 1] === CARRIAGE_RETURN) end--;
      const text = buf.toString('utf8', file.pos, end);
      const lineNumber = file.line++;
      file.pos = file.scanFrom = next;
      consumed++;
      if (text === '' && format.skipEmptyLines) continue;
      if (format.parseHeader && file.header === undefined) {
        // A bad header makes the whole file unreadable, so it fails even with ignoreParseErrors.
        file.header = format.parseHeader(text, source, lineNumber);
        continue;
      }
      let value: T;
      try {
        value = format.decode(text, source, lineNumber, file.header);
      } catch (e) {
        if (!ignoreParseErrors || !(e instanceof InputFormatError)) throw e;
        this.ctx.countSkipped(e.message);
        continue;
      }
      output.collect(value);
    }
    this.fetch(file);
    return consumed;
  }

  private startNextSplit(): ActiveFile | undefined {
    const split = this.queue.shift();
    if (split === undefined) return undefined;
    const file: ActiveFile = {
      split,
      handle: undefined,
      buffer: Buffer.alloc(0),
      bufferStart: split.offset,
      pos: 0,
      scanFrom: 0,
      line: split.line,
      header: split.header,
      eof: false,
      reading: false,
    };
    this.current = file;
    this.fetch(file);
    return file;
  }

  private finishSplit(file: ActiveFile): void {
    this.current = undefined;
    file.handle?.close().catch((e: unknown) => this.fail(e));
    if (this.queue.length === 0) this.requestSplit();
  }

  private requestSplit(): void {
    if (this.noMoreSplits || this.awaitingSplit) return;
    this.awaitingSplit = true;
    this.ctx.sendSplitRequest();
  }

  /**
   * Starts a background read unless one runs or the file is exhausted. While a chunk's worth is
   * unread it waits, unless no whole line is left (a line longer than a chunk).
   */
  private fetch(file: ActiveFile): void {
    if (file.reading || file.eof) return;
    const noWholeLine = file.scanFrom === file.buffer.length;
    if (!noWholeLine && file.buffer.length - file.pos >= this.options.readChunkSize) return;
    file.reading = true;
    this.readChunk(file).then(
      () => {
        file.reading = false;
        this.signal();
      },
      (e: unknown) => this.fail(e),
    );
  }

  private async readChunk(file: ActiveFile): Promise<void> {
    file.handle ??= await open(file.split.path, 'r');
    const chunk = Buffer.allocUnsafe(this.options.readChunkSize);
    const position = file.bufferStart + file.buffer.length;
    const { bytesRead } = await file.handle.read(chunk, 0, chunk.length, position);
    // The reader was closed meanwhile (close() could not see a handle that was still opening).
    if (this.closed) {
      await file.handle.close();
      return;
    }
    if (bytesRead === 0) {
      file.eof = true;
      return;
    }
    // pollNext ran meanwhile: keep only the unconsumed bytes, then the new ones.
    const rest = file.buffer.subarray(file.pos);
    const read = chunk.subarray(0, bytesRead);
    file.buffer = rest.length === 0 ? read : Buffer.concat([rest, read]);
    file.bufferStart += file.pos;
    file.scanFrom -= file.pos;
    file.pos = 0;
  }

  /** Whether pollNext can make progress without waiting for a read or for splits. */
  private canProgress(): boolean {
    const file = this.current;
    if (file) return !file.reading || file.buffer.indexOf(NEWLINE, file.scanFrom) !== -1;
    return this.queue.length > 0 || this.noMoreSplits || this.closed;
  }

  private fail(e: unknown): void {
    this.failure ??= e;
    this.signal();
  }

  private signal(): void {
    this.waiter?.resolve();
    this.waiter = undefined;
  }
}
