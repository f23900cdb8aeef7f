import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../core/errors.ts';
import type { Row } from '../../core/row.ts';
import { rowType, Types } from '../../core/types/logical-type.ts';
import { rawRowFormat as format } from './raw-row-format.ts';

test('the whole message is the single column, as a string or bytes; null stays null', () => {
  const rows: Row[] = [];
  const text = format.createDecoder({ physicalType: rowType([['line', Types.STRING()]]), metadataKeys: [], options: {}, source: 'x' });
  text.decode('{"not":"parsed"}', (r) => rows.push(r));
  text.decode(new TextEncoder().encode('héllo'), (r) => rows.push(r));
  text.decode('', (r) => rows.push(r));
  text.decode(null, (r) => rows.push(r));
  assert.deepEqual(rows.map((r) => r.fields[0]), ['{"not":"parsed"}', 'héllo', '', null]);
  const bytes = format.createDecoder({ physicalType: rowType([['b', Types.BYTES()]]), metadataKeys: [], options: {}, source: 'x' });
  bytes.decode('AB', (r) => assert.deepEqual(r.fields[0], new Uint8Array([65, 66])));
  assert.equal(format.createEncoder({ physicalType: rowType([['line', Types.STRING()]]), options: {} }).encode({ kind: '+I', fields: ['a b'] }), 'a b');
});

test('raw needs exactly one STRING or BYTES column', () => {
  assert.throws(() => format.createDecoder({ physicalType: rowType([['a', Types.STRING()], ['b', Types.STRING()]]), metadataKeys: [], options: {}, source: 'x' }), (e: unknown) => e instanceof ConfigError && /single physical column, but the table has 2: a, b/.test(e.message));
  assert.throws(() => format.createEncoder({ physicalType: rowType([['a', Types.INT()]]), options: {} }), /STRING or BYTES column, but 'a' is INT/);
});
