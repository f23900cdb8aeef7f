import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamExecutionEnvironment } from '../../../api/stream-execution-environment.ts';
import { Configuration } from '../../../core/config.ts';
import { ConfigError } from '../../../core/errors.ts';
import type { Row } from '../../../core/row.ts';
import { rowType, Types } from '../../../core/types/logical-type.ts';
import { SourceTestRunner } from '../../../connectors/file/source-test-runner.ts';
import { capturedSource, sourceContext } from '../connector-test-support.ts';
import { datagenFactory } from './datagen-factory.ts';
import { randomHex } from './field-generators.ts';

const bid = rowType([['seq', Types.BIGINT()], ['price', Types.BIGINT()], ['channel', Types.STRING()], ['url', Types.STRING()]]);
const bidOptions = {
  connector: 'datagen', 'rows-per-second': '1000000000', 'number-of-rows': '1000',
  'fields.seq.kind': 'sequence', 'fields.seq.start': '0', 'fields.seq.end': '999',
  'fields.price.min': '1', 'fields.price.max': '10', 'fields.channel.length': '8', 'fields.url.length': '48',
};

async function run(options: Record<string, string>, type = bid): Promise<Row[]> {
  const env = new StreamExecutionEnvironment().setParallelism(1);
  const source = await datagenFactory.createSource!(sourceContext(type, options));
  return source.produce(env, { name: 'datagen', uid: 'datagen' }).executeAndCollect();
}

test('a bounded datagen job yields the sequence once, random values within their bounds', async () => {
  const rows = await run(bidOptions);
  assert.equal(rows.length, 1000);
  assert.deepEqual(rows.map((r) => r.fields[0]), Array.from({ length: 1000 }, (_, i) => i));
  for (const r of rows) {
    assert.equal(r.kind, '+I');
    const [, price, channel, url] = r.fields as [number, number, string, string];
    assert.ok(Number.isInteger(price) && price >= 1 && price <= 10, `price ${price}`);
    assert.match(channel, /^[0-9a-f]{8}$/);
    assert.match(url, /^[0-9a-f]{48}$/);
  }
  assert.ok(new Set(rows.map((r) => r.fields[1])).size > 5, 'prices vary');
});

test('number-of-rows and the sequence end bound the source, whichever comes first', async () => {
  assert.deepEqual((await run({ ...bidOptions, 'number-of-rows': '3' })).map((r) => r.fields[0]), [0, 1, 2]);
  const seqOnly = { connector: 'datagen', 'fields.seq.kind': 'sequence', 'fields.seq.start': '5', 'fields.seq.end': '8' };
  assert.deepEqual((await run(seqOnly, rowType([['seq', Types.INT()]]))).map((r) => r.fields[0]), [5, 6, 7, 8]);
});

test('sequences split into contiguous parts over subtasks and resume exactly after a restore', async () => {
  const table = await datagenFactory.createSource!(sourceContext(rowType([['id', Types.BIGINT()]]), {
    connector: 'datagen', 'fields.id.kind': 'sequence', 'fields.id.start': '100', 'fields.id.end': '199',
  }));
  assert.equal(table.bounded, true);
  const source = capturedSource(table);
  const runner = new SourceTestRunner(source, 3);
  await runner.start();
  await runner.runToEnd();
  const all = runner.values().map((r) => r.fields[0] as number).sort((a, b) => a - b);
  assert.deepEqual(all, Array.from({ length: 100 }, (_, i) => 100 + i));
  for (let s = 0; s < 3; s++) {
    const mine = runner.values(s).map((r) => r.fields[0] as number);
    assert.ok(mine.length > 0);
    assert.deepEqual(mine, Array.from({ length: mine.length }, (_, i) => mine[0]! + i), `subtask ${s} reads a contiguous range`);
  }

  // Restore from a snapshot taken after the first poll of a single reader.
  const first = new SourceTestRunner(source, 1);
  await first.start();
  while (first.values().length === 0) await first.step(0);
  const seen = first.values().length;
  const snap = await first.snapshot(1);
  const second = new SourceTestRunner(source, 1, snap);
  await second.start();
  await second.runToEnd();
  const resumed = second.values().map((r) => r.fields[0]);
  assert.equal(resumed[0], 100 + seen);
  assert.equal(seen + resumed.length, 100);
});

