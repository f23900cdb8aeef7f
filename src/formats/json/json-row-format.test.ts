import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, InputFormatError } from '../../core/errors.ts';
import type { Row } from '../../core/row.ts';
import { rowType, Types } from '../../core/types/logical-type.ts';
import { jsonRowFormat as format } from './json-row-format.ts';

const type = rowType([
  ['id', Types.BIGINT()], ['price', Types.DECIMAL(38, 10)], ['w', Types.FLOAT()], ['d', Types.DOUBLE()], ['ts', Types.TIMESTAMP(3)],
  ['ltz', Types.TIMESTAMP_LTZ(3)], ['day', Types.DATE()], ['tags', Types.ARRAY(Types.STRING())], ['attrs', Types.MAP(Types.STRING(), Types.INT())],
  ['pos', Types.ROW([{ name: 'x', type: Types.INT() }, { name: 'y', type: Types.INT() }])], ['ok', Types.BOOLEAN()],
]);

function decode(line: string, options: Record<string, string> = {}, t = type): Row[] {
  const rows: Row[] = [];
  format.createDecoder({ physicalType: t, metadataKeys: [], options, source: 'in.json' }).decode(line, (r) => rows.push(r), { line: 1 });
  return rows;
}

test('values of every type convert exactly: 64-bit integers and wide decimals from their digits', () => {
  const [row] = decode('{"id":9223372036854775807,"price":12345678901234567890.0123456789,"w":3.140000104904175,"d":1,"ts":"2020-01-01 12:00:00.123","ltz":"2020-01-01T12:00:00Z","day":"2020-01-01","tags":["a",null],"attrs":{"k":1},"pos":{"x":1,"y":2},"ok":true}');
  assert.deepEqual(row!.fields, [
    9223372036854775807n, 123456789012345678900123456789n, Math.fround(3.14), 1, Date.UTC(2020, 0, 1, 12, 0, 0, 123),
    Date.UTC(2020, 0, 1, 12), 18262, ['a', null], new Map([['k', 1]]), [1, 2], true,
  ]);
  assert.equal(row!.kind, '+I');
  const [small] = decode('{"id":42,"price":0.1}');
  assert.deepEqual(small!.fields.slice(0, 2), [42, 1_000_000_000n]);
  const [iso] = decode('{"ts":"2020-01-01T12:00:00"}', { 'timestamp-format.standard': 'ISO-8601' });
  assert.equal(iso!.fields[4], Date.UTC(2020, 0, 1, 12));
});

test('missing fields are null unless fail-on-missing-field; both error switches at once are rejected', () => {
  assert.deepEqual(decode('{}')[0]!.fields, Array(11).fill(null));
  assert.throws(() => decode('{"id":1}', { 'fail-on-missing-field': 'true' }), /in\.json:1: Failed to deserialize JSON '\{"id":1\}': field 'price' \(DECIMAL\(38, 10\)\): the field is missing/);
  assert.throws(() => decode('{}', { 'fail-on-missing-field': 'true', 'ignore-parse-errors': 'true' }), (e: unknown) => e instanceof ConfigError && /shouldn't both be true/.test(e.message));
  assert.throws(() => decode('{}', { 'timestamp-format.standard': 'RFC' }), /Invalid value for option 'json\.timestamp-format\.standard': 'RFC'\. Allowed values are: SQL, ISO-8601/);
});

test('malformed lines fail with line and reason, or are skipped and counted', () => {
  assert.throws(() => decode('[1,2]'), (e: unknown) => e instanceof InputFormatError && /the message is not a JSON object/.test(e.message));
  assert.throws(() => decode('{"pos":{"x":"a"}}'), /field 'pos\.x' \(INT\): 'a' is not an integer/);
  assert.throws(() => decode('{"ts":"yesterday"}'), /field 'ts' \(TIMESTAMP\): 'yesterday' is not a timestamp/);
  assert.throws(() => decode('{"id":1e400}'), /field 'id'/);
  const skipped: string[] = [];
  const decoder = format.createDecoder({ physicalType: type, metadataKeys: [], options: { 'ignore-parse-errors': 'true' }, source: 'in.json', onSkip: (r) => skipped.push(r) });
  const rows: Row[] = [];
  for (const [i, l] of ['{"id":1}', '{"id":', '{"id":"x"}', '', '{"id":2}'].entries()) decoder.decode(l, (r) => rows.push(r), { line: i + 1 });
  assert.deepEqual(rows.map((r) => r.fields[0]), [1, 2]);
  assert.deepEqual(skipped.map((s) => s.split(':')[1]), ['2', '3']);
});

test('encoding writes Flink JSON text and reads back to the same values', () => {
  const encoder = format.createEncoder({ physicalType: type, options: {} });
  const fields = [2n ** 63n - 1n, 5n, Math.fround(0.5), 2, Date.UTC(2020, 0, 1, 12, 0, 0, 120), Date.UTC(2020, 0, 1), 0, ['x'], new Map([['k', 2]]), [3, null], false];
  const text = encoder.encode({ kind: '+I', fields });
  assert.equal(text, '{"id":9223372036854775807,"price":0.0000000005,"w":0.5,"d":2.0,"ts":"2020-01-01 12:00:00.12","ltz":"2020-01-01 00:00:00Z","day":"1970-01-01","tags":["x"],"attrs":{"k":2},"pos":{"x":3,"y":null},"ok":false}');
  assert.deepEqual(decode(text)[0]!.fields, fields);
  const iso = format.createEncoder({ physicalType: rowType([['ts', Types.TIMESTAMP(3)], ['n', Types.INT()]]), options: { 'timestamp-format.standard': 'ISO-8601', 'encode.ignore-null-fields': 'true' } });
  assert.equal(iso.encode({ kind: '+I', fields: [0, null] }), '{"ts":"1970-01-01T00:00:00"}');
  const nullKey = rowType([['m', Types.MAP(Types.STRING(), Types.INT())]]);
  const row = { kind: '+I' as const, fields: [new Map<string | null, number>([[null, 1], ['a', 2]])] };
  assert.throws(() => format.createEncoder({ physicalType: nullKey, options: {} }).encode(row), /null key/);
  assert.equal(format.createEncoder({ physicalType: nullKey, options: { 'map-null-key.mode': 'DROP' } }).encode(row), '{"m":{"a":2}}');
  assert.equal(format.createEncoder({ physicalType: nullKey, options: { 'map-null-key.mode': 'LITERAL', 'map-null-key.literal': 'N' } }).encode(row), '{"m":{"N":1,"a":2}}');
});
