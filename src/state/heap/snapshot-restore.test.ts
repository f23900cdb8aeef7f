import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RestoreError } from '../../core/errors.ts';
import { canonicalKey, keyGroupOf, keyGroupRangeFor, subtaskForKeyGroup } from '../../core/key-group.ts';
import { VOID_NAMESPACE } from '../keyed-state-backend.ts';
import { aggregatingState, listState, mapState, reducingState, valueState, type AggregateFunction } from '../state-descriptor.ts';
import { HeapKeyedStateBackend } from './heap-keyed-state-backend.ts';

const MAX = 128;
const backendFor = (subtask: number, parallelism: number, now?: () => number): HeapKeyedStateBackend =>
  new HeapKeyedStateBackend({ keyGroupRange: keyGroupRangeFor(subtask, parallelism, MAX), maxParallelism: MAX, now });

const count: AggregateFunction<string, number, number> = {
  createAccumulator: () => 0,
  add: (_, acc) => acc + 1,
  getResult: (acc) => acc,
  merge: (a, b) => a + b,
};

const descriptors = {
  value: valueState<unknown>('value'),
  list: listState<number>('list'),
  map: mapState<unknown, string>('map'),
  sum: reducingState<bigint>('sum', (a, b) => a + b),
  count: aggregatingState('count', count),
};

/** Fills every kind of state for a few keys, one of them composite, some in a window namespace. */
function fill(b: HeapKeyedStateBackend): void {
  const value = b.getState(descriptors.value);
  const list = b.getState(descriptors.list);
  const map = b.getState(descriptors.map);
  const sum = b.getState(descriptors.sum);
  const cnt = b.getState(descriptors.count);
  b.setCurrentKey(1);
  value.update({ nested: [1, 2], at: new Date(5), big: 2n ** 70n });
  list.addAll([1, 2, 3]);
  b.setCurrentKey('two');
  map.put(['composite', 1], 'c');
  map.put('plain', 'p');
  sum.add(40n);
  sum.add(2n);
  b.setCurrentKey(['three', 3]);
  list.setCurrentNamespace('window-1');
  list.add(7);
  cnt.setCurrentNamespace('window-1');
  cnt.add('a');
  cnt.add('b');
  list.setCurrentNamespace(VOID_NAMESPACE);
  cnt.setCurrentNamespace(VOID_NAMESPACE);
}

function check(b: HeapKeyedStateBackend): void {
  const value = b.getState(descriptors.value);
  const list = b.getState(descriptors.list);
  const map = b.getState(descriptors.map);
  const sum = b.getState(descriptors.sum);
  const cnt = b.getState(descriptors.count);
  b.setCurrentKey(1);
  assert.deepEqual(value.value(), { nested: [1, 2], at: new Date(5), big: 2n ** 70n });
  assert.deepEqual(list.get(), [1, 2, 3]);
  b.setCurrentKey('two');
  assert.equal(map.get(['composite', 1]), 'c');
  assert.deepEqual([...map.entries()], [[['composite', 1], 'c'], ['plain', 'p']]);
  assert.equal(sum.get(), 42n);
  b.setCurrentKey(['three', 3]);
  assert.deepEqual(list.get(), []);
  list.setCurrentNamespace('window-1');
  assert.deepEqual(list.get(), [7]);
  cnt.setCurrentNamespace('window-1');
  assert.equal(cnt.get(), 2);
  list.setCurrentNamespace(VOID_NAMESPACE);
  cnt.setCurrentNamespace(VOID_NAMESPACE);
  // value@1, list@1, map@two, sum@two, list@three/window-1, count@three/window-1
  assert.equal(b.size(), 6);
}

test('snapshot then restore into a fresh backend gives back every kind of state', () => {
  const b = backendFor(0, 1);
  fill(b);
  check(b);
  const restored = backendFor(0, 1);
  restored.restore(b.snapshot());
  check(restored);
});

test('one blob per non-empty key group, labelled with that group', () => {
  const b = backendFor(0, 1);
  fill(b);
  const groups = [1, 'two', ['three', 3]].map((k) => keyGroupOf(k, MAX));
  const blobs = b.snapshot();
  assert.deepEqual(blobs.map((x) => x.keyGroup).sort((x, y) => x - y), [...new Set(groups)].sort((x, y) => x - y));
});

test('restored state that nobody asked for is carried into the next snapshot', () => {
  const a = backendFor(0, 1);
  fill(a);
  const middle = backendFor(0, 1);
  middle.restore(a.snapshot());
  assert.equal(middle.size(), 6, 'restored rows count before any getState');
  const sum = middle.getState(descriptors.sum); // only one state is materialized
  middle.setCurrentKey('two');
  sum.add(1n);
  const last = backendFor(0, 1);
  last.restore(middle.snapshot());
  last.setCurrentKey('two');
  assert.equal(last.getState(descriptors.sum).get(), 43n);
  last.setCurrentKey(1);
  assert.deepEqual(last.getState(descriptors.list).get(), [1, 2, 3]);
});

test('restore into a backend whose states already exist loads into them', () => {
  const a = backendFor(0, 1);
  fill(a);
  const b = backendFor(0, 1);
  const list = b.getState(descriptors.list);
  b.setCurrentKey(1);
  assert.deepEqual(list.get(), [], 'read before restore: the table caches that key 1 has nothing');
  b.restore(a.snapshot());
  assert.deepEqual(list.get(), [1, 2, 3]);
});

