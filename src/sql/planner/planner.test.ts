import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerConnector } from '../connectors/connector-registry.ts';
import type { Row } from '../../core/row.ts';
import type { TableConnectorFactory } from '../connectors/table-connector.ts';
import { TableEnvironment } from '../table/table-environment.ts';

// A sink that accepts upserts only (no -U), like Flink's upsert-kafka or JDBC with a primary key.
const upsertSink: TableConnectorFactory = {
  identifier: 'test-upsert',
  options: [],
  createSink: () => ({
    acceptedChangelogMode: () => ({ kinds: ['+I', '+U', '-D'], upsert: true }),
    consume(stream, opts) {
      stream.addSink(() => {}).name(opts.name).uid(opts.uid);
    },
  }),
};
registerConnector('test-upsert', async () => upsertSink);

async function session(): Promise<TableEnvironment> {
  const t = TableEnvironment.create({ mode: 'streaming', config: { 'parallelism.default': '1', 'table.local-time-zone': 'UTC' } });
  await t.executeSql(`CREATE TABLE src (a INT, b BIGINT, c STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
    WITH ('connector' = 'datagen', 'number-of-rows' = '10')`);
  await t.executeSql(`CREATE TABLE dim (id INT, name STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '10')`);
  await t.executeSql(`CREATE TABLE bh (a INT, cnt BIGINT) WITH ('connector' = 'blackhole')`);
  await t.executeSql(`CREATE TABLE files (a INT, cnt BIGINT) WITH ('connector' = 'filesystem', 'path' = '/tmp/weir-planner-test-never-written', 'format' = 'json')`);
  await t.executeSql(`CREATE TABLE ups (a INT, cnt BIGINT, PRIMARY KEY (a) NOT ENFORCED) WITH ('connector' = 'test-upsert')`);
  return t;
}

function section(explain: string, name: string): string {
  const start = explain.indexOf(`== ${name} ==\n`);
  assert.ok(start >= 0, `no ${name} section in:\n${explain}`);
  const rest = explain.slice(start + name.length + 7);
  const end = rest.indexOf('\n\n== ');
  return (end >= 0 ? rest.slice(0, end) : rest).trimEnd();
}

test('EXPLAIN of a GROUP BY into a retracting sink: -U is generated, changelog modes per node', async () => {
  const t = await session();
  await t.executeSql(`CREATE TABLE pr (a INT, cnt BIGINT) WITH ('connector' = 'print')`);
  const plan = await t.explainSql('INSERT INTO pr SELECT a, COUNT(*) AS cnt FROM src WHERE b > 10 GROUP BY a');
  assert.equal(section(plan, 'Optimized Physical Plan'), [
    'Sink(table=[default_catalog.default_database.pr], fields=[a, cnt], changelogMode=[I,UB,UA])',
    '+- GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt], changelogMode=[I,UB,UA])',
    '   +- Exchange(distribution=[hash[a]], changelogMode=[I])',
    '      +- Calc(select=[a], where=[(b > 10:BIGINT)], changelogMode=[I])',
    "         +- TableSourceScan(table=[[default_catalog, default_database, src, project=[a, b, ts], watermark=[(ts - 5000:INTERVAL SECOND)]]], fields=[a, b, c, ts], changelogMode=[I])",
  ].join('\n'));
  assert.match(plan, /^== Abstract Syntax Tree ==\nLogicalSink\(table=\[default_catalog\.default_database\.pr\], fields=\[a, cnt\]\)\n\+- /);
  assert.match(section(plan, 'Optimized Execution Plan'), /^Sink\(table=\[default_catalog\.default_database\.pr\], fields=\[a, cnt\]\)\n\+- GroupAggregate\(groupBy=\[a\], select=\[a, COUNT\(\*\) AS cnt\]\)\n/);
});

test('EXPLAIN of a GROUP BY into blackhole: no -U, since the blackhole sink, like Flink, does not take update-before', async () => {
  const t = await session();
  const plan = await t.explainSql('INSERT INTO bh SELECT a, COUNT(*) AS cnt FROM src WHERE b > 10 GROUP BY a');
  assert.match(section(plan, 'Optimized Physical Plan'), /^Sink\(table=\[default_catalog\.default_database\.bh\], fields=\[a, cnt\], changelogMode=\[I,UA\]\)\n\+- GroupAggregate\(groupBy=\[a\], select=\[a, COUNT\(\*\) AS cnt\], changelogMode=\[I,UA\]\)/);
});

