import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, WeirError } from '../../core/errors.ts';
import { NO_TIMESTAMP } from '../../core/stream-element.ts';
import { CsvEncoder } from '../../formats/csv/csv-encoder.ts';
import { JsonEncoder } from '../../formats/json/json-encoder.ts';
import { SimpleStringEncoder } from '../../formats/text/simple-string-encoder.ts';
import type { SinkWriterContext } from '../../runtime/sink/sink.ts';
import { BasePathBucketAssigner } from './base-path-bucket-assigner.ts';
import { DateTimeBucketAssigner } from './date-time-bucket-assigner.ts';
import { DefaultRollingPolicy } from './default-rolling-policy.ts';
import type { FileCommittable } from './file-committer.ts';
import { FileSink } from './file-sink.ts';
import { FileSource } from './file-source.ts';
import { OnCheckpointRollingPolicy } from './on-checkpoint-rolling-policy.ts';
import { SourceTestRunner } from './source-test-runner.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'weir-file-sink-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A writer context whose processing time the test sets. */
function context(subtaskIndex = 0, attemptNumber = 0): SinkWriterContext & { now: number } {
  return { subtaskIndex, parallelism: 1, attemptNumber, now: 1_000, processingTime() { return this.now; } };
}

/** All files under dir (relative, sorted); hidden ones only when asked. */
function files(dir: string, hidden = false): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && (hidden || !e.name.startsWith('.')))
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

function textSink(dir: string) {
  return FileSink.forRowFormat(dir, new SimpleStringEncoder<string>()).withBucketAssigner(new BasePathBucketAssigner()).build();
}

test('part files stay hidden until the checkpoint is committed', (t) => {
  const dir = tempDir(t);
  const sink = textSink(dir);
  const writer = sink.createWriter(context());
  const committer = sink.createCommitter();
  writer.write('a', NO_TIMESTAMP, NO_TIMESTAMP);
  writer.write('b', NO_TIMESTAMP, NO_TIMESTAMP);
  assert.deepEqual(files(dir), []);
  const [inProgress] = files(dir, true);
  assert.match(inProgress!, /^\.part-\d{13}-0-[0-9a-f]{6}-000000\.inprogress\.[0-9a-f-]{36}$/);

  writer.flush(false);
  const committables = writer.prepareCommit();
  assert.deepEqual(writer.snapshotState(1), []);
  assert.equal(committables.length, 1);
  assert.equal(committables[0]!.pendingPath, inProgress);
  assert.match(committables[0]!.finalPath, /^part-\d{13}-0-[0-9a-f]{6}-000000$/);
  assert.deepEqual(files(dir), [], 'pending until the checkpoint completes');

  committer.commit(committables);
  assert.deepEqual(files(dir, true), [committables[0]!.finalPath]);
  assert.equal(read(dir, committables[0]!.finalPath), 'a\nb\n');
});

test('committing again is a no-op; a vanished pending file is an error', (t) => {
  const dir = tempDir(t);
  const sink = textSink(dir);
  const writer = sink.createWriter(context());
  writer.write('x', NO_TIMESTAMP, NO_TIMESTAMP);
  writer.flush(false);
  const committables = writer.prepareCommit();
  const committer = sink.createCommitter();
  committer.commit(committables);
  committer.commit(committables);
  sink.createCommitter().commit(committables);
  assert.deepEqual(files(dir, true), [committables[0]!.finalPath]);
  assert.equal(read(dir, committables[0]!.finalPath), 'x\n');

  const lost: FileCommittable = { pendingPath: '.part-9-x-0.inprogress.y', finalPath: 'part-9-x-0' };
  assert.throws(() => committer.commit([lost]), (e: unknown) => e instanceof WeirError && /pending file .* is gone/.test(e.message));
});