test('a snapshot is a copy: later changes to state objects do not reach it', () => {
  const b = backendFor(0, 1);
  const s = b.getState(valueState<{ n: number }>('s'));
  const list = b.getState(listState<number>('l'));
  b.setCurrentKey('k');
  const obj = { n: 1 };
  s.update(obj);
  list.add(1);
  const blobs = b.snapshot();
  obj.n = 2;
  list.add(2);
  const restored = backendFor(0, 1);
  restored.restore(blobs);
  restored.setCurrentKey('k');
  assert.deepEqual(restored.getState(valueState<{ n: number }>('s')).value(), { n: 1 });
  assert.deepEqual(restored.getState(listState<number>('l')).get(), [1]);
});

test('list and map TTL timestamps survive a snapshot per element', () => {
  const clock = { t: 1000 };
  const now = (): number => clock.t;
  const ttl = { ttlMs: 100 };
  const b = backendFor(0, 1, now);
  const list = b.getState(listState<string>('l', { ttl }));
  const map = b.getState(mapState<string, number>('m', { ttl }));
  b.setCurrentKey('k');
  list.add('early'); // expires at 1100
  map.put('early', 1);
  clock.t = 1050;
  list.add('late'); // expires at 1150
  map.put('late', 2);
  const restored = backendFor(0, 1, now);
  restored.restore(b.snapshot());
  restored.setCurrentKey('k');
  clock.t = 1100;
  assert.deepEqual(restored.getState(listState<string>('l', { ttl })).get(), ['late']);
  assert.deepEqual([...restored.getState(mapState<string, number>('m', { ttl })).entries()], [['late', 2]]);
});

test('a state restored as one kind cannot be asked for as another', () => {
  const a = backendFor(0, 1);
  a.getState(valueState<number>('x'));
  a.setCurrentKey('k');
  a.getState(valueState<number>('x')).update(1);
  const b = backendFor(0, 1);
  b.restore(a.snapshot());
  assert.throws(() => b.getState(listState<number>('x')), (e: unknown) =>
    e instanceof RestoreError && /state "x" is restored as a value state and cannot be used as a list state/.test(e.message));
});

test('restoring with another maxParallelism is caught, and corrupt blobs are named', () => {
  let key = 0;
  // 100, not 64: with a divisor of 128 every group below 64 would stay the same.
  while (!(keyGroupOf(key, 128) < 64 && keyGroupOf(key, 100) !== keyGroupOf(key, 128))) key++;
  const a = new HeapKeyedStateBackend({ keyGroupRange: { start: 0, end: 128 }, maxParallelism: 128 });
  a.setCurrentKey(key);
  a.getState(valueState<number>('v')).update(1);
  const b = new HeapKeyedStateBackend({ keyGroupRange: { start: 0, end: 64 }, maxParallelism: 100 });
  assert.throws(() => b.restore(a.snapshot()), /was the snapshot taken with another maxParallelism\?/);
  assert.throws(() => b.restore([{ keyGroup: 3, data: new Uint8Array([0xc1]) }]), (e: unknown) =>
    e instanceof RestoreError && /key group 3 of the snapshot is corrupt/.test(e.message));
});

const keyArb = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.string({ maxLength: 3 })),
);

test('rescaling 2 -> 1 and 2 -> 3: each key lives only in the backend owning its group, with its value', () => {
  fc.assert(fc.property(
    fc.uniqueArray(fc.tuple(keyArb, fc.integer()), { selector: ([k]) => canonicalKey(k), maxLength: 60 }),
    (pairs) => {
      const value = valueState<number>('v');
      const list = listState<number>('l');
      const old = [backendFor(0, 2), backendFor(1, 2)];
      for (const [key, v] of pairs) {
        const b = old[subtaskForKeyGroup(keyGroupOf(key, MAX), 2, MAX)]!;
        b.setCurrentKey(key);
        b.getState(value).update(v);
        b.getState(list).addAll([v, v + 1]);
      }
      const blobs = old.flatMap((b) => b.snapshot());

      for (const parallelism of [1, 3]) {
        const fresh = Array.from({ length: parallelism }, (_, i) => backendFor(i, parallelism));
        for (const b of fresh) b.restore(blobs);
        const owners = new Map<string, number>();
        fresh.forEach((b, i) => b.applyToAllKeys(value, VOID_NAMESPACE, (key) => {
          assert.equal(owners.has(canonicalKey(key)), false, 'a key is restored into one backend only');
          owners.set(canonicalKey(key), i);
        }));
        assert.equal(owners.size, pairs.length);
        assert.equal(fresh.reduce((n, b) => n + b.size(), 0), 2 * pairs.length);
        for (const [key, v] of pairs) {
          const owner = subtaskForKeyGroup(keyGroupOf(key, MAX), parallelism, MAX);
          assert.equal(owners.get(canonicalKey(key)), owner);
          const b = fresh[owner]!;
          b.setCurrentKey(key);
          assert.equal(b.getState(value).value(), v);
          assert.deepEqual(b.getState(list).get(), [v, v + 1]);
        }
      }
    },
  ), { numRuns: 60 });
});
