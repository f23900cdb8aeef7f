// Real scripts parse: the benchmark workloads that Flink runs unchanged, the salesdb demo script,
// and the statements of the CDC story (Debezium sources, live query, upsert sink, client settings).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CreateTable, InsertStatement, Select } from '../ast/ast.ts';
import { formatStatement, parseStatement, parseStatements, splitStatements } from './index.ts';
import { assertRoundTrip, stripPositions } from './parser-test-util.ts';

const WORKLOADS = new URL('../../../../shared/bench/flink/workloads/', import.meta.url);
const SALESDB = new URL('../../../examples/salesdb/salesdb.sql', import.meta.url);

/** Each piece parses alone and round-trips; the whole script parses to the same statements. */
function checkScript(script: string): string[] {
  const pieces = splitStatements(script);
  assert.ok(pieces.every((p) => p.complete));
  const whole = parseStatements(script);
  assert.equal(whole.length, pieces.length);
  pieces.forEach((p, i) => {
    const st = assertRoundTrip(p.text);
    assert.deepEqual(stripPositions(st), stripPositions(whole[i]!));
    const located = parseStatement(p.text, { lineOffset: p.line - 1, columnOffset: p.column - 1 });
    assert.deepEqual(located.pos, whole[i]!.pos);
  });
  return whole.map((s) => s.kind);
}

describe('benchmark workloads', { skip: !existsSync(WORKLOADS) && 'no ../shared/bench/flink/workloads' }, () => {
  const files = existsSync(WORKLOADS) ? readdirSync(WORKLOADS).filter((f) => f.endsWith('.sql')).sort() : [];
  it('there are the 8 workload files', () => assert.equal(files.length, 8));
  for (const file of files) {
    it(file, () => {
      const sql = readFileSync(new URL(file, WORKLOADS), 'utf8').replaceAll('{{ROWS}}', '1000000').replaceAll('{{SEQ_END}}', '999999');
      const kinds = checkScript(sql);
      assert.ok(kinds.length >= 2);
    });
  }

  it('00_source.sql: the computed event-time column and its watermark', () => {
    const sql = readFileSync(new URL('00_source.sql', WORKLOADS), 'utf8');
    const [table, view] = parseStatements(sql);
    const t = table as CreateTable;
    assert.equal(t.columns.length, 8);
    assert.equal(t.columns[7]!.kind, 'ComputedColumn');
    assert.equal(t.columns[7]!.name.name, 'dateTime');
    assert.equal(t.watermark!.column.name, 'dateTime');
    assert.equal(t.options.find((o) => o.key === 'number-of-rows')!.value, '{{ROWS}}');
    assert.equal(view!.kind, 'CreateView');
  });

  it('w4_tumble.sql: the window TVF in FROM', () => {
    const sql = readFileSync(new URL('w4_tumble.sql', WORKLOADS), 'utf8');
    const insert = parseStatements(sql)[1] as InsertStatement;
    const from = (insert.query.body as Select).from!;
    assert.equal(from.kind, 'TableFunctionRef');
    assert.deepEqual(from.kind === 'TableFunctionRef' ? from.call.args.map((a) => a.kind) : [], ['TableArg', 'DescriptorArg', 'IntervalLiteral']);
  });
});

describe('CDC story', () => {
  it('the salesdb demo script', { skip: !existsSync(SALESDB) && 'no examples/salesdb/salesdb.sql' }, () => {
    const kinds = checkScript(readFileSync(SALESDB, 'utf8'));
    assert.deepEqual(kinds.filter((k) => k === 'CreateTable').length, 4);
    assert.equal(kinds.at(-1), 'InsertStatement');
  });

  const STORY = `
SET 'sql-client.execution.result-mode' = 'table';
SET execution.runtime-mode = streaming;
CREATE TABLE customer (
  origin_ts TIMESTAMP(3) METADATA FROM 'value.ingestion-timestamp' VIRTUAL,
  event_time TIMESTAMP(3) METADATA FROM 'value.source.timestamp' VIRTUAL,
  origin_database STRING METADATA FROM 'value.source.database' VIRTUAL,
  origin_table STRING METADATA FROM 'value.source.table' VIRTUAL,
  CUST_ID INT,
  NAME STRING,
  MKTSEGMENT STRING,
  WATERMARK FOR event_time AS event_time
) WITH (
  'connector' = 'kafka',
  'topic' = 'salesdb.salesdb.CUSTOMER',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'value.format' = 'debezium-json'
);
SELECT * FROM customer;
CREATE TABLE customer_order_summary (
  order_count BIGINT,
  cust_id INT,
  name STRING,
  mktsegment STRING,
  ts TIMESTAMP_LTZ(3),
  PRIMARY KEY (cust_id) NOT ENFORCED
) WITH ('connector' = 'upsert-kafka', 'topic' = 'summary', 'key.format' = 'json', 'value.format' = 'json');
INSERT INTO customer_order_summary
SELECT COUNT(O.order_id), C.cust_id, C.name, C.mktsegment, PROCTIME()
FROM customer C JOIN customer_site CS ON C.cust_id = CS.cust_id
JOIN sales_order_all O ON O.site_id = CS.site_id
GROUP BY C.cust_id, C.name, C.mktsegment;
SET table.dml-sync = true;
`;

  it('the statements of the walkthrough', () => {
    assert.deepEqual(checkScript(STORY), [
      'SetStatement', 'SetStatement', 'CreateTable', 'QueryStatement', 'CreateTable', 'InsertStatement', 'SetStatement',
    ]);
    const [, runtimeMode, customer] = parseStatements(STORY);
    assert.deepEqual(stripPositions(runtimeMode), { kind: 'SetStatement', key: 'execution.runtime-mode', value: 'streaming' });
    const meta = (customer as CreateTable).columns.filter((c) => c.kind === 'MetadataColumn');
    assert.deepEqual(meta.map((c) => c.kind === 'MetadataColumn' && [c.name.name, c.key, c.virtual]), [
      ['origin_ts', 'value.ingestion-timestamp', true], ['event_time', 'value.source.timestamp', true],
      ['origin_database', 'value.source.database', true], ['origin_table', 'value.source.table', true],
    ]);
  });

  it('the aggregate query prints as one line of SQL', () => {
    const insert = parseStatements(STORY)[5]!;
    assert.equal(formatStatement(insert),
      'INSERT INTO customer_order_summary SELECT COUNT(O.order_id), C.cust_id, C.name, C.mktsegment, PROCTIME() '
      + 'FROM customer AS C JOIN customer_site AS CS ON C.cust_id = CS.cust_id JOIN sales_order_all AS O ON O.site_id = CS.site_id '
      + 'GROUP BY C.cust_id, C.name, C.mktsegment');
  });
});
