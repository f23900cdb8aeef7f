import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MaterializedResult } from './materialized-result.ts';

test('the changelog of a GROUP BY leaves the current rows, in the order they were added', () => {
  const m = new MaterializedResult(100);
  m.apply('+I', ['Bob', '1']);
  m.apply('+I', ['Alice', '1']);
  m.apply('-U', ['Bob', '1']);
  m.apply('+U', ['Bob', '2']);
  m.apply('+I', ['Greg', '1']);
  m.apply('-D', ['Alice', '1']);
  assert.deepEqual(m.rows(), [['Bob', '2'], ['Greg', '1']]);
  assert.equal(m.size, 2);
  assert.equal(m.changes, 6);
});

test('duplicates are kept as separate rows; a retraction removes one of them', () => {
  const m = new MaterializedResult(100);
  m.apply('+I', ['a']);
  m.apply('+I', ['a']);
  m.apply('-D', ['a']);
  assert.deepEqual(m.rows(), [['a']]);
});

test('past maxRows the oldest rows are dropped', () => {
  const m = new MaterializedResult(2);
  m.apply('+I', ['1']);
  m.apply('+I', ['2']);
  m.apply('+I', ['3']);
  assert.deepEqual(m.rows(), [['2'], ['3']]);
  m.apply('-D', ['1']); // already dropped: ignored
  assert.equal(m.size, 2);
});

test('property: the rows equal a multiset that applies the same changes', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 5 })), { maxLength: 3000 }), (ops) => {
    const m = new MaterializedResult(1_000_000);
    const counts = new Map<number, number>();
    for (const [add, v] of ops) {
      const n = counts.get(v) ?? 0;
      if (add) {
        m.apply('+I', [String(v)]);
        counts.set(v, n + 1);
      } else if (n > 0) {
        m.apply('-D', [String(v)]);
        counts.set(v, n - 1);
      }
    }
    const expected = [...counts].flatMap(([v, n]) => Array.from({ length: n }, () => String(v))).sort();
    assert.deepEqual(m.rows().map((r) => r[0]).sort(), expected);
  }));
});
