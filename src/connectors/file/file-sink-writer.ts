// Writes records into part files per bucket: hidden in-progress files, closed ("pending") when rolled, and
// handed to the committer, which makes them visible once the checkpoint that contains them completes.
//
//   write ─► .part-<start ms>-0-1a2b3c-000007.inprogress.<uuid>   (open, buffered; hidden from readers)
//   roll (policy, or every checkpoint) ─► same file synced and closed = pending, listed for prepareCommit
//   checkpoint completes ─► committer renames it to part-<start ms>-0-1a2b3c-000007 (visible, never touched again)
//
// Simplification of Flink: every checkpoint (flush) rolls all open part files, so no file stays open
// across a checkpoint and a restore never has to resume or truncate one. In-progress files of a failed
// attempt are never part of a committable; they stay hidden, as in Flink, and nothing deletes them
// after a restart, so a pending file whose committable is committed again is never at risk.
// Part names are unique across restarts and savepoints because each writer instance gets its start
// time and a random id.
import { closeSync, fsyncSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { join, relative, resolve, sep } from 'node:path';
import { WeirError } from '../../core/errors.ts';
import type { Encoder } from '../../formats/encoder.ts';
import type { SinkWriter, SinkWriterContext } from '../../runtime/sink/sink.ts';
import type { BucketAssigner, BucketContext } from './bucket-assigner.ts';
import type { FileCommittable } from './file-committer.ts';
import type { OutputFileConfig } from './output-file-config.ts';
import type { PartFileInfo, RollingPolicy } from './rolling-policy.ts';

export interface FileSinkWriterOptions<T> {
  readonly basePath: string;
  readonly encoder: Encoder<T>;
  readonly bucketAssigner: BucketAssigner<T>;
  readonly rollingPolicy: RollingPolicy<T>;
  readonly outputFileConfig: OutputFileConfig;
  /** How often open part files are checked against the policy's time limits. */
  readonly bucketCheckIntervalMs: number;
}

type Mutable<X> = { -readonly [K in keyof X]: X[K] };

/** Encoded records are written once this many bytes are buffered for a part file. */
const WRITE_BUFFER_BYTES = 256 * 1024;

interface OpenPart extends PartFileInfo {
  readonly fd: number;
  readonly committable: FileCommittable;
  lastUpdateTime: number;
  size: number;
  chunks: string[];
  buffered: number;
}

export class FileSinkWriter<T> implements SinkWriter<T, FileCommittable> {
  private readonly ctx: SinkWriterContext;
  private readonly options: FileSinkWriterOptions<T>;
  private readonly writerId: string;
  private counter = 0;
  private readonly open = new Map<string, OpenPart>();
  /** Rolled since the last prepareCommit. */
  private pending: FileCommittable[] = [];
  private nextCheck: number;
  /** Reused for every record, to save an allocation per write. */
  private readonly bucketCtx: Mutable<BucketContext>;

  constructor(ctx: SinkWriterContext, options: FileSinkWriterOptions<T>) {
    this.ctx = ctx;
    this.options = options;
    // Start time first and a padded counter: part files sort in the order they were written, also
    // across restores, so a changelog written to files (debezium-json, ...) replays in order.
    this.writerId = `${String(Date.now()).padStart(13, '0')}-${ctx.subtaskIndex}-${randomBytes(3).toString('hex')}`;
    this.nextCheck = ctx.processingTime() + options.bucketCheckIntervalMs;
    this.bucketCtx = { timestamp: 0, watermark: 0, processingTime: () => ctx.processingTime() };
  }

  write(value: T, timestamp: number, watermark: number): void {
    const now = this.ctx.processingTime();
    this.bucketCtx.timestamp = timestamp;
    this.bucketCtx.watermark = watermark;
    const bucketId = this.options.bucketAssigner.getBucketId(value, this.bucketCtx);
    let part = this.open.get(bucketId);
    if (part && this.options.rollingPolicy.shouldRollOnEvent(part, value)) {
      this.roll(part);
      part = undefined;
    }
    part ??= this.openPart(bucketId, now);
    const text = this.options.encoder.encode(value);
    const bytes = Buffer.byteLength(text);
    part.chunks.push(text);
    part.buffered += bytes;
    part.size += bytes;
    part.lastUpdateTime = now;
    if (part.buffered >= WRITE_BUFFER_BYTES) writeOut(part);
    if (now >= this.nextCheck) this.rollOnProcessingTime(now);
  }

  /** At a checkpoint and at end of input alike: roll every open part file, so all data is in pending files. */
  flush(_endOfInput: boolean): void {
    for (const part of this.open.values()) this.roll(part);
  }

  prepareCommit(): FileCommittable[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Nothing to restore: no part file is open across a checkpoint, and part names never repeat. */
  snapshotState(_checkpointId: number): unknown[] {
    return [];
  }

  /** Deletes files that no committable will ever name: the open ones and those rolled since prepareCommit. */
  close(): void {
    for (const part of this.open.values()) {
      closeSync(part.fd);
      this.remove(part.committable);
    }
    this.open.clear();
    for (const c of this.pending) this.remove(c);
    this.pending = [];
  }

  private openPart(bucketId: string, now: number): OpenPart {
    const { basePath, outputFileConfig } = this.options;
    const dir = resolve(basePath, bucketId);
    if (dir !== basePath && !dir.startsWith(basePath + sep)) {
      throw new WeirError(`file sink: bucket id '${bucketId}' points outside the base path ${basePath}`);
    }
    mkdirSync(dir, { recursive: true });
    const name = `${outputFileConfig.partPrefix}-${this.writerId}-${String(this.counter++).padStart(6, '0')}${outputFileConfig.partSuffix}`;
    const inProgress = join(dir, `.${name}.inprogress.${randomUUID()}`);
    const part: OpenPart = {
      bucketId,
      fd: openSync(inProgress, 'wx'),
      committable: { pendingPath: relative(basePath, inProgress), finalPath: relative(basePath, join(dir, name)) },
      creationTime: now,
      lastUpdateTime: now,
      size: 0,
      chunks: [],
      buffered: 0,
    };
    this.open.set(bucketId, part);
    return part;
  }

  private roll(part: OpenPart): void {
    writeOut(part);
    fsyncSync(part.fd);
    closeSync(part.fd);
    this.open.delete(part.bucketId);
    this.pending.push(part.committable);
  }

  private rollOnProcessingTime(now: number): void {
    for (const part of this.open.values()) {
      if (this.options.rollingPolicy.shouldRollOnProcessingTime(part, now)) this.roll(part);
    }
    this.nextCheck = now + this.options.bucketCheckIntervalMs;
  }

  private remove(c: FileCommittable): void {
    try {
      unlinkSync(resolve(this.options.basePath, c.pendingPath));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

function writeOut(part: OpenPart): void {
  if (part.buffered === 0) return;
  const data = Buffer.from(part.chunks.join(''));
  part.chunks = [];
  part.buffered = 0;
  for (let done = 0; done < data.length; ) done += writeSync(part.fd, data, done);
}
