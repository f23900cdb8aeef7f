import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BarrierAligner } from './barrier-aligner.ts';

test('exactly-once blocks each channel after its barrier until all arrived', () => {
  const a = new BarrierAligner(3, 'exactly-once');
  assert.deepEqual(a.onBarrier(1, 7), { complete: [] });
  assert.equal(a.isBlocked(1), true);
  assert.equal(a.isBlocked(0), false);
  assert.deepEqual(a.onBarrier(0, 7), { complete: [] });
  assert.deepEqual(a.onBarrier(2, 7), { complete: [7] });
  assert.equal(a.isBlocked(0) || a.isBlocked(1) || a.isBlocked(2), false);
});

test('at-least-once never blocks but completes on the last barrier', () => {
  const a = new BarrierAligner(2, 'at-least-once');
  a.onBarrier(0, 1);
  assert.equal(a.isBlocked(0), false);
  assert.deepEqual(a.onBarrier(1, 1), { complete: [1] });
});

test('at-least-once tracks overlapping checkpoints and completes each, in order', () => {
  const a = new BarrierAligner(2, 'at-least-once');
  assert.deepEqual(a.onBarrier(0, 1), { complete: [] });
  assert.deepEqual(a.onBarrier(0, 2), { complete: [] }, 'a newer barrier does not abort the older checkpoint');
  assert.deepEqual(a.onBarrier(1, 1), { complete: [1] });
  assert.deepEqual(a.onBarrier(1, 2), { complete: [2] });
  assert.deepEqual(a.onBarrier(0, 3), { complete: [] });
  assert.deepEqual(a.onChannelFinished(1), { complete: [3] });
});

test('a newer barrier aborts an unfinished alignment; stale barriers are ignored', () => {
  const a = new BarrierAligner(2, 'exactly-once');
  a.onBarrier(0, 1);
  assert.deepEqual(a.onBarrier(0, 2), { complete: [], aborted: 1 });
  assert.deepEqual(a.onBarrier(1, 1), { complete: [] });
  assert.deepEqual(a.onBarrier(1, 2), { complete: [2] });
});

test('a finished channel no longer holds back alignment', () => {
  const a = new BarrierAligner(2, 'exactly-once');
  a.onBarrier(0, 3);
  assert.deepEqual(a.onChannelFinished(1), { complete: [3] });
  assert.deepEqual(a.onBarrier(0, 4), { complete: [4] });
});

test('under any interleaving each checkpoint completes once, after all channels delivered it', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.infiniteStream(fc.nat()), (n, checkpoints, picks) => {
    const a = new BarrierAligner(n, 'exactly-once');
    const next = new Array<number>(n).fill(1); // next checkpoint each channel sends
    const completed: number[] = [];
    const it = picks[Symbol.iterator]();
    while (next.some((c) => c <= checkpoints)) {
      const open = [...next.keys()].filter((ch) => next[ch]! <= checkpoints && !a.isBlocked(ch));
      const ch = open[it.next().value % open.length]!;
      const r = a.onBarrier(ch, next[ch]!);
      assert.equal(r.aborted, undefined);
      next[ch]!++;
      for (const id of r.complete) {
        assert.ok(next.every((c) => c === id + 1), 'all channels passed the barrier');
        completed.push(id);
      }
    }
    assert.deepEqual(completed, Array.from({ length: checkpoints }, (_, i) => i + 1));
  }));
});

test('at-least-once: under any interleaving every checkpoint completes once, in order, after its last barrier', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.infiniteStream(fc.nat()), (n, checkpoints, picks) => {
    const a = new BarrierAligner(n, 'at-least-once');
    const next = new Array<number>(n).fill(1);
    const completed: number[] = [];
    const it = picks[Symbol.iterator]();
    while (next.some((c) => c <= checkpoints)) {
      const open = [...next.keys()].filter((ch) => next[ch]! <= checkpoints);
      const ch = open[it.next().value % open.length]!;
      const r = a.onBarrier(ch, next[ch]!);
      assert.equal(r.aborted, undefined);
      next[ch]!++;
      for (const id of r.complete) {
        assert.ok(next.every((c) => c > id), `checkpoint ${id} completes only after every channel delivered it`);
        completed.push(id);
      }
      assert.equal(a.isBlocked(ch), false);
    }
    assert.deepEqual(completed, Array.from({ length: checkpoints }, (_, i) => i + 1));
  }));
});