test('random values of every supported type have the JS representation of their SQL type', async () => {
  const type = rowType([
    ['b', Types.BOOLEAN()], ['ti', Types.TINYINT()], ['f', Types.FLOAT()], ['d', Types.DECIMAL(5, 2)],
    ['big', Types.BIGINT()], ['ts', Types.TIMESTAMP_LTZ(3)], ['dt', Types.DATE()], ['arr', Types.ARRAY(Types.INT())],
    ['n', Types.INT()], ['bytes', Types.BYTES()],
  ]);
  const before = Date.now();
  const rows = await run({
    connector: 'datagen', 'number-of-rows': '50', 'fields.d.min': '-1.5', 'fields.d.max': '1.5',
    'fields.ts.max-past': '10 s', 'fields.n.null-rate': '1', 'fields.bytes.length': '4', 'fields.arr.length': '2',
  }, type);
  assert.equal(rows.length, 50);
  for (const { fields: [b, ti, f, d, big, ts, dt, arr, n, bytes] } of rows) {
    assert.equal(typeof b, 'boolean');
    assert.ok(Number.isInteger(ti) && (ti as number) >= -128 && (ti as number) <= 127);
    assert.equal(Math.fround(f as number), f);
    assert.equal(typeof d, 'bigint');
    assert.ok((d as bigint) >= -150n && (d as bigint) <= 150n, `decimal ${d}`);
    assert.ok(typeof big === 'bigint' ? big < -(2n ** 53n) || big > 2n ** 53n : Number.isSafeInteger(big), 'canonical BIGINT');
    assert.ok((ts as number) <= Date.now() && (ts as number) >= before - 10_000);
    assert.ok(Number.isInteger(dt) && Math.abs((dt as number) - Date.now() / 86_400_000) < 2);
    assert.equal((arr as unknown[]).length, 2);
    assert.equal(n, null);
    assert.ok(bytes instanceof Uint8Array && bytes.length === 4);
  }
});

test('options are validated: unknown keys, bad kinds, sequences without bounds', async () => {
  const type = rowType([['id', Types.INT()]]);
  await assert.rejects(async () => datagenFactory.createSource!(sourceContext(type, { connector: 'datagen', foo: '1' })), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.match(e.message, /^Unsupported options found for 'datagen'\.\n\nUnsupported options:\n\nfoo\n\nSupported options:\n\nconnector\nfields\.#\.end\n/);
    return true;
  });
  await assert.rejects(async () => datagenFactory.createSource!(sourceContext(type, { connector: 'datagen', 'fields.id.kind': 'sequential' })),
    /Invalid value for option 'fields\.id\.kind': 'sequential'\. Allowed values are: random, sequence/);
  await assert.rejects(async () => datagenFactory.createSource!(sourceContext(type, { connector: 'datagen', 'fields.id.kind': 'sequence', 'fields.id.start': '1' })),
    /Missing required option 'fields\.id\.end'/);
  await assert.rejects(async () => datagenFactory.createSource!(sourceContext(type, { connector: 'datagen', 'fields.id.kind': 'sequence', 'fields.id.start': '1', 'fields.id.end': '3000000000' })),
    /does not fit INT/);
  await assert.rejects(async () => datagenFactory.createSource!(sourceContext(type, { connector: 'datagen', 'fields.idd.kind': 'random' })),
    /Option 'fields\.idd\.kind' of table 'default_catalog\.default_database\.t' names no column 'idd'; the columns are: id/);
  await assert.rejects(async () => datagenFactory.createSource!(sourceContext(type, { connector: 'datagen', 'rows-per-second': 'fast' })),
    /Invalid value for option 'rows-per-second' of table 'default_catalog\.default_database\.t': 'fast'/);
});

test('an unbounded datagen source is continuous and throttled to rows-per-second', async () => {
  const table = await datagenFactory.createSource!(sourceContext(rowType([['id', Types.INT()]]), { connector: 'datagen', 'rows-per-second': '200' }));
  assert.equal(table.bounded, false);
  const runner = new SourceTestRunner(capturedSource(table), 1);
  await runner.start();
  const start = Date.now();
  await runner.runUntil(() => runner.values().length >= 40);
  assert.ok(Date.now() - start >= 150, `40 rows at 200/s take about 200 ms, took ${Date.now() - start}`);
  await runner.close();
});

test('random hex strings have the asked length and differ', () => {
  const values = Array.from({ length: 1000 }, () => randomHex(24));
  for (const v of values) assert.match(v, /^[0-9a-f]{24}$/);
  assert.equal(new Set(values).size, 1000);
  assert.equal(randomHex(0), '');
});

test('random TIMESTAMP values are the wall clock of table.local-time-zone, TIMESTAMP_LTZ the instant', async () => {
  const type = rowType([['ts', Types.TIMESTAMP(3)], ['ltz', Types.TIMESTAMP_LTZ(3)]]);
  const config = new Configuration([['table.local-time-zone', 'GMT+05:00']]);
  const table = await datagenFactory.createSource!(sourceContext(type, { connector: 'datagen', 'number-of-rows': '5' }, { config }));
  const runner = new SourceTestRunner(capturedSource(table), 1);
  await runner.start();
  await runner.runToEnd();
  for (const { fields: [ts, ltz] } of runner.values()) {
    assert.ok(Math.abs((ts as number) - Date.now() - 5 * 3_600_000) < 5_000, 'five hours ahead of UTC');
    assert.ok(Math.abs((ltz as number) - Date.now()) < 5_000);
  }
});
