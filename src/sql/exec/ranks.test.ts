import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TableEnvironment } from '../table/table-environment.ts';

async function session(): Promise<TableEnvironment> {
  const t = TableEnvironment.create({ mode: 'streaming', config: { 'parallelism.default': '1', 'table.local-time-zone': 'UTC' } });
  await t.executeSql(`CREATE TABLE src (a INT, b BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen', 'number-of-rows' = '10')`);
  return t;
}

test('EXPLAIN names the Top-N rank type', async () => {
  const t = await session();
  for (const fn of ['ROW_NUMBER', 'RANK', 'DENSE_RANK']) {
    const plan = await t.explainSql(`SELECT a, b FROM (SELECT *, ${fn}() OVER (PARTITION BY a ORDER BY b DESC) AS rk FROM src) WHERE rk <= 3`);
    assert.match(plan, new RegExp(`Rank\\(strategy=\\[AppendFastStrategy\\], rankType=\\[${fn}\\], rankRange=\\[rankStart=1, rankEnd=3\\], partitionBy=\\[a\\]`));
  }
});

test('RANK() = 1 ordered by a time attribute is a Top-N, not a deduplication (ties all stay)', async () => {
  const t = await session();
  const plan = await t.explainSql('SELECT a, b FROM (SELECT *, RANK() OVER (PARTITION BY a ORDER BY ts DESC) AS rk FROM src) WHERE rk = 1');
  assert.match(plan, /rankType=\[RANK\]/);
  assert.doesNotMatch(plan, /Deduplicate/);
});

test('window Top-N with DENSE_RANK keeps its rank type in EXPLAIN', async () => {
  const t = await session();
  const plan = await t.explainSql(`SELECT a, b FROM (SELECT *, DENSE_RANK() OVER (PARTITION BY window_start, window_end ORDER BY b DESC) AS rk
    FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '10' SECOND))) WHERE rk <= 2`);
  assert.match(plan, /WindowRank\(rankType=\[DENSE_RANK\], rankRange=\[rankStart=1, rankEnd=2\]/);
});
