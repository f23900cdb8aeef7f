import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyGroupOf } from '../../core/key-group.ts';
import { VOID_NAMESPACE } from '../keyed-state-backend.ts';
import { aggregatingState, listState, mapState, reducingState, valueState, type AggregateFunction } from '../state-descriptor.ts';
import { HeapKeyedStateBackend } from './heap-keyed-state-backend.ts';

const fullBackend = (): HeapKeyedStateBackend =>
  new HeapKeyedStateBackend({ keyGroupRange: { start: 0, end: 128 }, maxParallelism: 128 });

/** Average of numbers; the accumulator is [sum, count]. */
const average: AggregateFunction<number, [number, number], number> = {
  createAccumulator: () => [0, 0],
  add: (v, [sum, count]) => [sum + v, count + 1],
  getResult: ([sum, count]) => sum / count,
  merge: (a, b) => [a[0] + b[0], a[1] + b[1]],
};

test('value state is per key, falls back to the default, and update(undefined) clears it', () => {
  const b = fullBackend();
  const count = b.getState(valueState<number>('count', { defaultValue: 0 }));
  b.setCurrentKey('a');
  assert.equal(count.value(), 0);
  count.update(5);
  b.setCurrentKey('b');
  assert.equal(count.value(), 0);
  count.update(7);
  b.setCurrentKey('a');
  assert.equal(count.value(), 5);
  assert.equal(b.size(), 2);
  count.update(undefined);
  assert.equal(count.value(), 0);
  b.setCurrentKey('b');
  count.clear();
  assert.equal(b.size(), 0);
});

test('getState returns the same object per name and rejects a name reused with another kind', () => {
  const b = fullBackend();
  const s = b.getState(valueState<number>('s'));
  assert.equal(b.getState(valueState<number>('s')), s);
  assert.throws(() => b.getState(listState<number>('s')), /state "s" is registered as a value state and cannot be used as a list state/);
});

test('list state appends, returns copies, and leaves no entry when emptied', () => {
  const b = fullBackend();
  const list = b.getState(listState<number>('l'));
  b.setCurrentKey(1);
  assert.deepEqual(list.get(), []);
  list.addAll([]);
  assert.equal(b.size(), 0, 'adding nothing creates no entry');
  list.add(1);
  list.addAll([2, 3]);
  const got = list.get();
  got.push(99);
  assert.deepEqual(list.get(), [1, 2, 3]);
  list.update([4]);
  assert.deepEqual(list.get(), [4]);
  assert.equal(b.size(), 1);
  list.update([]);
  assert.deepEqual(list.get(), []);
  assert.equal(b.size(), 0);
});

test('map state supports the whole map interface and drops the entry when the last key goes', () => {
  const b = fullBackend();
  const m = b.getState(mapState<string, number>('m'));
  b.setCurrentKey('k');
  assert.equal(m.isEmpty(), true);
  m.put('x', 1);
  m.putAll([['y', 2], ['z', 3]]);
  m.put('x', 10);
  assert.equal(m.get('x'), 10);
  assert.equal(m.get('nope'), undefined);
  assert.equal(m.contains('y'), true);
  assert.deepEqual([...m.entries()], [['x', 10], ['y', 2], ['z', 3]]);
  assert.deepEqual([...m.keys()], ['x', 'y', 'z']);
  assert.deepEqual([...m.values()], [10, 2, 3]);
  b.setCurrentKey('other');
  assert.equal(m.isEmpty(), true);
  b.setCurrentKey('k');
  m.remove('x');
  m.remove('y');
  assert.equal(b.size(), 1);
  m.remove('z');
  assert.equal(m.isEmpty(), true);
  assert.equal(b.size(), 0);
});

