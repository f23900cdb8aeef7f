import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import { CountEvictor } from './count-evictor.ts';
import { DeltaEvictor } from './delta-evictor.ts';
import type { Evictor, TimestampedValue } from './evictor.ts';
import { TimeEvictor } from './time-evictor.ts';
import { GlobalWindow, type Window } from './window.ts';

const ctx = { currentProcessingTime: () => 0, currentWatermark: () => 0 };
const w = GlobalWindow.INSTANCE;
const els = (...pairs: [number, number][]): TimestampedValue<number>[] => pairs.map(([value, timestamp]) => ({ value, timestamp }));
const values = (xs: TimestampedValue<number>[]) => xs.map((x) => x.value);
/** Evictors as the operator sees them, through the interface. */
const before = (e: Evictor<number, Window>, xs: TimestampedValue<number>[]) => e.evictBefore(xs, w, ctx);
const after = (e: Evictor<number, Window>, xs: TimestampedValue<number>[]) => e.evictAfter(xs, w, ctx);

test('CountEvictor keeps the last maxCount elements, before or after the function', () => {
  const kept = els([1, 0], [2, 0], [3, 0], [4, 0]);
  before(CountEvictor.of(2), kept);
  assert.deepEqual(values(kept), [3, 4]);
  const notAfter = els([1, 0], [2, 0], [3, 0]);
  after(CountEvictor.of(2), notAfter);
  assert.deepEqual(values(notAfter), [1, 2, 3]);
  const later = els([1, 0], [2, 0], [3, 0]);
  before(CountEvictor.of(2, true), later);
  assert.deepEqual(values(later), [1, 2, 3]);
  after(CountEvictor.of(2, true), later);
  assert.deepEqual(values(later), [2, 3]);
  const few = els([1, 0]);
  before(CountEvictor.of(2), few);
  assert.deepEqual(values(few), [1]);
  assert.throws(() => CountEvictor.of(-1), /non-negative integer/);
});

test('TimeEvictor keeps elements newer than the newest timestamp minus the size', () => {
  const xs = els([1, 10], [2, 25], [3, 15], [4, 30], [5, 20]);
  before(TimeEvictor.of(10), xs);
  // newest 30, cutoff 20: keeps timestamps > 20, in arrival order
  assert.deepEqual(values(xs), [2, 4]);
  const untimed = els([1, NO_TIMESTAMP], [2, NO_TIMESTAMP]);
  before(TimeEvictor.of(0), untimed);
  assert.deepEqual(values(untimed), [1, 2]);
});

test('DeltaEvictor drops elements whose delta to the newest reaches the threshold', () => {
  const xs = els([1, 0], [8, 0], [5, 0], [10, 0]);
  before(DeltaEvictor.of(5, (a: number, b: number) => Math.abs(a - b)), xs);
  // deltas to 10: 9, 2, 5, 0 -> keeps 8 and 10
  assert.deepEqual(values(xs), [8, 10]);
  const empty: TimestampedValue<number>[] = [];
  before(DeltaEvictor.of(5, (a: number, b: number) => a - b), empty);
  assert.deepEqual(empty, []);
});
