import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { murmur3, keyGroupRangeFor, subtaskForKeyGroup, keyGroupOf, hashKey, canonicalKey } from './key-group.ts';

test('murmur3 matches the reference x86_32 vectors', () => {
  // Reference values of MurmurHash3_x86_32 with seed 0 (from the SMHasher test vectors).
  const enc = new TextEncoder();
  assert.equal(murmur3(new Uint8Array(0)), 0);
  assert.equal(murmur3(enc.encode('a')), 0x3c2569b2);
  assert.equal(murmur3(enc.encode('abc')), 0xb3dd93fa);
  assert.equal(murmur3(enc.encode('Hello, world!')), 0xc0363e43);
  assert.equal(murmur3(enc.encode('The quick brown fox jumps over the lazy dog')), 0x2e4ff723);
});

test('string keys hash their UTF-8 bytes', () => {
  const enc = new TextEncoder();
  for (const s of ['', 'x', 'wörter', '日本語', 'a longer key with spaces']) {
    assert.equal(hashKey(s), murmur3(enc.encode(s)));
  }
});

test('subtask ranges partition all key groups, and subtaskForKeyGroup inverts them', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 64 }), (max, p0) => {
    const p = Math.min(p0, max);
    let next = 0;
    for (let i = 0; i < p; i++) {
      const r = keyGroupRangeFor(i, p, max);
      assert.equal(r.start, next);
      assert.ok(r.end > r.start, 'every subtask owns at least one group when p <= max');
      for (let g = r.start; g < r.end; g++) assert.equal(subtaskForKeyGroup(g, p, max), i);
      next = r.end;
    }
    assert.equal(next, max);
  }));
});

test('the same key lands in the same group whatever its spelling', () => {
  assert.equal(keyGroupOf(0, 128), keyGroupOf(-0, 128));
  assert.equal(canonicalKey({ a: 1, b: 'x' }), canonicalKey({ b: 'x', a: 1 }));
  assert.notEqual(canonicalKey(['1']), canonicalKey([1]));
  fc.assert(fc.property(fc.anything(), (k) => {
    try { canonicalKey(k); } catch { return; }
    const g = keyGroupOf(k, 128);
    assert.ok(g >= 0 && g < 128);
    assert.equal(keyGroupOf(structuredClone(k), 128), g);
  }), { numRuns: 200 });
});
