import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalKey } from '../../core/key-group.ts';
import { storageKeyOf } from './storage-key.ts';

test('primitives are their own storage key; composites are NUL + canonical text', () => {
  assert.equal(storageKeyOf(42), 42);
  assert.equal(storageKeyOf('abc'), 'abc');
  assert.equal(storageKeyOf(5n), 5n);
  assert.equal(storageKeyOf(null), null);
  assert.equal(storageKeyOf([1, 'a']), '\0[n1,sa]');
  assert.equal(storageKeyOf('\0x'), '\0\0x');
  assert.throws(() => storageKeyOf(Symbol('s')), TypeError);
});

test('two keys share a storage key exactly when their canonical forms are equal', () => {
  const key = fc.oneof(
    fc.integer(), fc.boolean(), fc.bigInt(), fc.string({ unit: 'binary', maxLength: 6 }),
    fc.constantFrom('[n1]', '\0[n1]', '\0\0[n1]', '{}', '\0{}'),
    fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', '\0')), { maxLength: 3 }),
    fc.record({ a: fc.integer({ min: 0, max: 2 }) }),
  );
  fc.assert(fc.property(key, key, (a, b) => {
    assert.equal(storageKeyOf(a) === storageKeyOf(b), canonicalKey(a) === canonicalKey(b));
  }), { numRuns: 2000 });
});
