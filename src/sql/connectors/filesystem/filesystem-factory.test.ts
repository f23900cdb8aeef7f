import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { StreamExecutionEnvironment } from '../../../api/stream-execution-environment.ts';
import { ConfigError, InputFormatError } from '../../../core/errors.ts';
import type { Row } from '../../../core/row.ts';
import { rowType, Types } from '../../../core/types/logical-type.ts';
import { SourceTestRunner } from '../../../connectors/file/source-test-runner.ts';
import { applyChangelog, expectedFields, expectedTable, readExpected, TESTDATA } from '../../../formats/changelog-test-support.ts';
import { capturedSource, sinkContext, sourceContext } from '../connector-test-support.ts';
import { filesystemFactory } from './filesystem-factory.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'weir-fs-table-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Visible files under dir, relative, sorted. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !e.name.startsWith('_'))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function readAll(options: Record<string, string>, type = products, extra: Parameters<typeof sourceContext>[2] = {}): Promise<Row[]> {
  const env = new StreamExecutionEnvironment().setParallelism(1);
  const source = await filesystemFactory.createSource!(sourceContext(type, { connector: 'filesystem', ...options }, extra));
  return source.produce(env, { name: 'fs', uid: 'fs' }).executeAndCollect();
}

async function writeAll(rows: Row[], options: Record<string, string>, type = products, extra: Parameters<typeof sinkContext>[2] = {}): Promise<void> {
  const env = new StreamExecutionEnvironment().setParallelism(1);
  const sink = await filesystemFactory.createSink!(sinkContext(type, { connector: 'filesystem', ...options }, extra));
  sink.consume(env.fromCollection(rows), { name: 'fs-sink', uid: 'fs-sink' });
  await env.execute('write');
}

const productsExpected = readExpected('debezium/expected-flink-products-changelog.json');
const products = expectedTable(productsExpected);

test('a debezium-json file without a final newline is read to its end, with value.-prefixed metadata', async (t) => {
  const dir = tempDir(t);
  // The upstream file has no newline after its last line.
  copyFileSync(join(TESTDATA, 'debezium/flink/debezium-data-schema-exclude.txt'), join(dir, 'products.json'));
  assert.notEqual(readFileSync(join(dir, 'products.json'), 'utf8').at(-1), '\n');
  const rows = await readAll({ path: join(dir, 'products.json'), format: 'debezium-json' }, products, { metadataKeys: ['value.source.table', 'file.name'] });
  assert.deepEqual(rows.map((r) => ({ kind: r.kind, fields: r.fields.slice(0, 4) })), productsExpected.changelog!.map((c) => ({ kind: c.kind, fields: expectedFields(productsExpected, c.row) })));
  assert.deepEqual(new Set(rows.map((r) => `${r.fields[4]} ${r.fields[5]}`)), new Set(['products products.json']));
  const source = await filesystemFactory.createSource!(sourceContext(products, { connector: 'filesystem', path: dir, format: 'debezium-json' }));
  assert.deepEqual(source.changelogMode.kinds, ['+I', '-U', '+U', '-D']);
  assert.equal(source.bounded, true);
});

test('partitioned writes go to k=v directories without the partition column, and read back with it', async (t) => {
  const dir = tempDir(t);
  const type = rowType([['id', Types.BIGINT()], ['name', Types.STRING()], ['dt', Types.STRING()], ['amount', Types.DECIMAL(10, 2)]]);
  const rows: Row[] = [
    { kind: '+I', fields: [1, 'a', '2020-01-01', 150n] },
    { kind: '+I', fields: [2, 'b', '2020-01-02', 5n] },
    { kind: '+I', fields: [3, 'c', null, 0n] },
    { kind: '+I', fields: [2n ** 60n, 'd/e', 'x/y', -1n] },
  ];
  await writeAll(rows, { path: dir, format: 'json' }, type, { partitionKeys: ['dt'] });
  const written = files(dir);
  assert.deepEqual(written.map((f) => f.split('/')[0]), ['dt=2020-01-01', 'dt=2020-01-02', 'dt=__DEFAULT_PARTITION__', 'dt=x%2Fy']);
  assert.equal(readFileSync(join(dir, written[0]!), 'utf8'), '{"id":1,"name":"a","amount":1.50}\n');
  const back = await readAll({ path: dir, format: 'json' }, type, { partitionKeys: ['dt'] });
  assert.deepEqual(back.map((r) => r.fields).sort((a, b) => String(a[1]).localeCompare(String(b[1]))), rows.map((r) => r.fields));
});

