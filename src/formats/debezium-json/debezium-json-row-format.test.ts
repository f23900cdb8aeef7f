import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputFormatError } from '../../core/errors.ts';
import type { Row } from '../../core/row.ts';
import { rowType, Types } from '../../core/types/logical-type.ts';
import { applyChangelog, assertChangelog, decodeLines, expectedTable, readExpected, TESTDATA } from '../changelog-test-support.ts';
import { debeziumJsonRowFormat as format } from './debezium-json-row-format.ts';

test('Flink products: with and without the schema envelope, the changelog and final table match', () => {
  const type = expectedTable(readExpected('debezium/expected-flink-products-changelog.json'));
  const included = decodeLines(format, 'debezium/flink/debezium-data-schema-include.txt', type, { 'schema-include': 'true' });
  const excluded = decodeLines(format, 'debezium/flink/debezium-data-schema-exclude.txt', type);
  assert.equal(included.length, 20);
  assertChangelog('debezium/expected-flink-products-changelog.json', 'debezium/expected-flink-products-final.json', included);
  assertChangelog('debezium/expected-flink-products-changelog.json', 'debezium/expected-flink-products-final.json', excluded);
});

test('Flink products: metadata of the first event', () => {
  const type = rowType([['id', Types.INT(false)]]);
  const keys = ['ingestion-timestamp', 'source.timestamp', 'source.database', 'source.table', 'source.properties', 'schema'];
  const [first] = decodeLines(format, 'debezium/flink/debezium-data-schema-include.txt', type, { 'schema-include': 'true' }, keys);
  const [id, ingestion, sourceTs, db, table, props, schema] = first!.fields as [number, number, number, string, string, Map<string, string | null>, string];
  assert.equal(id, 101);
  assert.equal(ingestion, 1589355606100);
  assert.equal(sourceTs, 0);
  assert.equal(db, 'inventory');
  assert.equal(table, 'products');
  assert.equal(props.size, 14);
  assert.equal(props.get('snapshot'), 'true');
  assert.equal(props.get('ts_ms'), '0');
  assert.match(schema, /^\{"type":"struct"/);
  const [noSchema] = decodeLines(format, 'debezium/flink/debezium-data-schema-exclude.txt', type, {}, ['schema']);
  assert.equal(noSchema!.fields[1], null);
});

test('RisingWave customers: both files and the Kafka records with a tombstone give the expected table', () => {
  const type = expectedTable(readExpected('debezium/expected-risingwave-customers-changelog.json'));
  const withSchema = decodeLines(format, 'debezium/risingwave/debezium_log.1', type, { 'schema-include': 'true' });
  const noSchema = decodeLines(format, 'debezium/risingwave/debezium_log_no_schema_field.1', type);
  assertChangelog('debezium/expected-risingwave-customers-changelog.json', 'debezium/expected-risingwave-customers-final.json', withSchema);
  assertChangelog('debezium/expected-risingwave-customers-changelog.json', 'debezium/expected-risingwave-customers-final.json', noSchema);

  const decoder = format.createDecoder({ physicalType: type, metadataKeys: [], options: {}, source: 'kafka' });
  const rows: Row[] = [];
  const records = readFileSync(join(TESTDATA, 'debezium/constructed/kafka-records-customers-with-tombstone.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
  let tombstones = 0;
  for (const line of records) {
    const record = JSON.parse(line) as { offset: number; value: string | null };
    const before = rows.length;
    decoder.decode(record.value === null ? null : new TextEncoder().encode(record.value), (r) => rows.push(r), { offset: record.offset });
    if (record.value === null) {
      tombstones++;
      assert.equal(rows.length, before, 'a tombstone yields nothing');
    }
  }
  assert.equal(tombstones, 1);
  decoder.decode(new Uint8Array(0), () => assert.fail('an empty message yields nothing'));
  assertChangelog('debezium/expected-risingwave-customers-changelog.json', 'debezium/expected-risingwave-customers-final.json', rows);
});

test('RisingWave lineitem: {"payload":..} without a schema key, upper-case columns matched ignoring case', () => {
  const type = rowType([['l_orderkey', Types.BIGINT()], ['l_linenumber', Types.INT()], ['l_quantity', Types.DECIMAL(15, 2)], ['l_shipdate', Types.DATE()], ['l_comment', Types.STRING()]]);
  const rows = decodeLines(format, 'debezium/risingwave/debezium_ignore_case_json.1', type);
  assert.deepEqual(rows.map((r) => [r.kind, r.fields[0], r.fields[1]]), [['+I', 56165, 1], ['+I', 56166, 1], ['+I', 56166, 2]]);
  assert.equal(rows[0]!.fields[2], 3900n); // 39.0 as DECIMAL(15, 2)
  assert.equal(rows[0]!.fields[3], 8208); // 1992-06-22 is day 8208 after 1970-01-01
  assert.equal(rows[0]!.fields[4], 's. packages sleep s');
});

test('Debezium 3.0.1 events (ts_us/ts_ns, field order changed) decode', () => {
  const type = rowType([['id', Types.INT()], ['first_name', Types.STRING()], ['last_name', Types.STRING()], ['email', Types.STRING()]]);
  const rows = decodeLines(format, 'debezium/debezium-examples/engine-wasm-mysql-3.0.1-payload-only.jsonl', type, {}, ['source.database', 'source.table']);
  assert.deepEqual(rows.map((r) => r.kind), ['+I', '-U', '+U']);
  assert.equal(rows[0]!.fields.length, 6);
  assert.equal(typeof rows[0]!.fields[0], 'number');
  assert.deepEqual(rows[1]!.fields[0], rows[2]!.fields[0]);
});

test('malformed messages fail with the line and reason, or are skipped and counted', () => {
  const type = rowType([['id', Types.INT()], ['name', Types.STRING()]]);
  const lines = ['{"before":null,"after":{"id":1,"name":"a"},"op":"c"}', '{"before":null,"after":{"id":"x","name":"b"},"op":"c"}', '{not json', '{"before":null,"after":{"id":2},"op":"z"}', '{"before":null,"after":{"id":3,"name":"c"},"op":"r"}'];
  const strict = format.createDecoder({ physicalType: type, metadataKeys: [], options: {}, source: 'orders.jsonl' });
  const out: Row[] = [];
  strict.decode(lines[0]!, (r) => out.push(r), { line: 1 });
  assert.throws(() => strict.decode(lines[1]!, (r) => out.push(r), { line: 2 }), (e: unknown) => {
    assert.ok(e instanceof InputFormatError);
    assert.equal(e.line, 2);
    assert.match(e.message, /^orders\.jsonl:2: Failed to deserialize Debezium JSON '.*': field 'id' \(INT\): 'x' is not an integer$/);
    return true;
  });
  assert.throws(() => strict.decode(lines[2]!, () => {}, { line: 3 }), /^InputFormatError: orders\.jsonl:3: Failed to deserialize Debezium JSON '\{not json': .*JSON/);
  assert.throws(() => strict.decode(lines[3]!, () => {}, { line: 4 }), /unknown "op" value "z"/);
  assert.throws(() => strict.decode('{"before":null,"after":{"id":1},"op":"u"}', () => {}, { offset: 17 }), /^InputFormatError: orders\.jsonl @ offset:17: .*"before" field of the update message is null/);

  const skipped: string[] = [];
  const lenient = format.createDecoder({ physicalType: type, metadataKeys: [], options: { 'ignore-parse-errors': 'true' }, source: 'orders.jsonl', onSkip: (r) => skipped.push(r) });
  const kept: Row[] = [];
  lines.forEach((l, i) => lenient.decode(l, (r) => kept.push(r), { line: i + 1 }));
  assert.deepEqual(kept.map((r) => r.fields[0]), [1, 3]);
  assert.equal(skipped.length, 3);
  assert.match(skipped[0]!, /^orders\.jsonl:2: /);
});

test('encoding writes before/after/op as Flink does, and the output replays to the same table', () => {
  const type = rowType([['id', Types.BIGINT()], ['price', Types.DECIMAL(20, 2)], ['name', Types.STRING()]]);
  const encoder = format.createEncoder({ physicalType: type, options: {} });
  const changes: Row[] = [
    { kind: '+I', fields: [1, 1999n, 'a'] },
    { kind: '+I', fields: [2n ** 62n, 123456789012345678n, 'b'] },
    { kind: '-U', fields: [1, 1999n, 'a'] },
    { kind: '+U', fields: [1, 2500n, 'a2'] },
    { kind: '-D', fields: [2n ** 62n, 123456789012345678n, 'b'] },
  ];
  const lines = changes.map((r) => encoder.encode(r));
  assert.equal(lines[0], '{"before":null,"after":{"id":1,"price":19.99,"name":"a"},"op":"c"}');
  assert.equal(lines[1], '{"before":null,"after":{"id":4611686018427387904,"price":1234567890123456.78,"name":"b"},"op":"c"}');
  assert.equal(lines[2], '{"before":{"id":1,"price":19.99,"name":"a"},"after":null,"op":"d"}');
  assert.equal(lines[3], '{"before":null,"after":{"id":1,"price":25.00,"name":"a2"},"op":"c"}');
  const decoder = format.createDecoder({ physicalType: type, metadataKeys: [], options: {}, source: 'replay' });
  const replayed: Row[] = [];
  for (const l of lines) decoder.decode(l, (r) => replayed.push(r));
  assert.deepEqual(replayed.map((r) => r.fields), changes.map((r) => r.fields), 'exact 64-bit ids and decimals survive the round trip');
  assert.deepEqual(applyChangelog(replayed, [0]), [[1, 2500n, 'a2']]);
  assert.throws(() => format.createEncoder({ physicalType: type, options: { 'schema-include': 'true' } }), /doesn't support 'debezium-json\.schema-include'/);
});
