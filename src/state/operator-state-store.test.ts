import { test } from 'node:test';
import assert from 'node:assert/strict';
import { broadcastStateDescriptor } from './operator-state.ts';
import { DefaultOperatorStateStore } from './operator-state-store.ts';

test('list and union list states hold elements and return copies', () => {
  const store = new DefaultOperatorStateStore();
  const offsets = store.getListState<number>('offsets');
  offsets.add(1);
  offsets.addAll([2, 3]);
  offsets.get().push(99);
  assert.deepEqual(offsets.get(), [1, 2, 3]);
  assert.equal(store.getListState<number>('offsets'), offsets);
  offsets.update([7]);
  assert.deepEqual(offsets.get(), [7]);
  offsets.clear();
  assert.deepEqual(offsets.get(), []);
  const union = store.getUnionListState<string>('splits');
  union.add('s1');
  assert.deepEqual(store.snapshot(), [
    { name: 'offsets', mode: 'split', entries: [] },
    { name: 'splits', mode: 'union', entries: ['s1'] },
  ]);
});

test('broadcast state is a map', () => {
  const store = new DefaultOperatorStateStore();
  const rules = store.getBroadcastState(broadcastStateDescriptor<string, number>('rules'));
  rules.put('a', 1);
  rules.putAll([['b', 2], ['c', 3]]);
  rules.remove('c');
  assert.equal(rules.get('a'), 1);
  assert.equal(rules.contains('c'), false);
  assert.deepEqual([...rules.entries()], [['a', 1], ['b', 2]]);
  assert.deepEqual(store.snapshot(), [{ name: 'rules', mode: 'broadcast', entries: [['a', 1], ['b', 2]] }]);
  rules.clear();
  assert.deepEqual([...rules.entries()], []);
});

test('a name used with one mode cannot be used with another', () => {
  const store = new DefaultOperatorStateStore([{ name: 'x', mode: 'union', entries: [] }]);
  assert.throws(() => store.getListState('x'), /operator state "x" is a union list state and cannot be used as a list state/);
  assert.throws(() => store.getBroadcastState(broadcastStateDescriptor('x')), /cannot be used as a broadcast state/);
});

test('restored entries are copied in, kept even if not asked for, and snapshots are copies', () => {
  const restoredList = [1, 2];
  const store = new DefaultOperatorStateStore([
    { name: 'l', mode: 'split', entries: restoredList },
    { name: 'b', mode: 'broadcast', entries: [['k', 'v']] },
    { name: 'untouched', mode: 'union', entries: ['u'] },
  ]);
  restoredList.push(3);
  const l = store.getListState<number>('l');
  assert.deepEqual(l.get(), [1, 2]);
  assert.equal(store.getBroadcastState(broadcastStateDescriptor<string, string>('b')).get('k'), 'v');

  const snap = store.snapshot();
  l.add(4);
  assert.deepEqual(snap, [
    { name: 'l', mode: 'split', entries: [1, 2] },
    { name: 'b', mode: 'broadcast', entries: [['k', 'v']] },
    { name: 'untouched', mode: 'union', entries: ['u'] },
  ]);
  (snap[0]!.entries as unknown[]).push(5);
  assert.deepEqual(l.get(), [1, 2, 4]);
});

test('the same name twice in the restored state is an error', () => {
  assert.throws(() => new DefaultOperatorStateStore([
    { name: 'l', mode: 'split', entries: [] },
    { name: 'l', mode: 'split', entries: [] },
  ]), /operator state "l" appears twice/);
});
