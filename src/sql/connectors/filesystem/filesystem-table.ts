// How a filesystem table maps onto files: which columns are stored in the files (all but the
// partition columns, as in Flink), which come from the partition directories, the row format with
// its options, and where each metadata value comes from.
import { statSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { ConfigError } from '../../../core/errors.ts';
import type { Row } from '../../../core/row.ts';
import { Types, type LogicalType, type RowType } from '../../../core/types/logical-type.ts';
import type { RowDecoder, RowFormatFactory } from '../../../formats/row-format.ts';
import type { TableContext } from '../table-connector.ts';
import { partitionValuesReader } from './partition-path.ts';

export const DEFAULT_PARTITION_NAME = '__DEFAULT_PARTITION__';

/** Metadata the filesystem itself provides, as Flink's filesystem connector. */
export const FILE_METADATA: Readonly<Record<string, LogicalType>> = {
  'file.path': Types.STRING(false),
  'file.name': Types.STRING(false),
  'file.size': Types.BIGINT(false),
  'file.modification-time': Types.TIMESTAMP_LTZ(3, false),
};

/** A format's metadata key as written in SQL: bare (`source.table`) or with Kafka's `value.` prefix. */
export function formatMetadataKey(key: string, format: RowFormatFactory): string | undefined {
  if (format.readableMetadata[key]) return key;
  if (key.startsWith('value.') && format.readableMetadata[key.slice(6)]) return key.slice(6);
  return undefined;
}

export class FilesystemTable {
  readonly basePath: string;
  readonly format: RowFormatFactory;
  /** The format's options with the `<format>.` prefix stripped. */
  readonly formatOptions: Record<string, string>;
  readonly physicalType: RowType;
  /** Physical indexes of the columns stored in files, and their row type. */
  readonly dataIndexes: readonly number[];
  readonly dataType: RowType;
  readonly partitionIndexes: readonly number[];
  readonly defaultPartitionName: string;

  constructor(ctx: TableContext, format: RowFormatFactory) {
    const path = ctx.options['path'];
    if (path === undefined) throw new ConfigError('path', "One or more required options are missing.\n\nMissing required options are:\n\npath");
    this.basePath = resolve(path);
    this.format = format;
    const prefix = format.identifier + '.';
    this.formatOptions = Object.fromEntries(Object.entries(ctx.options).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
    this.physicalType = ctx.physicalType;
    const { names, types } = ctx.physicalType;
    const partitionIndexes = ctx.partitionKeys.map((k) => {
      const i = names.indexOf(k);
      if (i < 0) throw new ConfigError('partition', `Partition column '${k}' is not a physical column of the table; columns: ${names.join(', ')}`);
      return i;
    });
    this.partitionIndexes = partitionIndexes;
    this.dataIndexes = names.map((_, i) => i).filter((i) => !partitionIndexes.includes(i));
    this.dataType = { names: this.dataIndexes.map((i) => names[i]!), types: this.dataIndexes.map((i) => types[i]!) };
    this.defaultPartitionName = ctx.options['partition.default-name'] ?? DEFAULT_PARTITION_NAME;
  }

  /**
   * A decoder of one file line to full table rows (physical fields in table order, then the
   * metadata values in `metadataKeys` order), for the file at `path`.
   */
  rowDecoder(metadataKeys: readonly string[], onSkip: ((reason: string) => void) | undefined): (line: string, path: string, lineNumber: number, out: (row: Row) => void) => void {
    const formatKeys: string[] = [];
    const plan = metadataKeys.map((key) => {
      const k = formatMetadataKey(key, this.format);
      if (k !== undefined) return { kind: 'format' as const, index: formatKeys.push(k) - 1 };
      if (FILE_METADATA[key]) return { kind: 'file' as const, key };
      throw new ConfigError('metadata', `Invalid metadata key '${key}' for the filesystem connector with format '${this.format.identifier}'. Supported keys are: ${Object.keys(filesystemMetadata(this.format)).join(', ')}`);
    });
    const decoder: RowDecoder = this.format.createDecoder({ physicalType: this.dataType, metadataKeys: formatKeys, options: this.formatOptions, source: this.basePath, onSkip });
    const passThrough = this.partitionIndexes.length === 0 && plan.every((p, i) => p.kind === 'format' && p.index === i);
    if (passThrough) return (line, path, lineNumber, out) => decoder.decode(line, out, { line: lineNumber, source: path });

    const width = this.physicalType.names.length;
    const dataWidth = this.dataIndexes.length;
    const partitionNames = this.partitionIndexes.map((i) => this.physicalType.names[i]!);
    const partitionTypes = this.partitionIndexes.map((i) => this.physicalType.types[i]!);
    const readPartitions = partitionValuesReader(partitionNames, partitionTypes, this.defaultPartitionName);
    let lastPath = '';
    let partitionValues: unknown[] = [];
    let fileValues: Record<string, unknown> = {};
    return (line, path, lineNumber, out) => {
      if (path !== lastPath) {
        lastPath = path;
        partitionValues = readPartitions(relative(this.basePath, path));
        fileValues = plan.some((p) => p.kind === 'file') ? fileMetadata(path) : {};
      }
      decoder.decode(line, (decoded) => {
        const fields = new Array<unknown>(width + plan.length);
        for (let d = 0; d < dataWidth; d++) fields[this.dataIndexes[d]!] = decoded.fields[d];
        for (let p = 0; p < this.partitionIndexes.length; p++) fields[this.partitionIndexes[p]!] = partitionValues[p];
        for (let m = 0; m < plan.length; m++) {
          const step = plan[m]!;
          fields[width + m] = step.kind === 'format' ? decoded.fields[dataWidth + step.index] : fileValues[step.key];
        }
        out({ kind: decoded.kind, fields });
      }, { line: lineNumber, source: path });
    };
  }
}

/** What a filesystem table can read: the format's metadata under both spellings (bare and `value.`), and the file's own. */
export function filesystemMetadata(format: RowFormatFactory | undefined): Record<string, LogicalType> {
  const out: Record<string, LogicalType> = {};
  for (const [k, t] of Object.entries(format?.readableMetadata ?? {})) {
    out[k] = t;
    out['value.' + k] = t;
  }
  return { ...out, ...FILE_METADATA };
}

function fileMetadata(path: string): Record<string, unknown> {
  const info = statSync(path);
  const size = info.size;
  return { 'file.path': path, 'file.name': basename(path), 'file.size': size, 'file.modification-time': Math.floor(info.mtimeMs) };
}
