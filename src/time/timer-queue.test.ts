import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TimerQueue, type HeapTimer } from './timer-queue.ts';
import { canonicalKey } from '../core/key-group.ts';

const drain = (q: TimerQueue): HeapTimer[] => {
  const out: HeapTimer[] = [];
  for (let t = q.poll(); t !== undefined; t = q.poll()) out.push(t);
  return out;
};

test('timers are one per (key, namespace, timestamp): keys of different types or spellings do not collide', () => {
  const q = new TimerQueue();
  const adds: [unknown, string][] = [['a|b', 'c'], ['a', 'b|c'], [1, 'w'], ['1', 'w'], ['[n1]', 'w'], [[1], 'w'], ['n1', 'w'], [10n, 'w'], ['b10', 'w'], [{ a: 1, b: 2 }, 'w'], [true, 'w'], ['t', 'w'], [null, 'w'], [undefined, 'w']];
  for (const [k, ns] of adds) assert.equal(q.add(k, ns, 5, 0), true, `add ${String(k)} ${ns}`);
  assert.equal(q.size, adds.length);
  // The same timers again, some spelled differently.
  for (const [k, ns] of [...adds, [{ b: 2, a: 1 }, 'w'], [10n, 'w'], [[1], 'w']] as [unknown, string][]) {
    assert.equal(q.add(k, ns, 5, 0), false, `re-add ${String(k)} ${ns}`);
  }
  assert.equal(q.add(0, 'w', 5, 0), true);
  assert.equal(q.add(-0, 'w', 5, 0), false, '0 and -0 are one key');
  assert.equal(q.add(Number.NaN, 'w', 5, 0), true);
  assert.equal(q.add(Number.NaN, 'w', 5, 0), false);
  assert.equal(q.remove({ b: 2, a: 1 }, 'w', 5), true);
  assert.equal(q.remove({ b: 2, a: 1 }, 'w', 5), false);
  assert.equal(q.remove('a', 'b|c', 6), false);
  assert.equal(q.size, adds.length + 1);
  assert.equal(drain(q).length, adds.length + 1);
});

/** The documented order of equal timestamps, written independently of the queue: key group, key, namespace. */
const KEY_TYPES = ['number', 'string', 'bigint', 'boolean', 'undefined'];
function specOrder(a: HeapTimer, b: HeapTimer): number {
  const rank = (k: unknown): number => (k === null ? 5 : typeof k === 'object' ? 6 : KEY_TYPES.indexOf(typeof k));
  const cmp = (x: unknown, y: unknown): number => ((x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0);
  return a.timestamp - b.timestamp || a.keyGroup - b.keyGroup || rank(a.key) - rank(b.key)
    || (rank(a.key) === 6 ? cmp(canonicalKey(a.key), canonicalKey(b.key)) : cmp(a.key, b.key))
    || cmp(a.namespace, b.namespace);
}

const keyArb = fc.oneof(fc.nat(12), fc.constantFrom('a', 'b', 'ab', 'B', ''), fc.constantFrom(5n, true, false), fc.nat(3).map((n) => ({ id: n })), fc.nat(3).map((n) => [n, 'x']));
const show = (t: HeapTimer | undefined): string | undefined => (t === undefined ? undefined : `${canonicalKey(t.key)} ${t.namespace} ${t.timestamp} g${t.keyGroup}`);

test('property: the queue polls in (timestamp, key group, key, namespace) order and agrees with a model under adds and removes', () => {
  const op = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), key: keyArb, ns: fc.constantFrom('w', 'v', 'w2'), ts: fc.nat(20) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), key: keyArb, ns: fc.constantFrom('w', 'v', 'w2'), ts: fc.nat(20) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('poll' as const), due: fc.nat(25) }) },
  );
  fc.assert(fc.property(fc.array(op, { maxLength: 400, size: 'max' }), (ops) => {
    const q = new TimerQueue();
    const model = new Map<string, HeapTimer>();
    const groupOf = (key: unknown): number => canonicalKey(key).length % 3;
    const first = (due: number): HeapTimer | undefined => [...model.values()].filter((t) => t.timestamp <= due).sort(specOrder)[0];
    for (const o of ops) {
      if (o.kind === 'poll') {
        const expected = first(o.due);
        const got = q.pollDue(o.due);
        assert.equal(show(got), show(expected));
        assert.equal(got?.queued ?? false, false);
        if (expected) model.delete(`${canonicalKey(expected.key)} ${expected.namespace} ${expected.timestamp}`);
      } else {
        const id = `${canonicalKey(o.key)} ${o.ns} ${o.ts}`;
        if (o.kind === 'add') {
          const added = q.add(o.key, o.ns, o.ts, groupOf(o.key));
          assert.equal(added, !model.has(id));
          if (added) model.set(id, { key: o.key, namespace: o.ns, timestamp: o.ts, keyGroup: groupOf(o.key) } as HeapTimer);
        } else {
          assert.equal(q.remove(o.key, o.ns, o.ts), model.delete(id));
        }
      }
      assert.equal(q.size, model.size);
      assert.equal(q.peekTimestamp(), first(Number.POSITIVE_INFINITY)?.timestamp);
      assert.equal(q.values().length, model.size);
    }
    // Draining gives everything left, in order.
    assert.deepEqual(drain(q).map(show), [...model.values()].sort(specOrder).map(show));
  }), { numRuns: 200 });
});

test('property: the polling order depends only on the set of timers, not on the order of adds; large timestamps too', () => {
  // Up to 58 distinct (key, namespace) per timestamp, so buckets above the counting sort's threshold occur.
  const timerArb = fc.record({ key: keyArb, ns: fc.constantFrom('w', 'v'), ts: fc.nat(1) });
  fc.assert(fc.property(fc.array(timerArb, { maxLength: 200 }), fc.integer(), fc.constantFrom(2, 7), (timers, seed, groups) => {
    const order = (list: typeof timers): (string | undefined)[] => {
      const q = new TimerQueue();
      for (const t of list) q.add(t.key, t.ns, t.ts, canonicalKey(t.key).length % groups);
      const drained = drain(q);
      assert.deepEqual(drained.map(show), [...drained].sort(specOrder).map(show));
      return drained.map(show);
    };
    // A seeded shuffle.
    const shuffled = [...timers];
    let s = seed >>> 0;
    for (let i = shuffled.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const j = s % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    assert.deepEqual(order(shuffled), order(timers));
  }), { numRuns: 200 });
});

test('while a timestamp is polled, new timers of it take their place in the order; removed ones are skipped', () => {
  const q = new TimerQueue();
  for (const k of [1, 3, 5, 7]) q.add(k, 'w', 10, 0);
  assert.equal(q.pollDue(10)?.key, 1);
  q.add(4, 'w', 10, 0);
  q.add(0, 'w', 10, 0); // sorts before the polled ones: next
  q.remove(5, 'w', 10);
  q.add(2, 'w', 9, 0); // an earlier timestamp comes first
  assert.deepEqual([q.pollDue(10), q.pollDue(10), q.pollDue(10), q.pollDue(10)].map((t) => t?.key), [2, 0, 3, 4]);
  q.add(1, 'w', 10, 0); // re-added after it was polled
  assert.deepEqual(drain(q).map((t) => t.key), [1, 7]);
  assert.equal(q.size, 0);
  assert.equal(q.peekTimestamp(), undefined);
});
