import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { assignWindows, sessionsMerge, startOfWindowEnding, validateWindowSpec, windowStart, type AlignedWindowSpec } from './window-spec.ts';

test('TUMBLE: edges belong to the window they start, negative times and offsets', () => {
  const t: AlignedWindowSpec = { type: 'TUMBLE', size: 10 };
  assert.deepEqual(assignWindows(t, 0), [[0, 10]]);
  assert.deepEqual(assignWindows(t, 9), [[0, 10]]);
  assert.deepEqual(assignWindows(t, 10), [[10, 20]]);
  assert.deepEqual(assignWindows(t, -1), [[-10, 0]]);
  assert.deepEqual(assignWindows(t, -10), [[-10, 0]]);
  const o: AlignedWindowSpec = { type: 'TUMBLE', size: 10, offset: 3 };
  assert.deepEqual(assignWindows(o, 12), [[3, 13]]);
  assert.deepEqual(assignWindows(o, 13), [[13, 23]]);
  assert.deepEqual(assignWindows(o, 2), [[-7, 3]]);
});

test('HOP: each timestamp is in size/slide windows, ascending by end', () => {
  const h: AlignedWindowSpec = { type: 'HOP', size: 10, slide: 5 };
  assert.deepEqual(assignWindows(h, 12), [[5, 15], [10, 20]]);
  assert.deepEqual(assignWindows(h, 10), [[5, 15], [10, 20]]);
  assert.deepEqual(assignWindows(h, 9), [[0, 10], [5, 15]]);
  assert.deepEqual(assignWindows({ type: 'HOP', size: 15, slide: 5 }, 15), [[5, 20], [10, 25], [15, 30]]);
  // slide > size: some timestamps fall between windows
  assert.deepEqual(assignWindows({ type: 'HOP', size: 2, slide: 5 }, 7), []);
  assert.deepEqual(assignWindows({ type: 'HOP', size: 2, slide: 5 }, 6), [[5, 7]]);
  assert.deepEqual(assignWindows({ type: 'HOP', size: 2, slide: 5 }, 5), [[5, 7]]);
});

test('CUMULATE: the windows of the period that end after the timestamp', () => {
  const c: AlignedWindowSpec = { type: 'CUMULATE', maxSize: 10, step: 2 };
  assert.deepEqual(assignWindows(c, 5), [[0, 6], [0, 8], [0, 10]]);
  assert.deepEqual(assignWindows(c, 0), [[0, 2], [0, 4], [0, 6], [0, 8], [0, 10]]);
  assert.deepEqual(assignWindows(c, 9), [[0, 10]]);
  assert.deepEqual(assignWindows(c, 10), [[10, 12], [10, 14], [10, 16], [10, 18], [10, 20]]);
  assert.equal(startOfWindowEnding(c, 16), 10);
  assert.equal(startOfWindowEnding(c, 10), 0);
});

test('sessions merge when they overlap or touch', () => {
  assert.equal(sessionsMerge(1, 4, 4, 7), true);
  assert.equal(sessionsMerge(1, 4, 5, 7), false);
  assert.equal(sessionsMerge(5, 7, 1, 4), false);
  assert.equal(sessionsMerge(1, 10, 3, 4), true);
});

test('validation names the bad parameter', () => {
  assert.throws(() => validateWindowSpec({ type: 'TUMBLE', size: 0 }), /TUMBLE window size must be a positive interval/);
  assert.throws(() => validateWindowSpec({ type: 'CUMULATE', maxSize: 10, step: 3 }), /integral multiple of its step/);
  assert.throws(() => validateWindowSpec({ type: 'SESSION', gap: -1 }), /SESSION window gap/);
});

const time = fc.integer({ min: -1_000_000, max: 1_000_000 });
const size = fc.integer({ min: 1, max: 500 });

// Brute force: every window start aligned to `period` (and offset) within reach of ts.
function bruteForce(period: number, offset: number, ts: number, ends: (start: number) => number[]): [number, number][] {
  const out: [number, number][] = [];
  const lo = windowStart(ts - 2000, period, offset);
  for (let s = lo; s <= ts; s += period) {
    for (const e of ends(s)) if (s <= ts && ts < e) out.push([s, e]);
  }
  return out.sort((a, b) => a[1] - b[1]);
}

test('property: TUMBLE gives the one aligned window that holds the timestamp', () => {
  fc.assert(fc.property(time, size, fc.integer({ min: -600, max: 600 }), (ts, sz, off) => {
    const ws = assignWindows({ type: 'TUMBLE', size: sz, offset: off }, ts);
    assert.equal(ws.length, 1);
    const [s, e] = ws[0]!;
    assert.ok(s <= ts && ts < e && e - s === sz);
    assert.equal((((s - off) % sz) + sz) % sz, 0);
  }));
});

test('property: HOP equals the brute-force set of aligned windows holding the timestamp', () => {
  fc.assert(fc.property(time, size, size, fc.integer({ min: -600, max: 600 }), (ts, sz, slide, off) => {
    const expected = bruteForce(slide, off, ts, (s) => [s + sz]);
    assert.deepEqual(assignWindows({ type: 'HOP', size: sz, slide, offset: off }, ts), expected);
    for (const [s, e] of expected) assert.equal(startOfWindowEnding({ type: 'HOP', size: sz, slide }, e), s);
  }));
});

test('property: CUMULATE equals the brute-force set of step-growing windows holding the timestamp', () => {
  fc.assert(fc.property(time, fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: -600, max: 600 }), (ts, step, n, off) => {
    const spec: AlignedWindowSpec = { type: 'CUMULATE', maxSize: step * n, step, offset: off };
    const expected = bruteForce(step * n, off, ts, (s) => Array.from({ length: n }, (_, k) => s + (k + 1) * step));
    assert.deepEqual(assignWindows(spec, ts), expected);
    for (const [s, e] of expected) assert.equal(startOfWindowEnding(spec, e), s);
  }));
});