test('map state finds composite user keys by value and hands back the original key', () => {
  const b = fullBackend();
  const m = b.getState(mapState<unknown, string>('m'));
  b.setCurrentKey(0);
  const original = { id: 1, region: 'eu' };
  m.put(original, 'composite');
  m.put('[n1]', 'plain string');
  m.put([1], 'array');
  m.put('\0[n1]', 'string starting with NUL');
  assert.equal(m.get({ region: 'eu', id: 1 }), 'composite');
  assert.equal(m.get([1]), 'array');
  assert.equal(m.get('[n1]'), 'plain string');
  assert.equal(m.get('\0[n1]'), 'string starting with NUL');
  assert.equal([...m.keys()][0], original);
});

test('reducing state folds with the reduce function', () => {
  const b = fullBackend();
  const sum = b.getState(reducingState<number>('sum', (x, y) => x + y));
  b.setCurrentKey('a');
  assert.equal(sum.get(), undefined);
  sum.add(3);
  sum.add(4);
  b.setCurrentKey('b');
  sum.add(10);
  b.setCurrentKey('a');
  assert.equal(sum.get(), 7);
  sum.clear();
  assert.equal(sum.get(), undefined);
  assert.equal(b.size(), 1);
});

test('aggregating state keeps the accumulator and returns the result', () => {
  const b = fullBackend();
  const avg = b.getState(aggregatingState('avg', average));
  b.setCurrentKey('a');
  assert.equal(avg.get(), undefined);
  for (const v of [2, 4, 9]) avg.add(v);
  assert.equal(avg.get(), 5);
});

test('namespaces keep separate entries per key', () => {
  const b = fullBackend();
  const list = b.getState(listState<string>('l'));
  b.setCurrentKey('k');
  list.add('void');
  list.setCurrentNamespace('w1');
  list.add('one');
  list.setCurrentNamespace('w2');
  list.add('two');
  assert.deepEqual(list.get(), ['two']);
  list.setCurrentNamespace('w1');
  assert.deepEqual(list.get(), ['one']);
  list.setCurrentNamespace(VOID_NAMESPACE);
  assert.deepEqual(list.get(), ['void']);
  assert.equal(b.size(), 3);
  list.setCurrentNamespace('w2');
  list.clear();
  assert.equal(b.size(), 2);
});

test('mergeNamespaces merges lists target-first and clears the sources, for the current key only', () => {
  const b = fullBackend();
  const list = b.getState(listState<number>('l'));
  const put = (key: string, ns: string, values: number[]): void => {
    b.setCurrentKey(key);
    list.setCurrentNamespace(ns);
    list.addAll(values);
  };
  put('k', 't', [1]);
  put('k', 'a', [2, 3]);
  put('k', 'b', [4]);
  put('other', 'a', [100]);
  b.setCurrentKey('k');
  list.mergeNamespaces('t', ['a', 'b', 'c']);
  list.setCurrentNamespace('t');
  assert.deepEqual(list.get(), [1, 2, 3, 4]);
  list.setCurrentNamespace('a');
  assert.deepEqual(list.get(), []);
  b.setCurrentKey('other');
  assert.deepEqual(list.get(), [100]);
  assert.equal(b.size(), 2);
});

test('mergeNamespaces into an absent target, and for reducing and aggregating state', () => {
  const b = fullBackend();
  b.setCurrentKey('k');
  const list = b.getState(listState<number>('l'));
  list.setCurrentNamespace('a');
  list.add(5);
  list.mergeNamespaces('t', ['a']);
  list.setCurrentNamespace('t');
  assert.deepEqual(list.get(), [5]);

  const sum = b.getState(reducingState<number>('sum', (x, y) => x + y));
  for (const [ns, v] of [['t', 10], ['a', 1], ['b', 2]] as const) {
    sum.setCurrentNamespace(ns);
    sum.add(v);
  }
  sum.mergeNamespaces('t', ['a', 'b']);
  sum.setCurrentNamespace('t');
  assert.equal(sum.get(), 13);
  sum.setCurrentNamespace('b');
  assert.equal(sum.get(), undefined);

  const avg = b.getState(aggregatingState('avg', average));
  avg.setCurrentNamespace('t');
  avg.add(2);
  avg.setCurrentNamespace('a');
  avg.add(4);
  avg.add(6);
  avg.mergeNamespaces('t', ['a']);
  avg.setCurrentNamespace('t');
  assert.equal(avg.get(), 4);
  // l:t, sum:t, avg:t
  assert.equal(b.size(), 3);
});

