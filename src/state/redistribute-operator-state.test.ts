import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { broadcastStateDescriptor, type OperatorStateEntry } from './operator-state.ts';
import { DefaultOperatorStateStore } from './operator-state-store.ts';
import { redistributeOperatorState } from './redistribute-operator-state.ts';

const entriesOf = (subtask: readonly OperatorStateEntry[], name: string): readonly unknown[] | undefined =>
  subtask.find((e) => e.name === name)?.entries;

test('2 -> 1 -> 3 through real stores: split elements once each, union and broadcast whole', () => {
  const rules = broadcastStateDescriptor<string, number>('rules');
  const old = [new DefaultOperatorStateStore(), new DefaultOperatorStateStore()];
  old[0]!.getListState<number>('offsets').addAll([1, 2, 3]);
  old[1]!.getListState<number>('offsets').addAll([4, 5]);
  old[0]!.getUnionListState<string>('splits').add('a');
  old[1]!.getUnionListState<string>('splits').addAll(['b', 'c']);
  for (const s of old) s.getBroadcastState(rules).put('r', 1);

  const one = redistributeOperatorState(old.map((s) => s.snapshot()), 1);
  assert.equal(one.length, 1);
  const merged = new DefaultOperatorStateStore(one[0]);
  assert.deepEqual(merged.getListState('offsets').get(), [1, 2, 3, 4, 5]);
  assert.deepEqual(merged.getUnionListState('splits').get(), ['a', 'b', 'c']);
  assert.deepEqual([...merged.getBroadcastState(rules).entries()], [['r', 1]]);

  const three = redistributeOperatorState([merged.snapshot()], 3).map((e) => new DefaultOperatorStateStore(e));
  // 5 elements over 3: [floor(0*5/3), floor(1*5/3)) = [0,1), then [1,3), then [3,5)
  assert.deepEqual(three.map((s) => s.getListState('offsets').get()), [[1], [2, 3], [4, 5]]);
  for (const s of three) {
    assert.deepEqual(s.getUnionListState('splits').get(), ['a', 'b', 'c']);
    assert.deepEqual([...s.getBroadcastState(rules).entries()], [['r', 1]]);
  }
});

test('a name missing in some old subtasks still reaches every new subtask', () => {
  const result = redistributeOperatorState([
    [],
    [{ name: 'l', mode: 'split', entries: ['x'] }, { name: 'b', mode: 'broadcast', entries: [['k', 1]] }],
  ], 2);
  assert.deepEqual(result.map((s) => entriesOf(s, 'l')), [[], ['x']]);
  assert.deepEqual(result.map((s) => entriesOf(s, 'b')), [[['k', 1]], [['k', 1]]]);
});

test('conflicting modes and a bad parallelism are rejected', () => {
  assert.throws(() => redistributeOperatorState([
    [{ name: 'l', mode: 'split', entries: [] }],
    [{ name: 'l', mode: 'union', entries: [] }],
  ], 1), /operator state "l" is split in one old subtask and union in another/);
  assert.throws(() => redistributeOperatorState([], 0), /parallelism 0/);
});

test('split lists: concatenation is kept in order and chunk sizes differ by at most one', () => {
  fc.assert(fc.property(
    fc.array(fc.array(fc.integer(), { maxLength: 12 }), { minLength: 1, maxLength: 5 }),
    fc.integer({ min: 1, max: 8 }),
    (oldLists, p) => {
      const old = oldLists.map((entries) => [{ name: 'l', mode: 'split' as const, entries }]);
      const result = redistributeOperatorState(old, p);
      const chunks = result.map((s) => entriesOf(s, 'l')!);
      assert.equal(chunks.length, p);
      assert.deepEqual(chunks.flat(), oldLists.flat());
      const sizes = chunks.map((c) => c.length);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `uneven sizes ${sizes}`);
    },
  ));
});