test('a changelog format sink accepts every change and its files replay to the same table', async (t) => {
  const dir = tempDir(t);
  const changes: Row[] = productsExpected.changelog!.map((c) => ({ kind: c.kind, fields: expectedFields(productsExpected, c.row) }));
  const sink = await filesystemFactory.createSink!(sinkContext(products, { connector: 'filesystem', path: dir, format: 'debezium-json' }));
  assert.deepEqual(sink.acceptedChangelogMode({ kinds: ['+I', '-U', '+U', '-D'] }).kinds, ['+I', '-U', '+U', '-D']);
  await writeAll(changes, { path: dir, format: 'debezium-json' });
  const [file] = files(dir);
  const lines = readFileSync(join(dir, file!), 'utf8').split('\n');
  assert.equal(lines.length, changes.length + 1);
  assert.equal(lines[0], '{"before":null,"after":{"id":101,"name":"scooter","description":"Small 2-wheel scooter","weight":3.14},"op":"c"}');
  const replayed = await readAll({ path: dir, format: 'debezium-json' });
  const final = readExpected('debezium/expected-flink-products-final.json');
  assert.deepEqual(applyChangelog(replayed, [0]), final.rows!.map((r) => expectedFields(final, r)));

  const insertOnly = await filesystemFactory.createSink!(sinkContext(products, { connector: 'filesystem', path: dir, format: 'csv' }));
  assert.deepEqual(insertOnly.acceptedChangelogMode({ kinds: ['+I', '-U', '+U', '-D'] }).kinds, ['+I']);
});

test('malformed lines fail naming file and line, or are skipped and counted with ignore-parse-errors', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'data.csv');
  writeFileSync(path, '1,a\n2,b\nthree,c\n4,d');
  const type = rowType([['id', Types.INT()], ['name', Types.STRING()]]);
  const strict = capturedSource(await filesystemFactory.createSource!(sourceContext(type, { connector: 'filesystem', path, format: 'csv' })));
  const runner = new SourceTestRunner(strict, 1);
  await runner.start();
  await assert.rejects(runner.runToEnd(), (e: unknown) => {
    assert.ok(e instanceof InputFormatError);
    assert.equal(e.source, path);
    assert.equal(e.line, 3);
    assert.match(e.message, /field 'id' \(column 1\): 'three' is not an integer/);
    return true;
  });
  const lenient = capturedSource(await filesystemFactory.createSource!(sourceContext(type, { connector: 'filesystem', path, format: 'csv', 'csv.ignore-parse-errors': 'true' })));
  const r2 = new SourceTestRunner(lenient, 1);
  await r2.start();
  await r2.runToEnd();
  assert.deepEqual(r2.values().map((r) => r.fields), [[1, 'a'], [2, 'b'], [4, 'd']]);
  assert.equal(r2.skipped.length, 1);
  assert.match(r2.skipped[0]!, /data\.csv:3: /);
});

test('a restore continues after the last whole line: every change exactly once, updates never split', async (t) => {
  const dir = tempDir(t);
  // 3000 lines: an insert of id i, then an update of id i (two rows: -U, +U), repeated.
  const lines: string[] = [];
  for (let i = 0; i < 1500; i++) {
    lines.push(`{"before":null,"after":{"id":${i},"v":"a"},"op":"c"}`);
    lines.push(`{"before":{"id":${i},"v":"a"},"after":{"id":${i},"v":"b"},"op":"u"}`);
  }
  writeFileSync(join(dir, 'log.json'), lines.join('\n'));
  const type = rowType([['id', Types.INT()], ['v', Types.STRING()]]);
  const source = capturedSource(await filesystemFactory.createSource!(sourceContext(type, { connector: 'filesystem', path: dir, format: 'debezium-json' })));
  const first = new SourceTestRunner(source, 1);
  await first.start();
  while (first.values().length === 0) await first.step(0);
  const before = first.values();
  assert.ok(before.length > 0 && before.length < 4500, 'the first poll reads part of the file');
  const snapshot = await first.snapshot(1);
  const second = new SourceTestRunner(source, 1, snapshot);
  await second.start();
  await second.runToEnd();
  const all = [...before, ...second.values()];
  assert.equal(all.length, 4500);
  assert.deepEqual(all.map((r) => `${r.kind}${r.fields[0]}${r.fields[1]}`), lines.flatMap((_, n) => {
    const i = n >> 1;
    return n % 2 === 0 ? [`+I${i}a`] : [`-U${i}a`, `+U${i}b`];
  }));
});