test('composite keys are equal by value, and getCurrentKey hands back the key as given', () => {
  const b = fullBackend();
  const s = b.getState(valueState<string>('s'));
  const key = { user: 7, day: '2024-01-01' };
  b.setCurrentKey(key);
  s.update('v');
  assert.equal(b.getCurrentKey(), key);
  assert.equal(b.getCurrentKeyGroup(), keyGroupOf(key, 128));
  b.setCurrentKey({ day: '2024-01-01', user: 7 });
  assert.equal(s.value(), 'v');
  assert.equal(b.size(), 1);
});

test('a string key never meets a composite key with the same text', () => {
  const b = fullBackend();
  const s = b.getState(valueState<string>('s'));
  for (const [key, v] of [[[1], 'array'], ['[n1]', 'string'], ['\0[n1]', 'nul string']] as const) {
    b.setCurrentKey(key);
    s.update(v);
  }
  assert.equal(b.size(), 3);
  b.setCurrentKey([1]);
  assert.equal(s.value(), 'array');
  b.setCurrentKey('\0[n1]');
  assert.equal(s.value(), 'nul string');
});

test('applyToAllKeys visits each key with state in the namespace, and fn may change or clear it', () => {
  const b = fullBackend();
  const d = valueState<number>('v');
  const s = b.getState(d);
  for (const [key, v] of [['a', 1], ['b', 2], [['c', 3], 3]] as const) {
    b.setCurrentKey(key);
    s.update(v);
  }
  s.setCurrentNamespace('w');
  b.setCurrentKey('b');
  s.update(20);

  const seen: unknown[] = [];
  b.applyToAllKeys(d, VOID_NAMESPACE, (key) => {
    seen.push(key);
    assert.equal(b.getCurrentKey(), key);
    s.update(s.value()! * 10);
  });
  assert.equal(seen.length, 3);
  assert.deepEqual(new Set(seen.map((k) => JSON.stringify(k))), new Set(['"a"', '"b"', '["c",3]']));
  b.setCurrentKey(['c', 3]);
  assert.equal(s.value(), 30);

  const inW: unknown[] = [];
  b.applyToAllKeys(d, 'w', (key) => inW.push(key));
  assert.deepEqual(inW, ['b']);

  b.applyToAllKeys(d, VOID_NAMESPACE, () => s.clear());
  assert.equal(b.size(), 1, 'only b in namespace w is left');
});

test('a key outside the key group range is rejected, naming the group and the range', () => {
  const b = new HeapKeyedStateBackend({ keyGroupRange: { start: 0, end: 64 }, maxParallelism: 128 });
  let key = 0;
  while (keyGroupOf(key, 128) < 64) key++;
  assert.throws(() => b.setCurrentKey(key), new RegExp(`key ${key} is in key group ${keyGroupOf(key, 128)}, outside this backend's key groups \\[0, 64\\)`));
});

test('writing state before any key is set is an error; bad options are rejected', () => {
  const b = fullBackend();
  const s = b.getState(valueState<number>('s'));
  assert.equal(s.value(), undefined);
  assert.throws(() => s.update(1), /state "s" was written before any current key was set/);
  assert.equal(b.getCurrentKeyGroup(), -1);
  assert.throws(() => new HeapKeyedStateBackend({ keyGroupRange: { start: 0, end: 200 }, maxParallelism: 128 }), /not inside \[0, 128\)/);
  assert.throws(() => new HeapKeyedStateBackend({ keyGroupRange: { start: 0, end: 1 }, maxParallelism: 0 }), /maxParallelism must be a positive integer/);
});
