import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GlobalWindow, mergeTimeWindows, TimeWindow, windowFromNamespace } from './window.ts';

test('getWindowStartWithOffset rounds down for positive and negative timestamps', () => {
  assert.equal(TimeWindow.getWindowStartWithOffset(0, 0, 10), 0);
  assert.equal(TimeWindow.getWindowStartWithOffset(9, 0, 10), 0);
  assert.equal(TimeWindow.getWindowStartWithOffset(10, 0, 10), 10);
  assert.equal(TimeWindow.getWindowStartWithOffset(-1, 0, 10), -10);
  assert.equal(TimeWindow.getWindowStartWithOffset(-10, 0, 10), -10);
  assert.equal(TimeWindow.getWindowStartWithOffset(-11, 0, 10), -20);
  // offset 3: windows [3, 13), [13, 23), ...
  assert.equal(TimeWindow.getWindowStartWithOffset(12, 3, 10), 3);
  assert.equal(TimeWindow.getWindowStartWithOffset(2, 3, 10), -7);
  assert.equal(TimeWindow.getWindowStartWithOffset(13, -7, 10), 13);
});

test('the window start is on the grid and the timestamp is inside the window', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), (ts, size, rawOffset) => {
      const offset = rawOffset % size;
      const start = TimeWindow.getWindowStartWithOffset(ts, offset, size);
      assert.ok(start <= ts && ts < start + size);
      assert.equal(((start - offset) % size + size) % size, 0);
    }),
  );
});

test('TimeWindow basics: maxTimestamp, namespace round trip, intersects, cover', () => {
  const w = new TimeWindow(-20, -10);
  assert.equal(w.maxTimestamp(), -11);
  assert.equal(w.namespace, '-20:-10');
  assert.ok(windowFromNamespace(w.namespace) instanceof TimeWindow);
  assert.ok(TimeWindow.fromNamespace('-20:-10').equals(w));
  assert.ok(TimeWindow.fromNamespace('5:15').equals(new TimeWindow(5, 15)));
  assert.equal(windowFromNamespace('global'), GlobalWindow.INSTANCE);
  assert.throws(() => TimeWindow.fromNamespace('nonsense'), /not a time window namespace/);
  assert.ok(new TimeWindow(0, 10).intersects(new TimeWindow(10, 20)), 'touching windows intersect');
  assert.ok(!new TimeWindow(0, 10).intersects(new TimeWindow(11, 20)));
  assert.ok(new TimeWindow(0, 10).cover(new TimeWindow(5, 20)).equals(new TimeWindow(0, 20)));
  assert.equal(String(w), 'TimeWindow{start=-20, end=-10}');
});

test('mergeTimeWindows reports each group of overlapping windows with its cover', () => {
  const calls: string[] = [];
  const windows = [new TimeWindow(20, 30), new TimeWindow(0, 10), new TimeWindow(40, 50), new TimeWindow(5, 12), new TimeWindow(12, 15), new TimeWindow(28, 35)];
  mergeTimeWindows(windows, (merged, result) => calls.push(`${merged.map((m) => m.namespace).join(' ')} -> ${result.namespace}`));
  assert.deepEqual(calls, ['0:10 5:12 12:15 -> 0:15', '20:30 28:35 -> 20:35']);
});

test('mergeTimeWindows leaves disjoint windows alone', () => {
  let called = false;
  mergeTimeWindows([new TimeWindow(0, 5), new TimeWindow(6, 8)], () => { called = true; });
  assert.equal(called, false);
});
