import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputFormatError } from '../../core/errors.ts';
import type { Row } from '../../core/row.ts';
import { rowType, Types } from '../../core/types/logical-type.ts';
import { applyChangelog, assertChangelog, decodeLines, expectedTable, readExpected } from '../changelog-test-support.ts';
import { canalJsonRowFormat as format } from './canal-json-row-format.ts';

test('canal-data.txt: multi-row messages, UPDATE before images from old, DDL skipped', () => {
  const type = expectedTable(readExpected('canal/expected-flink-canal-data-changelog.json'));
  const rows = decodeLines(format, 'canal/flink/canal-data.txt', type);
  assertChangelog('canal/expected-flink-canal-data-changelog.json', 'canal/expected-flink-canal-data-final.json', rows);
});

test('canal-data-filter-table.txt with database and table include regexes keeps only mydb.product', () => {
  const type = expectedTable(readExpected('canal/expected-flink-canal-data-filter-table-changelog.json'));
  const options = { 'database.include': '^my.*', 'table.include': '^prod.*' };
  const rows = decodeLines(format, 'canal/flink/canal-data-filter-table.txt', type, options);
  assertChangelog('canal/expected-flink-canal-data-filter-table-changelog.json', 'canal/expected-flink-canal-data-filter-table-final.json', rows);
  // Without the filter, rows of the other tables come through as well (some with ids like 'A101').
  const all = decodeLines(format, 'canal/flink/canal-data-filter-table.txt', rowType([['id', Types.STRING()]]));
  assert.ok(all.length > rows.length);
  // The table regex must match the whole name, as Java's Matcher.matches(): 'prod' alone matches nothing.
  assert.equal(decodeLines(format, 'canal/flink/canal-data-filter-table.txt', type, { 'table.include': 'prod' }).length, 0);
});

test('metadata of the first filter-table message', () => {
  const keys = ['database', 'table', 'ingestion-timestamp', 'event-timestamp', 'pk-names'];
  const [first] = decodeLines(format, 'canal/flink/canal-data-filter-table.txt', rowType([['id', Types.STRING()]]), {}, keys);
  assert.deepEqual(first!.fields.slice(1), ['mydb', 'product', 1598944146308, 1598944132000, ['id']]);
});

test('values are strings cast by the schema; bad ones fail with the line or are skipped', () => {
  const type = rowType([['id', Types.INT()], ['price', Types.DECIMAL(10, 2)], ['at', Types.TIMESTAMP(3)]]);
  const good = '{"data":[{"id":"1","price":"12.345","at":"2020-01-01 12:00:00.5"}],"old":null,"type":"INSERT","database":"d","table":"t","isDdl":false}';
  const bad = '{"data":[{"id":"one","price":"1","at":null}],"type":"INSERT","isDdl":false}';
  const rows: Row[] = [];
  const decoder = format.createDecoder({ physicalType: type, metadataKeys: [], options: {}, source: 'canal' });
  decoder.decode(good, (r) => rows.push(r), { line: 1 });
  assert.deepEqual(rows[0]!.fields, [1, 1235n, Date.UTC(2020, 0, 1, 12, 0, 0, 500)]); // 12.345 rounds half-up to 12.35
  assert.throws(() => decoder.decode(bad, () => {}, { line: 7 }), (e: unknown) => e instanceof InputFormatError && e.line === 7 && /field 'id' \(INT\): 'one' is not an integer/.test(e.message));
  assert.throws(() => decoder.decode('{"data":[],"type":"MERGE"}', () => {}, { line: 8 }), /unknown "type" value "MERGE"/);
  let skipped = 0;
  const lenient = format.createDecoder({ physicalType: type, metadataKeys: [], options: { 'ignore-parse-errors': 'true' }, source: 'canal', onSkip: () => skipped++ });
  lenient.decode(bad, () => assert.fail('skipped'), { line: 7 });
  assert.equal(skipped, 1);
});

test('encoding writes {"data":[row],"type":..} per change and replays', () => {
  const type = rowType([['id', Types.INT()], ['name', Types.STRING()]]);
  const encoder = format.createEncoder({ physicalType: type, options: {} });
  const changes: Row[] = [{ kind: '+I', fields: [1, 'a'] }, { kind: '-U', fields: [1, 'a'] }, { kind: '+U', fields: [1, 'b'] }, { kind: '-D', fields: [1, 'b'] }, { kind: '+I', fields: [2, null] }];
  const lines = changes.map((r) => encoder.encode(r));
  assert.deepEqual(lines.slice(0, 2), ['{"data":[{"id":1,"name":"a"}],"type":"INSERT"}', '{"data":[{"id":1,"name":"a"}],"type":"DELETE"}']);
  const decoder = format.createDecoder({ physicalType: type, metadataKeys: [], options: {}, source: 'replay' });
  const replayed: Row[] = [];
  for (const l of lines) decoder.decode(l, (r) => replayed.push(r));
  assert.deepEqual(applyChangelog(replayed, [0]), [[2, null]]);
});