test('an upsert sink with a primary key does not need -U: the aggregate emits [I,UA]', async () => {
  const t = await session();
  const plan = section(await t.explainSql('INSERT INTO ups SELECT a, COUNT(*) AS cnt FROM src GROUP BY a'), 'Optimized Physical Plan');
  assert.match(plan, /GroupAggregate\(groupBy=\[a\], select=\[a, COUNT\(\*\) AS cnt\], changelogMode=\[I,UA\]\)/);
});

test('an insert-only sink fed by an updating query is rejected with Flink\'s message', async () => {
  const t = await session();
  await assert.rejects(t.executeSql('INSERT INTO files SELECT a, COUNT(*) AS cnt FROM src GROUP BY a'), {
    message: "Table sink 'default_catalog.default_database.files' doesn't support consuming update changes which is produced by node GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt])",
  });
  // Over an updating input the aggregate also deletes; the producing node is named through the Calc.
  await assert.rejects(t.executeSql('INSERT INTO files SELECT CAST(n AS INT), COUNT(*) AS cnt FROM (SELECT a, COUNT(*) AS n FROM src GROUP BY a) GROUP BY n'), {
    message: "Table sink 'default_catalog.default_database.files' doesn't support consuming update and delete changes which is produced by node GroupAggregate(groupBy=[n], select=[n, COUNT(*) AS cnt])",
  });
});

test('a window TVF aggregation plans as a WindowAggregate with an insert-only result', async () => {
  const t = await session();
  const plan = section(await t.explainSql(`SELECT window_start, a, SUM(b) AS s FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, a`), 'Optimized Physical Plan');
  assert.equal(plan, [
    'Calc(select=[window_start, a, s], changelogMode=[I])',
    "+- WindowAggregate(groupBy=[a], window=[TUMBLE(time_col=[ts], size=[1 min])], select=[a, SUM(b) AS s, start('w$) AS window_start, end('w$) AS window_end], changelogMode=[I])",
    '   +- Exchange(distribution=[hash[a]], changelogMode=[I])',
    '      +- Calc(select=[a, b, ts], changelogMode=[I])',
    "         +- TableSourceScan(table=[[default_catalog, default_database, src, project=[a, b, ts], watermark=[(ts - 5000:INTERVAL SECOND)]]], fields=[a, b, c, ts], changelogMode=[I])",
  ].join('\n'));
});

test('a regular join keys both sides by the equi-join key and keeps the rest of the condition', async () => {
  const t = await session();
  const plan = section(await t.explainSql('SELECT s.c, d.name FROM src s JOIN dim d ON s.a = d.id AND s.b > 5'), 'Optimized Physical Plan');
  assert.equal(plan, [
    'Calc(select=[c, name], changelogMode=[I])',
    '+- Join(joinType=[InnerJoin], where=[(a = id)], select=[a, c, id, name], leftInputSpec=[NoUniqueKey], rightInputSpec=[NoUniqueKey], changelogMode=[I])',
    '   :- Exchange(distribution=[hash[a]], changelogMode=[I])',
    '   :  +- Calc(select=[a, c], where=[(b > 5:BIGINT)], changelogMode=[I])',
    '   :     +- TableSourceScan(table=[[default_catalog, default_database, src, watermark=[(ts - 5000:INTERVAL SECOND)]]], fields=[a, b, c, ts], changelogMode=[I])',
    '   +- Exchange(distribution=[hash[id]], changelogMode=[I])',
    '      +- TableSourceScan(table=[[default_catalog, default_database, dim]], fields=[id, name], changelogMode=[I])',
  ].join('\n'));
});

test('validation errors name the problem and its position', async () => {
  const t = await session();
  await assert.rejects(t.executeSql('SELECT a,\n  nope FROM src'), { message: "SQL validation failed. At line 2, column 3: Column 'nope' not found in any table" });
  await assert.rejects(t.executeSql('SELECT * FROM missing'), { message: "SQL validation failed. At line 1, column 15: Object 'missing' not found within 'default_catalog.default_database'" });
  await assert.rejects(t.executeSql('SELECT a, c FROM src GROUP BY a'), { message: "SQL validation failed. At line 1, column 11: Expression 'c' is not being grouped" });
  await assert.rejects(t.executeSql('SELECT a FROM src s JOIN src r ON s.a = r.a'), { message: "SQL validation failed. At line 1, column 8: Column 'a' is ambiguous" });
  await assert.rejects(t.executeSql('SELECT x.a FROM src s'), { message: "SQL validation failed. At line 1, column 8: Table 'x' not found" });
  await assert.rejects(t.executeSql('SELECT a FROM src s WHERE EXISTS (SELECT 1 FROM dim d WHERE d.id > s.a)'),
    { message: "SQL validation failed. At line 1, column 68: Correlated reference to 's.a' is only supported in EXISTS / IN subqueries with equality conditions" });
});