test('each checkpoint rolls; files of uncommitted checkpoints stay invisible', (t) => {
  const dir = tempDir(t);
  const sink = textSink(dir);
  const writer = sink.createWriter(context());
  const committer = sink.createCommitter();
  writer.write('1', 0, 0);
  writer.flush(false);
  const cp1 = writer.prepareCommit();
  writer.write('2', 0, 0);
  writer.flush(false);
  const cp2 = writer.prepareCommit();
  assert.equal(writer.prepareCommit().length, 0, 'nothing new since the last prepareCommit');
  committer.commit(cp1);
  assert.deepEqual(files(dir).map((f) => read(dir, f)), ['1\n']);
  committer.commit(cp2);
  assert.deepEqual(files(dir).map((f) => read(dir, f)), ['1\n', '2\n']);
});

test('after a restore, committed files are never overwritten and leftovers stay hidden', (t) => {
  const dir = tempDir(t);
  const sink = textSink(dir);
  // Attempt 0: checkpoint 1 completes and commits; checkpoint 2 is taken, then the job fails before commit.
  const first = sink.createWriter(context(0, 0));
  first.write('a', 0, 0);
  first.flush(false);
  const cp1 = first.prepareCommit();
  const state1 = first.snapshotState(1);
  sink.createCommitter().commit(cp1);
  first.write('b', 0, 0);
  first.flush(false);
  const cp2 = first.prepareCommit();
  const state2 = first.snapshotState(2);
  first.write('c (lost, replayed after restore)', 0, 0);
  // The process dies: no close().

  // Attempt 1 restores checkpoint 2: its committables are committed again, the source replays 'c'.
  const second = sink.createWriter(context(0, 1), state2);
  sink.createCommitter().commit(cp2);
  second.write('c', 0, 0);
  second.flush(true);
  sink.createCommitter().commit(second.prepareCommit());
  assert.deepEqual(files(dir).map((f) => read(dir, f)).sort(), ['a\n', 'b\n', 'c\n']);

  // Restoring the older checkpoint 1 again (a savepoint) writes new names, never the committed ones.
  const before = new Map(files(dir).map((f) => [f, read(dir, f)]));
  const third = sink.createWriter(context(0, 2), state1);
  third.write('b again', 0, 0);
  third.flush(true);
  const cp = third.prepareCommit();
  assert.ok(!before.has(cp[0]!.finalPath));
  sink.createCommitter().commit(cp);
  for (const [f, content] of before) assert.equal(read(dir, f), content);
  assert.equal(files(dir).length, 4);
  // The in-progress file of attempt 0 is still there, hidden from readers.
  assert.equal(files(dir, true).filter((f) => f.startsWith('.')).length, 1);
});

test('end of input finishes everything: all buckets visible, nothing hidden left', (t) => {
  const dir = tempDir(t);
  const sink = FileSink.forRowFormat(dir, new JsonEncoder<{ k: string; n: number }>())
    .withBucketAssigner((v) => `k=${v.k}`)
    .withOutputFileConfig({ partPrefix: 'out', partSuffix: '.json' })
    .build();
  const writer = sink.createWriter(context());
  for (let n = 0; n < 6; n++) writer.write({ k: n % 2 ? 'odd' : 'even', n }, 0, 0);
  writer.flush(true);
  sink.createCommitter().commit(writer.prepareCommit());
  writer.close();
  const all = files(dir, true);
  assert.equal(all.length, 2);
  assert.match(all[0]!, /^k=even\/out-\d{13}-0-[0-9a-f]{6}-\d{6}\.json$/);
  assert.match(all[1]!, /^k=odd\/out-\d{13}-0-[0-9a-f]{6}-\d{6}\.json$/);
  assert.equal(read(dir, all[0]!), '{"k":"even","n":0}\n{"k":"even","n":2}\n{"k":"even","n":4}\n');
  assert.equal(read(dir, all[1]!), '{"k":"odd","n":1}\n{"k":"odd","n":3}\n{"k":"odd","n":5}\n');
});

