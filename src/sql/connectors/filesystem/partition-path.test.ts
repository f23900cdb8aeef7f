import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Types } from '../../../core/types/logical-type.ts';
import { escapePathName, partitionPathBuilder, partitionValuesReader, unescapePathName } from './partition-path.ts';

test('partition names escape as Flink PartitionPathUtils does and unescape back', () => {
  assert.equal(escapePathName('a/b=c:d%e'), 'a%2Fb%3Dc%3Ad%25e');
  assert.equal(escapePathName('2020-01-01 12:00'), '2020-01-01 12%3A00');
  fc.assert(fc.property(fc.string(), (s) => unescapePathName(escapePathName(s)) === s));
});

test('paths are built from partition columns and read back typed, the default name as null', () => {
  const names = ['id', 'dt', 'hr'];
  const types = [Types.INT(), Types.DATE(), Types.INT()];
  const build = partitionPathBuilder(names, types, [1, 2], 'DEF');
  assert.equal(build([1, 18262, 9]), 'dt=2020-01-01/hr=9');
  assert.equal(build([1, null, 0]), 'dt=DEF/hr=0');
  const read = partitionValuesReader(['dt', 'hr'], [Types.DATE(), Types.INT()], 'DEF');
  assert.deepEqual(read('dt=2020-01-01/hr=9/part-0'), [18262, 9]);
  assert.deepEqual(read('dt=DEF/other/part-0'), [null, null]);
});
