import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Row } from '../../core/row.ts';
import { rowType, Types } from '../../core/types/logical-type.ts';
import { applyChangelog, assertChangelog, decodeLines, expectedTable, readExpected } from '../changelog-test-support.ts';
import { maxwellJsonRowFormat as format } from './maxwell-json-row-format.ts';

test('maxwell-data.txt gives the expected changelog and final table', () => {
  const rows = decodeLines(format, 'maxwell/flink/maxwell-data.txt', expectedTable(readExpected('maxwell/expected-flink-maxwell-data-changelog.json')));
  assertChangelog('maxwell/expected-flink-maxwell-data-changelog.json', 'maxwell/expected-flink-maxwell-data-final.json', rows);
});

test('metadata: database, table, primary key columns, ingestion time from seconds', () => {
  const keys = ['database', 'table', 'primary-key-columns', 'ingestion-timestamp'];
  const rows = decodeLines(format, 'maxwell/flink/maxwell-data.txt', rowType([['id', Types.INT()]]), {}, keys);
  // line 2: {"database":"test","table":"product","type":"insert","ts":1596684883,...,"primary_key_columns": ["id"]}
  assert.deepEqual(rows[1]!.fields, [102, 'test', 'product', ['id'], 1596684883000]);
});

test('unknown types fail; encoding writes {"data":..,"type":"insert"|"delete"}', () => {
  const type = rowType([['id', Types.INT()], ['w', Types.FLOAT()]]);
  const decoder = format.createDecoder({ physicalType: type, metadataKeys: [], options: {}, source: 'mx' });
  assert.throws(() => decoder.decode('{"type":"upsert","data":{"id":1}}', () => {}, { line: 3 }), /^InputFormatError: mx:3: .*unknown "type" value "upsert"/);
  const encoder = format.createEncoder({ physicalType: type, options: {} });
  const changes: Row[] = [{ kind: '+I', fields: [1, 1] }, { kind: '-U', fields: [1, 1] }, { kind: '+U', fields: [1, Math.fround(2.5)] }];
  const lines = changes.map((r) => encoder.encode(r));
  assert.deepEqual(lines, ['{"data":{"id":1,"w":1.0},"type":"insert"}', '{"data":{"id":1,"w":1.0},"type":"delete"}', '{"data":{"id":1,"w":2.5},"type":"insert"}']);
  const replayed: Row[] = [];
  for (const l of lines) decoder.decode(l, (r) => replayed.push(r));
  assert.deepEqual(applyChangelog(replayed, [0]), [[1, 2.5]]);
});