test('date-time buckets by event timestamp, processing time without one', (t) => {
  const dir = tempDir(t);
  const sink = FileSink.forRowFormat(dir, new SimpleStringEncoder<string>()).build(); // default: yyyy-MM-dd--HH, UTC
  const ctx = context();
  ctx.now = Date.parse('2030-01-02T03:04:05Z');
  const writer = sink.createWriter(ctx);
  writer.write('late 13h', Date.parse('2024-05-01T13:59:59.999Z'), 0);
  writer.write('14h', Date.parse('2024-05-01T14:00:00Z'), 0);
  writer.write('no timestamp', NO_TIMESTAMP, 0);
  writer.write('13h again', Date.parse('2024-05-01T13:00:00Z'), 0);
  writer.flush(true);
  sink.createCommitter().commit(writer.prepareCommit());
  const byBucket = Object.fromEntries(files(dir).map((f) => [f.split('/')[0], read(dir, f)]));
  assert.deepEqual(byBucket, { '2024-05-01--13': 'late 13h\n13h again\n', '2024-05-01--14': '14h\n', '2030-01-02--03': 'no timestamp\n' });
});

test('date-time patterns: nested directories, literals, time zones, bad patterns', () => {
  const at = (ms: number) => ({ timestamp: ms, watermark: 0, processingTime: () => 0 });
  const ts = Date.parse('2024-05-01T22:30:15Z');
  assert.equal(new DateTimeBucketAssigner("'dt='yyyy/MM/dd'/h='HH").getBucketId('x', at(ts)), 'dt=2024/05/01/h=22');
  assert.equal(new DateTimeBucketAssigner('yyyy-MM-dd HH:mm:ss', 'Europe/Berlin').getBucketId('x', at(ts)), '2024-05-02 00:30:15');
  assert.equal(new DateTimeBucketAssigner('yyMMdd', 'America/New_York').getBucketId('x', at(ts)), '240501');
  assert.throws(() => new DateTimeBucketAssigner('yyyy-M-dd'), (e: unknown) => e instanceof ConfigError && e.message.includes("'M' is not supported"));
  assert.throws(() => new DateTimeBucketAssigner('yyyy', 'Mars/Olympus'), ConfigError);
});

test('DefaultRollingPolicy rolls by size before a record would start past the limit', (t) => {
  const dir = tempDir(t);
  const sink = FileSink.forRowFormat(dir, new SimpleStringEncoder<string>())
    .withBucketAssigner(new BasePathBucketAssigner())
    .withRollingPolicy(new DefaultRollingPolicy({ maxPartSizeBytes: 10 }))
    .build();
  const writer = sink.createWriter(context());
  for (const v of ['aaaa', 'bbbb', 'cccc', 'dd', 'eeeeeeeeeeeee', 'f']) writer.write(v, 0, 0);
  // 5+5 = 10 -> roll; 5+3 = 8, +14 = 22 -> roll; 2 at flush.
  assert.equal(files(dir, true).length, 3);
  writer.flush(false);
  const cps = writer.prepareCommit();
  sink.createCommitter().commit(cps);
  assert.deepEqual(cps.map((c) => read(dir, c.finalPath)), ['aaaa\nbbbb\n', 'cccc\ndd\neeeeeeeeeeeee\n', 'f\n']);
});

test('DefaultRollingPolicy rolls on rollover and inactivity intervals, checked every bucket check interval', (t) => {
  const dir = tempDir(t);
  const sink = FileSink.forRowFormat(dir, new SimpleStringEncoder<string>())
    .withBucketAssigner((v) => v[0]!)
    .withRollingPolicy(new DefaultRollingPolicy({ rolloverIntervalMs: 5_000, inactivityIntervalMs: 3_000 }))
    .withBucketCheckInterval(1_000)
    .build();
  const ctx = context();
  const writer = sink.createWriter(ctx);
  const at = (now: number, v: string) => { ctx.now = now; writer.write(v, 0, 0); };
  at(1_000, 'a1'); // a: created 1000
  at(1_500, 'b1'); // b: created 1500
  at(2_500, 'a2'); // check at 2500: nothing is due
  at(3_000, 'a3');
  at(5_000, 'a4'); // check at 5000: b inactive since 1500 (3500 >= 3000) -> rolled
  assert.equal(writer.prepareCommit().map((c) => c.finalPath.split('/')[0]).join(), 'b');
  at(6_000, 'a5'); // check at 6000: a open since 1000 (5000 >= 5000) -> rolled after a5
  const rolled = writer.prepareCommit();
  assert.equal(rolled.length, 1);
  sink.createCommitter().commit(rolled);
  assert.equal(read(dir, rolled[0]!.finalPath), 'a1\na2\na3\na4\na5\n');
  at(6_100, 'a6'); // a new part file for a
  writer.flush(false);
  assert.equal(writer.prepareCommit().length, 1);
});

