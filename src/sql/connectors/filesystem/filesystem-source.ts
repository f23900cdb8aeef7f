// The filesystem table source: the runtime's file source (splits = files, positions = byte offset
// and line, so restores are exact) read line by line, each line decoded by the table's row format
// into 0..n changelog rows. Bounded, or continuous when 'source.monitor-interval' is set.
import type { Row } from '../../../core/row.ts';
import { FileSplitEnumerator, type FileEnumeratorState } from '../../../connectors/file/file-enumerator.ts';
import { FileSourceReader } from '../../../connectors/file/file-reader.ts';
import type { FileSplit } from '../../../connectors/file/file-split.ts';
import type { LineFormat } from '../../../formats/line-format.ts';
import type {
  Boundedness, PollStatus, ReaderOutput, Source, SourceReader, SourceReaderContext, SplitEnumerator, SplitEnumeratorContext,
} from '../../../runtime/source/source.ts';
import type { FilesystemTable } from './filesystem-table.ts';

export interface FilesystemSourceOptions {
  readonly table: FilesystemTable;
  readonly metadataKeys: readonly string[];
  readonly monitorIntervalMs: number | undefined;
}

/** Lines per poll and bytes per read, as the DataStream file source's defaults. */
const MAX_LINES_PER_POLL = 1000;
const READ_CHUNK_SIZE = 1 << 20;

export class FilesystemSource implements Source<Row, FileSplit, FileEnumeratorState> {
  readonly boundedness: Boundedness;
  readonly #o: FilesystemSourceOptions;

  constructor(options: FilesystemSourceOptions) {
    this.#o = options;
    this.boundedness = options.monitorIntervalMs === undefined ? 'bounded' : 'continuous';
  }

  createEnumerator(ctx: SplitEnumeratorContext<FileSplit>, restored: FileEnumeratorState | undefined): SplitEnumerator<FileSplit, FileEnumeratorState> {
    return new FileSplitEnumerator(ctx, { paths: [this.#o.table.basePath], monitorIntervalMs: this.#o.monitorIntervalMs }, restored);
  }

  createReader(ctx: SourceReaderContext): SourceReader<Row, FileSplit> {
    // One decoder per reader, so skipped lines are counted by this subtask.
    const decode = this.#o.table.rowDecoder(this.#o.metadataKeys, (reason) => ctx.countSkipped(reason));
    // The line format hands back one shared batch per line; the reader below emits its rows at once.
    const batch: Row[] = [];
    const push = (row: Row): void => { batch.push(row); };
    const format: LineFormat<Row[]> = {
      skipEmptyLines: false,
      decode(line, source, lineNumber) {
        batch.length = 0;
        decode(line, source, lineNumber, push);
        return batch;
      },
    };
    const inner = new FileSourceReader<Row[]>(ctx, { format, ignoreParseErrors: false, readChunkSize: READ_CHUNK_SIZE, maxLinesPerPoll: MAX_LINES_PER_POLL });
    return new FlatteningReader(inner);
  }
}

/** Emits the rows of each decoded line one by one, to the output of the line's split (file). */
class FlatteningReader implements SourceReader<Row, FileSplit> {
  readonly #inner: SourceReader<Row[], FileSplit>;

  constructor(inner: SourceReader<Row[], FileSplit>) {
    this.#inner = inner;
  }

  start(): void | Promise<void> {
    return this.#inner.start();
  }

  pollNext(outputForSplit: (splitId: string) => ReaderOutput<Row>, splitFinished: (splitId: string) => void): PollStatus {
    // The file reader asks for a split's output once per batch of lines, so a wrapper per call is cheap.
    return this.#inner.pollNext((splitId): ReaderOutput<Row[]> => {
      const target = outputForSplit(splitId);
      return { collect: (rows) => { for (let i = 0; i < rows.length; i++) target.collect(rows[i]!); } };
    }, splitFinished);
  }

  isAvailable(): Promise<void> {
    return this.#inner.isAvailable();
  }

  addSplits(splits: readonly FileSplit[]): void {
    this.#inner.addSplits(splits);
  }

  notifyNoMoreSplits(): void {
    this.#inner.notifyNoMoreSplits();
  }

  snapshotState(checkpointId: number): FileSplit[] {
    return this.#inner.snapshotState(checkpointId);
  }

  close(): void | Promise<void> {
    return this.#inner.close();
  }
}
