import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeapKeyedStateBackend } from '../../../state/heap/heap-keyed-state-backend.ts';
import { valueState } from '../../../state/state-descriptor.ts';
import { MergingWindowSet, type WindowMapping } from './merging-window-set.ts';
import { EventTimeSessionWindows } from './session-windows.ts';
import { TimeWindow } from './window.ts';

function setup() {
  const backend = new HeapKeyedStateBackend({ keyGroupRange: { start: 0, end: 128 }, maxParallelism: 128 });
  backend.setCurrentKey('k');
  const mapping = backend.getState(valueState<WindowMapping>('window-merging-set'));
  const set = new MergingWindowSet(EventTimeSessionWindows.withGap(1), mapping, TimeWindow.fromNamespace);
  const merges: string[] = [];
  const add = (start: number, end: number) =>
    set.addWindow(new TimeWindow(start, end), (result, merged, stateWindow, mergedStateWindows) => {
      merges.push(`${merged.map((w) => w.namespace).join(',')} -> ${result.namespace} state ${stateWindow} <- [${mergedStateWindows.join(',')}]`);
    }).namespace;
  return { backend, set, merges, add, mapping };
}

test('a window that merges with nothing is its own state window', () => {
  const { set, merges, add } = setup();
  assert.equal(add(0, 10), '0:10');
  assert.equal(add(20, 30), '20:30');
  assert.deepEqual(merges, []);
  assert.equal(set.getStateWindow(new TimeWindow(0, 10)), '0:10');
  assert.equal(set.getStateWindow(new TimeWindow(20, 30)), '20:30');
});

test('growing a window keeps its state window; bridging two merges the second state into the first', () => {
  const { set, merges, add, mapping } = setup();
  add(0, 10);
  assert.equal(add(5, 15), '0:15');
  assert.deepEqual(merges, ['0:10 -> 0:15 state 0:10 <- []']);
  assert.equal(set.getStateWindow(new TimeWindow(0, 15)), '0:10');
  add(20, 30);
  merges.length = 0;
  assert.equal(add(14, 21), '0:30');
  assert.deepEqual(merges, ['0:15,20:30 -> 0:30 state 0:10 <- [20:30]']);
  assert.deepEqual(mapping.value(), ['0:30', '0:10']);
});

test('a window inside an in-flight window, or equal to it, changes nothing', () => {
  const { set, merges, add } = setup();
  add(0, 10);
  add(0, 15);
  assert.equal(add(2, 5), '0:15');
  assert.equal(add(0, 15), '0:15');
  assert.deepEqual(merges, ['0:10 -> 0:15 state 0:10 <- []']);
  assert.equal(set.getStateWindow(new TimeWindow(0, 15)), '0:10');
});

test('retireWindow forgets a window and rejects one that is not in flight', () => {
  const { set, add, mapping } = setup();
  add(0, 10);
  add(20, 30);
  set.retireWindow(new TimeWindow(0, 10));
  assert.equal(set.getStateWindow(new TimeWindow(0, 10)), undefined);
  assert.deepEqual(mapping.value(), ['20:30', '20:30']);
  set.retireWindow(new TimeWindow(20, 30));
  assert.equal(mapping.value(), undefined, 'the last window leaves no state behind');
  assert.throws(() => set.retireWindow(new TimeWindow(0, 10)), /not in the in-flight window set/);
});

test('the mapping is per key', () => {
  const { backend, set, add } = setup();
  add(0, 10);
  backend.setCurrentKey('other');
  assert.equal(set.getStateWindow(new TimeWindow(0, 10)), undefined);
  assert.equal(add(5, 8), '5:8');
  backend.setCurrentKey('k');
  assert.equal(set.getStateWindow(new TimeWindow(5, 8)), undefined);
});