test('an OVER window must be ordered by a time attribute in streaming mode', async () => {
  const t = await session();
  await assert.rejects(t.executeSql('SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY b) FROM src'), { message: "OVER windows' ordering in stream mode must be defined on a time attribute." });
});

test('window Top-N, deduplication and joins over window TVFs plan as window operators', async () => {
  const t = await session();
  const tumble = `TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '10' SECOND))`;
  const topN = await t.explainSql(`SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY b DESC) AS rn FROM ${tumble}) WHERE rn <= 3`);
  assert.match(section(topN, 'Optimized Physical Plan'), /WindowRank\(rankType=\[ROW_NUMBER\], rankRange=\[rankStart=1, rankEnd=3\], partitionBy=\[\], orderBy=\[b DESC\], window=\[window_end\].*changelogMode=\[I\]\)\n\s*\+- Exchange\(distribution=\[single\]/);
  const dedup = await t.explainSql(`SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, a ORDER BY ts) AS rn FROM ${tumble}) WHERE rn = 1`);
  assert.match(section(dedup, 'Optimized Physical Plan'), /WindowDeduplicate\(window=\[window_end\], keep=\[FirstRow\], partitionKeys=\[a\], orderKey=\[ts\], order=\[ROWTIME\], changelogMode=\[I\]\)/);
  const join = await t.explainSql(`SELECT l.a, r.b FROM (SELECT * FROM ${tumble}) l JOIN (SELECT * FROM ${tumble}) r ON l.window_start = r.window_start AND l.window_end = r.window_end AND l.a = r.a`);
  assert.match(section(join, 'Optimized Physical Plan'), /WindowJoin\(leftWindow=\[window_end\], rightWindow=\[window_end0\], joinType=\[InnerJoin\]/);
});

// An upsert source (like upsert-kafka): +I/+U/-D keyed by the primary key, -D carrying the key only.
const upsertSource: TableConnectorFactory = {
  identifier: 'test-upsert-source',
  options: [],
  createSource: () => ({
    changelogMode: { kinds: ['+I', '+U', '-D'], upsert: true },
    bounded: true,
    produce: (env, opts) => env.fromCollection<Row>([
      { kind: '+I', fields: [1, 'a'] }, { kind: '+I', fields: [2, 'b'] },
      { kind: '+U', fields: [1, 'c'] }, { kind: '-D', fields: [2, null] },
    ]).name(opts.name).uid(opts.uid),
  }),
};
registerConnector('test-upsert-source', async () => upsertSource);

test('an upsert source is normalised into a full changelog before operators that need -U', async () => {
  const t = await session();
  await t.executeSql(`CREATE TABLE kv (k INT, v STRING, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'test-upsert-source')`);
  const q = 'SELECT v, COUNT(*) AS n FROM kv GROUP BY v';
  assert.equal(section(await t.explainSql(q), 'Optimized Physical Plan'), [
    'GroupAggregate(groupBy=[v], select=[v, COUNT(*) AS n], changelogMode=[I,UB,UA,D])',
    '+- Exchange(distribution=[hash[v]], changelogMode=[I,UB,UA,D])',
    '   +- Calc(select=[v], changelogMode=[I,UB,UA,D])',
    '      +- ChangelogNormalize(key=[k], changelogMode=[I,UB,UA,D])',
    '         +- Exchange(distribution=[hash[k]], changelogMode=[I,UA,D])',
    '            +- TableSourceScan(table=[[default_catalog, default_database, kv]], fields=[k, v], changelogMode=[I,UA,D])',
  ].join('\n'));
  // Final table: k=1 is 'c' (updated from 'a'), k=2 deleted -> one row ('c', 1).
  const rows: { kind: string; fields: unknown[] }[] = [];
  for await (const r of (await t.executeSql(q)).collect()) rows.push(r);
  const live = new Map<string, unknown[]>();
  for (const r of rows) {
    if (r.kind === '+I' || r.kind === '+U') live.set(String(r.fields[0]), r.fields);
    else live.delete(String(r.fields[0]));
  }
  assert.deepEqual([...live.values()], [['c', 1]]);
});

test('window TVFs take named arguments', async () => {
  const t = await session();
  const plan = section(await t.explainSql(`SELECT window_start, COUNT(*) FROM TABLE(HOP(DATA => TABLE src, TIMECOL => DESCRIPTOR(ts), SLIDE => INTERVAL '1' MINUTE, SIZE => INTERVAL '5' MINUTE)) GROUP BY window_start, window_end`), 'Optimized Physical Plan');
  assert.match(plan, /WindowAggregate\(window=\[HOP\(time_col=\[ts\], size=\[5 min\], slide=\[1 min\]\)\], select=\[COUNT\(\*\) AS EXPR\$1/);
  await assert.rejects(t.explainSql(`SELECT * FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(c), INTERVAL '1' MINUTE))`), /requires the timecol to be a time attribute type/);
});

test('Top-N, deduplication, OVER and temporal join plans read only the columns they need', async () => {
  const t = await session();
  await t.executeSql(`CREATE TABLE rates (cur STRING, rate INT, rts TIMESTAMP(3), PRIMARY KEY (cur) NOT ENFORCED, WATERMARK FOR rts AS rts) WITH ('connector' = 'datagen', 'number-of-rows' = '10')`);
  const plan = async (q: string) => section(await t.explainSql(q), 'Optimized Physical Plan');
  const scan = (fields: string) => `TableSourceScan(table=[[default_catalog, default_database, src, project=[${fields}], watermark=[(ts - 5000:INTERVAL SECOND)]]], fields=[a, b, c, ts], changelogMode=[I])`;
  assert.equal(await plan('SELECT a, b FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY a ORDER BY b DESC) AS rn FROM src) WHERE rn <= 3'), [
    'Rank(strategy=[AppendFastStrategy], rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=3], partitionBy=[a], orderBy=[b DESC], select=[a, b], changelogMode=[I,UB,UA,D])',
    '+- Exchange(distribution=[hash[a]], changelogMode=[I])',
    '   +- Calc(select=[a, b], changelogMode=[I])',
    `      +- ${scan('a, b, ts')}`,
  ].join('\n'));
  assert.equal(await plan('SELECT a, c FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY a ORDER BY ts DESC) AS rn FROM src) WHERE rn = 1'), [
    'Calc(select=[a, c], changelogMode=[I,UB,UA])',
    '+- Deduplicate(keep=[LastRow], key=[a], order=[ROWTIME], changelogMode=[I,UB,UA])',
    '   +- Exchange(distribution=[hash[a]], changelogMode=[I])',
    '      +- Calc(select=[a, c, ts], changelogMode=[I])',
    `         +- ${scan('a, c, ts')}`,
  ].join('\n'));
  assert.equal(await plan("SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY ts RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW) AS s FROM src"), [
    'Calc(select=[a, w0$o0 AS s], changelogMode=[I])',
    '+- OverAggregate(partitionBy=[a], orderBy=[ts ASC], window=[ RANGE BETWEEN 60000 PRECEDING AND CURRENT ROW], select=[a, b, ts, SUM(b) AS w0$o0], changelogMode=[I])',
    '   +- Exchange(distribution=[hash[a]], changelogMode=[I])',
    '      +- Calc(select=[a, b, ts], changelogMode=[I])',
    `         +- ${scan('a, b, ts')}`,
  ].join('\n'));
  assert.equal(await plan('SELECT s.a, r.rate FROM src s JOIN rates FOR SYSTEM_TIME AS OF s.ts AS r ON s.c = r.cur'), [
    'Calc(select=[a, rate], changelogMode=[I])',
    '+- TemporalJoin(joinType=[InnerJoin], where=[(c = cur)], select=[a, c, ts, cur, rate, rts], changelogMode=[I])',
    '   :- Exchange(distribution=[hash[c]], changelogMode=[I])',
    '   :  +- Calc(select=[a, c, ts], changelogMode=[I])',
    `   :     +- ${scan('a, c, ts')}`,
    '   +- Exchange(distribution=[hash[cur]], changelogMode=[I])',
    '      +- TableSourceScan(table=[[default_catalog, default_database, rates, watermark=[rts]]], fields=[cur, rate, rts], changelogMode=[I])',
  ].join('\n'));
});

test('a filter over an updating aggregate keeps -U so that an upsert sink deletes rows that stop matching', async () => {
  const t = await session();
  const plan = section(await t.explainSql('INSERT INTO ups SELECT a, COUNT(*) AS cnt FROM src GROUP BY a HAVING COUNT(*) < 3'), 'Optimized Physical Plan');
  assert.match(plan, /Calc\(select=\[a, cnt\], where=\[\(cnt < 3:BIGINT\)\], changelogMode=\[I,UB,UA\]\)\n\s+\+- GroupAggregate\(groupBy=\[a\], select=\[a, COUNT\(\*\) AS cnt\], changelogMode=\[I,UB,UA\]\)/);
});

test('INSERT column mismatches and misuse of window columns are planning errors', async () => {
  const t = await session();
  await assert.rejects(t.executeSql('INSERT INTO bh SELECT a FROM src'), (e: Error) =>
    e.message.includes("Column types of query result and sink for 'default_catalog.default_database.bh' do not match.\nCause: Different number of columns.")
    && e.message.includes('Query schema: [a: INT]') && e.message.includes('Sink schema:  [a: INT, cnt: BIGINT]'));
  await assert.rejects(t.executeSql('INSERT INTO bh SELECT c, b FROM src'), /Incompatible types for sink column 'a' at position 0|Column types of query result and sink/);
  await assert.rejects(t.explainSql(`SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '0' SECOND)) GROUP BY window_start, window_end`),
    /The size of TUMBLE must be positive/);
  await assert.rejects(t.explainSql(`SELECT * FROM TABLE(CUMULATE(TABLE src, DESCRIPTOR(ts), INTERVAL '7' SECOND, INTERVAL '20' SECOND))`),
    /CUMULATE table function based aggregate requires maxSize must be an integral multiple of step/);
  await assert.rejects(t.explainSql('SELECT a FROM src ORDER BY b'), { message: 'Sort on a non-time-attribute field is not supported.' });
  await assert.rejects(t.explainSql('SELECT a, ROW_NUMBER() OVER (PARTITION BY a ORDER BY ts) FROM src'), /ROW_NUMBER, RANK and DENSE_RANK are only supported with a filter on the rank/);
});

test('streaming LIMIT without ORDER BY only inserts; ORDER BY a time attribute is a temporal sort', async () => {
  const t = await session();
  assert.match(section(await t.explainSql('SELECT a FROM src LIMIT 3'), 'Optimized Physical Plan'), /^Limit\(offset=\[0\], fetch=\[3\], changelogMode=\[I\]\)/);
  assert.match(section(await t.explainSql('SELECT a, ts FROM src ORDER BY ts'), 'Optimized Physical Plan'), /^TemporalSort\(orderBy=\[ts ASC\], changelogMode=\[I\]\)/);
});

test('a filter on a non-deterministic column is not merged into the projection that computes it', async () => {
  const t = await session();
  const plan = section(await t.explainSql('SELECT r FROM (SELECT RAND() AS r FROM src) WHERE r > 0.5'), 'Optimized Physical Plan');
  assert.match(plan, /^Calc\(select=\[r\], where=\[\(r > 0\.5\)\], changelogMode=\[I\]\)\n\+- Calc\(select=\[RAND\(\) AS r\], changelogMode=\[I\]\)/);
});

test('the INSERTs of a statement set read a table they scan alike only once', async () => {
  const t = await session();
  await t.executeSql(`CREATE TABLE bh2 (a INT, cnt BIGINT) WITH ('connector' = 'blackhole')`);
  const { StreamExecutionEnvironment } = await import('../../api/stream-execution-environment.ts');
  const { parseStatement } = await import('../parser/index.ts');
  const { translateInserts } = await import('./planner.ts');
  const env = new StreamExecutionEnvironment({ 'parallelism.default': 1 });
  const inserts = ['INSERT INTO bh SELECT a, b FROM src WHERE a > 1', 'INSERT INTO bh2 SELECT a, b FROM src WHERE a < 1']
    .map((q) => parseStatement(q) as import('../ast/ast.ts').InsertStatement);
  await translateInserts(inserts, t.plannerContext(), env);
  assert.equal(env.graph.nodes.filter((n) => n.kind === 'source').length, 1);
  assert.equal(env.graph.nodes.filter((n) => n.kind === 'sink').length, 2);
});
