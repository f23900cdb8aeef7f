import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BufferedWindow } from './tumble-window-buffer.ts';

/** The keys of a window in firing order. */
function fired(w: BufferedWindow): unknown[] {
  return Array.from(w.firingOrder(), (i) => w.keys[i]);
}

test('get finds the accumulators added for a key; composite keys compare by value', () => {
  const w = new BufferedWindow(10);
  const acc = [1, 'x'];
  w.add(['a', 1], 3, acc);
  assert.equal(w.get(['a', 1]), acc);
  assert.equal(w.get(['a', 2]), undefined);
  assert.equal(w.get('a'), undefined);
});

test('numeric keys fire by key group, then by key (NaN last in its group)', () => {
  const w = new BufferedWindow(10);
  // (key, group): group 2 holds 30, -1, NaN; group 0 holds 7, 5; group 1 holds 100
  for (const [key, group] of [[30, 2], [7, 0], [Number.NaN, 2], [100, 1], [-1, 2], [5, 0]] as [number, number][]) w.add(key, group, [key]);
  assert.deepEqual(fired(w), [5, 7, 100, -1, 30, Number.NaN]);
});

test('other keys fire by key group, then by type (numbers, strings, booleans, null, composites), then value', () => {
  const w = new BufferedWindow(10);
  for (const [key, group] of [['b', 1], [['z'], 1], [null, 1], ['a', 1], [2, 1], [true, 1], ['c', 0]] as [unknown, number][]) w.add(key, group, []);
  assert.deepEqual(fired(w), ['c', 2, 'a', 'b', true, null, ['z']]);
});

test('an empty window fires nothing', () => {
  assert.deepEqual(fired(new BufferedWindow(10)), []);
});