test('source.monitor-interval reads files as they appear', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.json'), '{"id":1}\n');
  const type = rowType([['id', Types.INT()]]);
  const table = await filesystemFactory.createSource!(sourceContext(type, { connector: 'filesystem', path: dir, format: 'json', 'source.monitor-interval': '20 ms' }));
  assert.equal(table.bounded, false);
  const runner = new SourceTestRunner(capturedSource(table), 1);
  await runner.start();
  await runner.runUntil(() => runner.values().length === 1);
  mkdirSync(join(dir, 'later'));
  writeFileSync(join(dir, 'later', 'b.json'), '{"id":2}\n{"id":3}');
  await runner.runUntil(() => runner.values().length === 3);
  assert.deepEqual(runner.values().map((r) => r.fields[0]), [1, 2, 3]);
  await runner.close();
});

test('lookup: the table is loaded into memory, indexed by the key, and reloaded after the TTL', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'rates.json');
  writeFileSync(path, '{"cur":"EUR","rate":1.1}\n{"cur":"GBP","rate":1.3}\n{"cur":"EUR","rate":1.2}\n');
  const type = rowType([['cur', Types.STRING()], ['rate', Types.DOUBLE()]]);
  const source = await filesystemFactory.createSource!(sourceContext(type, { connector: 'filesystem', path, format: 'json', 'lookup.cache.ttl': '50 ms' }));
  const lookup = source.createLookup!([0]);
  await lookup.open?.();
  assert.deepEqual(lookup.lookup(['EUR']), [['EUR', 1.1], ['EUR', 1.2]]);
  assert.deepEqual(lookup.lookup(['USD']), []);
  appendFileSync(path, '{"cur":"USD","rate":1}\n');
  assert.deepEqual(lookup.lookup(['USD']), [], 'within the TTL the loaded contents serve');
  await new Promise((r) => setTimeout(r, 60));
  lookup.lookup(['USD']); // starts the reload
  await (lookup as unknown as { settled(): Promise<void> }).settled();
  assert.deepEqual(lookup.lookup(['USD']), [['USD', 1]]);

  // With a changelog format the lookup table is the result of applying the changes.
  const cdc = await filesystemFactory.createSource!(sourceContext(products, { connector: 'filesystem', path: join(TESTDATA, 'debezium/flink/debezium-data-schema-exclude.txt'), format: 'debezium-json' }, { primaryKey: [0] }));
  const byId = cdc.createLookup!([0]);
  await byId.open?.();
  assert.deepEqual(byId.lookup([106]), [[106, 'hammer', '18oz carpenter hammer', 1]]);
  assert.deepEqual(byId.lookup([111]), [], '111 was deleted');
});

test('options: format options are validated with the connector, unknown metadata and formats are named', async () => {
  const type = rowType([['id', Types.INT()]]);
  await assert.rejects(async () => filesystemFactory.createSource!(sourceContext(type, { connector: 'filesystem', path: '/tmp', format: 'json', 'json.fail-on-missing': 'true' })), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.match(e.message, /^Unsupported options found for 'filesystem'\.\n\nUnsupported options:\n\njson\.fail-on-missing\n\nSupported options:\n\n/);
    assert.match(e.message, /\njson\.fail-on-missing-field\n/);
    return true;
  });
  await assert.rejects(async () => filesystemFactory.createSource!(sourceContext(type, { connector: 'filesystem', format: 'json' })), /Missing required options are:\n\npath/);
  await assert.rejects(async () => filesystemFactory.createSource!(sourceContext(type, { connector: 'filesystem', path: '/tmp', format: 'avro' })), /Could not find any format factory for identifier 'avro'/);
  await assert.rejects(async () => filesystemFactory.createSource!(sourceContext(type, { connector: 'filesystem', path: '/tmp', format: 'json' }, { metadataKeys: ['value.source.table'] })), /Invalid metadata key 'value\.source\.table' for the filesystem connector with format 'json'/);
  const meta = filesystemFactory.readableMetadata!({ format: 'debezium-json' });
  assert.equal(meta['value.source.timestamp']?.root, 'TIMESTAMP_LTZ');
  assert.equal(meta['source.timestamp']?.root, 'TIMESTAMP_LTZ');
  assert.equal(meta['file.path']?.root, 'VARCHAR');
});
