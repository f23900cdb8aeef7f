// The file source (Flink's FileSource): files and directories read line by line through a LineFormat,
// bounded, or continuously monitored for new files.
//
//   const lines = FileSource.textLines('/data/in').build();
//   const events = FileSource.jsonLines<Event>('/data/events').monitorContinuously(10_000).ignoreParseErrors().build();
//   const rows = FileSource.csv('/data/rows.csv', { header: true, columns: [{ name: 'qty', type: 'number' }] }).build();
import { resolve } from 'node:path';
import { ConfigError } from '../../core/errors.ts';
import { CsvLineFormat } from '../../formats/csv/csv-line-format.ts';
import type { CsvOptions, CsvRecord } from '../../formats/csv/csv-options.ts';
import { JsonLineFormat } from '../../formats/json/json-line-format.ts';
import type { LineFormat } from '../../formats/line-format.ts';
import { TextLineFormat } from '../../formats/text/text-line-format.ts';
import type { Boundedness, Source, SourceReaderContext, SplitEnumeratorContext } from '../../runtime/source/source.ts';
import { FileSplitEnumerator } from './file-enumerator.ts';
import type { FileEnumeratorState } from './file-enumerator.ts';
import { FileSourceReader } from './file-reader.ts';
import type { FileSplit } from './file-split.ts';

export interface FileSourceOptions<T> {
  readonly format: LineFormat<T>;
  /** Absolute paths of files or directories (read recursively, hidden entries skipped). */
  readonly paths: readonly string[];
  /** Rescan interval for new files; undefined reads what exists at start and ends. */
  readonly monitorIntervalMs: number | undefined;
  readonly ignoreParseErrors: boolean;
  readonly readChunkSize: number;
  readonly maxLinesPerPoll: number;
}

export class FileSource<T> implements Source<T, FileSplit, FileEnumeratorState> {
  readonly boundedness: Boundedness;
  readonly options: FileSourceOptions<T>;

  constructor(options: FileSourceOptions<T>) {
    this.options = options;
    this.boundedness = options.monitorIntervalMs === undefined ? 'bounded' : 'continuous';
  }

  static forRecordFormat<T>(format: LineFormat<T>, ...paths: string[]): FileSourceBuilder<T> {
    return new FileSourceBuilder(format, paths);
  }

  /** Each line is a string record; empty lines included. */
  static textLines(...paths: string[]): FileSourceBuilder<string> {
    return FileSource.forRecordFormat(new TextLineFormat(), ...paths);
  }

  /** Each non-empty line is one JSON document. */
  static jsonLines<T = unknown>(...paths: string[]): FileSourceBuilder<T> {
    return FileSource.forRecordFormat(new JsonLineFormat<T>(), ...paths);
  }

  /** Each non-empty line is a CSV record; see CsvOptions for header and typed columns. */
  static csv<T = CsvRecord>(path: string | readonly string[], options: CsvOptions = {}): FileSourceBuilder<T> {
    return FileSource.forRecordFormat(new CsvLineFormat<T>(options), ...(typeof path === 'string' ? [path] : path));
  }

  createEnumerator(ctx: SplitEnumeratorContext<FileSplit>, restored: FileEnumeratorState | undefined): FileSplitEnumerator {
    return new FileSplitEnumerator(ctx, { paths: this.options.paths, monitorIntervalMs: this.options.monitorIntervalMs }, restored);
  }

  createReader(ctx: SourceReaderContext): FileSourceReader<T> {
    return new FileSourceReader(ctx, this.options);
  }
}

export class FileSourceBuilder<T> {
  private readonly format: LineFormat<T>;
  private readonly paths: readonly string[];
  private monitorIntervalMs: number | undefined;
  private skipBadLines = false;
  private readChunkSize = 1 << 20;
  private maxLinesPerPoll = 1000;

  constructor(format: LineFormat<T>, paths: readonly string[]) {
    if (paths.length === 0) throw new ConfigError('path', 'a file source needs at least one file or directory path');
    this.format = format;
    this.paths = paths.map((p) => resolve(p));
  }

  /** Keeps running and picks up files that appear under the paths, checking every `intervalMs`. */
  monitorContinuously(intervalMs: number): this {
    positive('source.monitor-interval', intervalMs);
    this.monitorIntervalMs = intervalMs;
    return this;
  }

  /** Skips lines the format rejects, counting them as skipped records, instead of failing the job. */
  ignoreParseErrors(): this {
    this.skipBadLines = true;
    return this;
  }

  /** Bytes per file read (default 1 MiB). */
  withReadChunkSize(bytes: number): this {
    positive('source.read-chunk-size', bytes);
    this.readChunkSize = bytes;
    return this;
  }

  /** Lines handled per poll of the reader (default 1000), bounding the time one poll takes. */
  withMaxLinesPerPoll(lines: number): this {
    positive('source.max-lines-per-poll', lines);
    this.maxLinesPerPoll = lines;
    return this;
  }

  build(): FileSource<T> {
    return new FileSource({
      format: this.format,
      paths: this.paths,
      monitorIntervalMs: this.monitorIntervalMs,
      ignoreParseErrors: this.skipBadLines,
      readChunkSize: this.readChunkSize,
      maxLinesPerPoll: this.maxLinesPerPoll,
    });
  }
}

function positive(key: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(key, `${key} must be a positive integer, got ${value}`);
}