test('OnCheckpointRollingPolicy writes one part file per bucket and checkpoint, however large', (t) => {
  const dir = tempDir(t);
  const sink = FileSink.forRowFormat(dir, new SimpleStringEncoder<string>())
    .withBucketAssigner(new BasePathBucketAssigner())
    .withRollingPolicy(new OnCheckpointRollingPolicy())
    .build();
  const ctx = context();
  const writer = sink.createWriter(ctx);
  const line = 'x'.repeat(999);
  for (let i = 0; i < 1000; i++) {
    ctx.now += 1_000_000;
    writer.write(line, 0, 0);
  }
  writer.flush(false);
  const cps = writer.prepareCommit();
  assert.equal(cps.length, 1);
  sink.createCommitter().commit(cps);
  assert.equal(read(dir, cps[0]!.finalPath), (line + '\n').repeat(1000));
});

test('close deletes only files no committable names', (t) => {
  const dir = tempDir(t);
  const sink = FileSink.forRowFormat(dir, new SimpleStringEncoder<string>()).withBucketAssigner((v) => v).build();
  const writer = sink.createWriter(context());
  writer.write('a', 0, 0);
  writer.flush(false);
  const prepared = writer.prepareCommit();
  writer.write('b', 0, 0);
  writer.flush(false); // rolled but never prepared
  writer.write('c', 0, 0); // open
  writer.close();
  assert.deepEqual(files(dir, true), [prepared[0]!.pendingPath]);
});

test('a bucket id may not leave the base path; bad config is rejected', (t) => {
  const dir = tempDir(t);
  const sink = FileSink.forRowFormat(dir, new SimpleStringEncoder<string>()).withBucketAssigner(() => '../escape').build();
  assert.throws(() => sink.createWriter(context()).write('x', 0, 0), /points outside the base path/);
  assert.throws(() => FileSink.forRowFormat(dir, new SimpleStringEncoder()).withOutputFileConfig({ partPrefix: '.p' }), ConfigError);
  assert.throws(() => new DefaultRollingPolicy({ maxPartSizeBytes: 0 }), ConfigError);
});

test('the file source reads exactly the committed output of the file sink', async (t) => {
  const dir = tempDir(t);
  const sink = FileSink.forRowFormat(dir, new CsvEncoder<[string, number]>())
    .withBucketAssigner(new BasePathBucketAssigner())
    .withRollingPolicy(new DefaultRollingPolicy({ maxPartSizeBytes: 64 * 1024 }))
    .withOutputFileConfig({ partSuffix: '.csv' })
    .build();
  const writer = sink.createWriter(context());
  const rows = Array.from({ length: 20_000 }, (_, i): [string, number] => [`name, "${i}"`, i]);
  for (const row of rows.slice(0, 15_000)) writer.write(row, 0, 0);
  writer.flush(false);
  sink.createCommitter().commit(writer.prepareCommit());
  for (const row of rows.slice(15_000)) writer.write(row, 0, 0); // in progress, not committed

  const runner = new SourceTestRunner(FileSource.csv(dir, { columns: [{ name: 'name', type: 'string' }, { name: 'n', type: 'number' }] }).build());
  await runner.start();
  await runner.runToEnd();
  const got = runner.values().map((r) => [(r as Record<string, unknown>).name, (r as Record<string, unknown>).n]);
  assert.deepEqual(got.sort((a, b) => (a[1] as number) - (b[1] as number)), rows.slice(0, 15_000));
  assert.ok(files(dir).length > 1, 'rolled by size into several files');
  assert.ok(existsSync(dir));
  await runner.close();
});
