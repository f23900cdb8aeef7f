import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamExecutionEnvironment } from '../../api/stream-execution-environment.ts';
import type { Row } from '../../core/row.ts';
import { scalarFunction } from '../functions/user-function.ts';
import { TableEnvironment } from './table-environment.ts';

const UDFS = join(import.meta.dirname, '..', 'catalog', 'testdata');
const NAMES = `SELECT name, COUNT(*) AS cnt FROM (VALUES ('Bob'), ('Alice'), ('Greg'), ('Bob')) AS NameTable(name) GROUP BY name`;

async function collect(tEnv: TableEnvironment, sql: string): Promise<Row[]> {
  const out: Row[] = [];
  for await (const r of (await tEnv.executeSql(sql)).collect()) out.push(r);
  return out;
}

async function printed(tEnv: TableEnvironment, sql: string): Promise<string> {
  let text = '';
  await (await tEnv.executeSql(sql)).print((s) => (text += s));
  return text;
}

function withTempDir(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-tenv-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('streaming print(): the changelog with an op column and widths from the types (the Flink docs example)', async () => {
  const tEnv = TableEnvironment.create({ config: { 'parallelism.default': '1' } });
  assert.equal(await printed(tEnv, NAMES), [
    '+----+--------------------------------+----------------------+',
    '| op |                           name |                  cnt |',
    '+----+--------------------------------+----------------------+',
    '| +I |                            Bob |                    1 |',
    '| +I |                          Alice |                    1 |',
    '| +I |                           Greg |                    1 |',
    '| -U |                            Bob |                    1 |',
    '| +U |                            Bob |                    2 |',
    '+----+--------------------------------+----------------------+',
    '5 rows in set',
    '',
  ].join('\n'));
});

test('batch print(): final rows, widths from the content; an empty result prints Empty set', async () => {
  const tEnv = TableEnvironment.create({ mode: 'batch', config: { 'parallelism.default': '1' } });
  assert.equal(await printed(tEnv, `${NAMES} ORDER BY name`), [
    '+-------+-----+',
    '|  name | cnt |',
    '+-------+-----+',
    '| Alice |   1 |',
    '|   Bob |   2 |',
    '|  Greg |   1 |',
    '+-------+-----+',
    '3 rows in set',
    '',
  ].join('\n'));
  assert.equal(await printed(tEnv, 'SELECT * FROM (VALUES (1)) AS t(a) WHERE a > 1'), 'Empty set\n');
  const schema = (await tEnv.executeSql(NAMES)).getResolvedSchema();
  assert.deepEqual(schema.names, ['name', 'cnt']);
  assert.equal(schema.types[1]!.root, 'BIGINT');
});

test('collect() streams rows with their kind; leaving the loop early cancels the job', async () => {
  const tEnv = TableEnvironment.create({ config: { 'parallelism.default': '1' } });
  assert.deepEqual((await collect(tEnv, NAMES)).map((r) => `${r.kind} ${r.fields.join(',')}`), ['+I Bob,1', '+I Alice,1', '+I Greg,1', '-U Bob,1', '+U Bob,2']);
  await tEnv.executeSql(`CREATE TABLE endless (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '50', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '1000000')`);
  const result = await tEnv.executeSql('SELECT id FROM endless');
  const seen: unknown[] = [];
  for await (const r of result.collect()) {
    seen.push(r.fields[0]);
    if (seen.length === 3) break;
  }
  assert.deepEqual(seen, [1, 2, 3]);
  const end = await result.getJobClient()!.result;
  assert.equal(end.status, 'CANCELED');
  assert.equal(result.getJobClient()!.jobName, 'collect');
});

test('INSERT runs a job named insert-into_<sink>; table.dml-sync waits for it; the rows land in the sink', withTempDir(async (dir) => {
  const tEnv = TableEnvironment.create({ config: { 'parallelism.default': '1' } });
  await tEnv.executeSql(`CREATE TABLE src (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '4', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '4')`);
  await tEnv.executeSql(`CREATE TABLE sink (id INT, sq INT) WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'out')}', 'format' = 'csv')`);
  const result = await tEnv.executeSql('INSERT INTO sink SELECT id, id * id FROM src');
  const job = result.getJobClient()!;
  assert.equal(job.jobName, 'insert-into_default_catalog.default_database.sink');
  assert.deepEqual(result.getResolvedSchema().names, ['default_catalog.default_database.sink']);
  assert.deepEqual((await collect(tEnv, 'SHOW JOBS')).map((r) => r.fields[1]), ['insert-into_default_catalog.default_database.sink']);
  await result.await();
  assert.equal(job.getJobStatus(), 'FINISHED');

  await tEnv.executeSql("SET 'execution.runtime-mode' = 'batch'");
  const back = await collect(tEnv, 'SELECT id, sq FROM sink');
  assert.deepEqual(back.map((r) => r.fields).sort((a, b) => (a[0] as number) - (b[0] as number)), [[1, 1], [2, 4], [3, 9], [4, 16]]);

  await tEnv.executeSql("SET 'table.dml-sync' = 'true'");
  await tEnv.executeSql(`CREATE TABLE sink2 (id INT) WITH ('connector' = 'blackhole')`);
  const sync = await tEnv.executeSql('INSERT INTO sink2 SELECT id FROM src');
  assert.equal(sync.getJobClient()!.getJobStatus(), 'FINISHED');
}));

test('a statement set is one job writing every sink; pipeline.name names jobs', async () => {
  const tEnv = TableEnvironment.create({ config: { 'parallelism.default': '1' } });
  await tEnv.executeSql(`CREATE TABLE src (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3')`);
  await tEnv.executeSql(`CREATE TABLE a (id INT) WITH ('connector' = 'blackhole')`);
  await tEnv.executeSql(`CREATE TABLE b (id INT) WITH ('connector' = 'blackhole')`);
  const set = tEnv.createStatementSet().addInsertSql('INSERT INTO a SELECT id FROM src').addInsert('b', await tEnv.sqlQuery('SELECT id FROM src'));
  const result = await set.execute();
  assert.equal(result.getJobClient()!.jobName, 'insert-into_default_catalog.default_database.a,default_catalog.default_database.b');
  await result.await();
  const sql = await tEnv.executeSql('EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT id FROM src; INSERT INTO b SELECT id FROM src; END');
  assert.deepEqual(sql.getResolvedSchema().names, ['default_catalog.default_database.a', 'default_catalog.default_database.b']);
  await sql.await();
  await tEnv.executeSql("SET 'pipeline.name' = 'my job'");
  const named = await tEnv.executeSql('INSERT INTO a SELECT id FROM src');
  assert.equal(named.getJobClient()!.jobName, 'my job');
  await named.await();
  await assert.rejects(tEnv.createStatementSet().execute(), /the statement set is empty/);
  assert.throws(() => tEnv.createStatementSet().addInsertSql('SELECT 1'), /Only INSERT statements can be added to a statement set/);
});

test('UDFs from a module (scalar, class, table, aggregate) and from TypeScript run in queries', async () => {
  const tEnv = TableEnvironment.create({ mode: 'batch', baseDir: UDFS, config: { 'parallelism.default': '1' } });
  await tEnv.executeSql(`CREATE FUNCTION shout AS './udfs.ts#shout'`);
  await tEnv.executeSql(`CREATE FUNCTION twice AS './udfs.ts#Twice'`);
  await tEnv.executeSql(`CREATE FUNCTION split_words AS './udfs.ts#splitWords'`);
  await tEnv.executeSql(`CREATE FUNCTION sum_squares AS './udfs.ts#sumSquares'`);
  tEnv.createTemporarySystemFunction('plus_one', scalarFunction('INT', (x: number | null) => (x === null ? null : x + 1)));
  const data = `(VALUES (1, 'hello big world'), (2, 'hi'), (3, CAST(NULL AS STRING))) AS t(id, s)`;
  assert.deepEqual((await collect(tEnv, `SELECT shout(s), twice(id), plus_one(id) FROM ${data}`)).map((r) => r.fields),
    [['HELLO BIG WORLD!', 2, 2], ['HI!', 4, 3], [null, 6, 4]]);
  assert.deepEqual((await collect(tEnv, `SELECT id, w.word, w.len FROM ${data}, LATERAL TABLE(split_words(s)) AS w`)).map((r) => r.fields),
    [[1, 'hello', 5], [1, 'big', 3], [1, 'world', 5], [2, 'hi', 2]]);
  assert.deepEqual((await collect(tEnv, `SELECT sum_squares(id) FROM ${data}`)).map((r) => r.fields), [[14]]);
  assert.throws(() => tEnv.createTemporarySystemFunction('nope', { returns: 'INT' } as never), /not a user-defined function/);
});

test('sqlQuery returns a Table to run, insert or register as a view; explainSql shows changelog modes', async () => {
  const tEnv = TableEnvironment.create({ config: { 'parallelism.default': '1' } });
  const table = await tEnv.sqlQuery(NAMES);
  assert.deepEqual(table.getResolvedSchema().names, ['name', 'cnt']);
  await tEnv.createTemporaryView('counts', table);
  assert.deepEqual((await collect(tEnv, "SELECT cnt FROM counts WHERE name = 'Greg'")).map((r) => `${r.kind} ${r.fields[0]}`), ['+I 1']);
  assert.equal((await (await table.execute()).getJobClient()!.result).status, 'FINISHED');
  assert.match(await tEnv.explainSql(NAMES), /GroupAggregate\(groupBy=\[name\].*changelogMode=\[I,UB,UA\]/);
  await assert.rejects(tEnv.sqlQuery('SHOW TABLES'), /sqlQuery\(\) takes a query/);
  await assert.rejects(tEnv.executeSql('HELP'), /HELP is a command of the SQL client/);
});

test('fromStreamEnvironment: a DataStream becomes a table, and a query becomes a DataStream again', async () => {
  const env = new StreamExecutionEnvironment({ 'parallelism.default': 1 });
  const tEnv = TableEnvironment.fromStreamEnvironment(env);
  const people = env.fromElements({ name: 'Ada', age: 36 }, { name: 'Alan', age: 41 }, { name: 'Grace', age: 85 });
  await tEnv.createTemporaryView('people', people, 'name STRING, age INT');
  const older = await tEnv.toDataStream(await tEnv.sqlQuery('SELECT name FROM people WHERE age > 40'));
  const names = (await older.executeAndCollect()).map((r) => r.fields[0]);
  assert.deepEqual(names, ['Alan', 'Grace']);

  const env2 = new StreamExecutionEnvironment({ 'parallelism.default': 1 });
  const tEnv2 = TableEnvironment.fromStreamEnvironment(env2);
  const t = await tEnv2.fromDataStream(env2.fromElements(['a', 1], ['b', 2], ['a', 3]), 'k STRING, v INT');
  await tEnv2.createTemporaryView('kv', t);
  await assert.rejects(tEnv2.toDataStream('(SELECT k, SUM(v) FROM kv GROUP BY k)'), /doesn't support consuming update and delete changes/);
  const changes = await tEnv2.toChangelogStream(await tEnv2.sqlQuery('SELECT k, SUM(v) AS s FROM kv GROUP BY k'));
  assert.deepEqual((await changes.executeAndCollect()).map((r) => `${r.kind} ${r.fields.join(',')}`), ['+I a,1', '+I b,2', '-U a,1', '+U a,4']);
  await assert.rejects(TableEnvironment.create().toDataStream('kv'), /need a table environment made with TableEnvironment.fromStreamEnvironment/);
});

test('at parallelism 2 worker threads rebuild the SQL job by replaying the session (DDL, SET, CREATE FUNCTION)', async () => {
  const tEnv = TableEnvironment.create({ baseDir: UDFS });
  await tEnv.executeSql("SET 'parallelism.default' = '2'");
  await tEnv.executeSql(`CREATE FUNCTION twice AS './udfs.ts#Twice'`);
  await tEnv.executeSql(`CREATE TABLE seq (id INT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '40')`);
  const rows = await collect(tEnv, 'SELECT twice(id) FROM seq WHERE id > 30');
  assert.deepEqual(rows.map((r) => r.fields[0] as number).sort((a, b) => a - b), [62, 64, 66, 68, 70, 72, 74, 76, 78, 80]);
});

test('CREATE TABLE ... AS SELECT creates the table from the query schema and fills it; a Table can be named in SQL text', withTempDir(async (dir) => {
  const tEnv = TableEnvironment.create({ config: { 'parallelism.default': '1', 'table.dml-sync': 'true' } });
  const result = await tEnv.executeSql(`CREATE TABLE copy WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'copy')}', 'format' = 'json') AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(id, s)`);
  assert.equal(result.getJobClient()!.jobName, 'insert-into_default_catalog.default_database.copy');
  const describe = await collect(tEnv, 'DESCRIBE copy');
  assert.deepEqual(describe.map((r) => r.fields.slice(0, 3)), [['id', 'INT', false], ['s', 'CHAR(1)', false]]);
  await tEnv.executeSql("SET 'execution.runtime-mode' = 'batch'");
  const table = await tEnv.sqlQuery('SELECT id, s FROM copy');
  const back = await collect(tEnv, `SELECT s FROM ${table} WHERE id = 2`);
  assert.deepEqual(back.map((r) => r.fields), [['b']]);
  assert.match(String(table), /^`UnnamedTable\$\d+`$/);
  await assert.rejects(tEnv.executeSql(`CREATE TABLE copy WITH ('connector' = 'blackhole') AS SELECT 1`), /Table \(or view\) default_catalog.default_database.copy already exists/);
}));
