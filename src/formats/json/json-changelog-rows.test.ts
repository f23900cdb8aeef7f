import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowType, Types } from '../../core/types/logical-type.ts';
import { changelogRows, metadataTypes, type JsonMetadata } from './json-changelog-rows.ts';

const type = rowType([['id', Types.INT()], ['name', Types.STRING()], ['w', Types.INT()]]);
const opts = { failOnMissingField: false, timestampStandard: 'SQL' } as const;
const METADATA: Record<string, JsonMetadata> = {
  table: { type: Types.STRING(), read: (m) => m.table },
  envelope: { type: Types.STRING(), read: (_m, root) => root.schema },
};

test('an update overlays the old values of the changed fields on the after image for -U', () => {
  const rows = changelogRows({ physicalType: type, metadataKeys: ['table'], options: {}, source: 't' }, 'x-json', METADATA, opts);
  const message = { table: 'products' };
  // after {id 1, name a, w 20}, old {w 10}: before is {id 1, name a, w 10}
  assert.deepEqual(rows.update({ id: 1, name: 'a', w: 20 }, { w: 10 }, message), [
    { kind: '-U', fields: [1, 'a', 10, 'products'] },
    { kind: '+U', fields: [1, 'a', 20, 'products'] },
  ]);
  // no old values: the before image is the after image
  assert.deepEqual(rows.update({ id: 2, name: 'b', w: 5 }, undefined, message).map((r) => r.fields), [[2, 'b', 5, 'products'], [2, 'b', 5, 'products']]);
});

test('metadata follows the physical fields in the requested order; root defaults to the message', () => {
  const rows = changelogRows({ physicalType: type, metadataKeys: ['envelope', 'table'], options: {}, source: 't' }, 'x-json', METADATA, opts);
  assert.deepEqual(rows.row('+I', { id: 3 }, { table: 'p', schema: 'inner' }).fields, [3, null, null, 'inner', 'p']);
  assert.deepEqual(rows.row('-D', { id: 3 }, { table: 'p' }, { schema: 'outer' }).fields, [3, null, null, 'outer', 'p']);
  assert.deepEqual(metadataTypes(METADATA), { table: Types.STRING(), envelope: Types.STRING() });
});

test('an unknown metadata key is a ConfigError naming the format and the keys it has', () => {
  assert.throws(
    () => changelogRows({ physicalType: type, metadataKeys: ['offset'], options: {}, source: 't' }, 'x-json', METADATA, opts),
    /x-json has no metadata key 'offset'; available: table, envelope/,
  );
});
