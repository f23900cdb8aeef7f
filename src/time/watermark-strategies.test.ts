import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WatermarkStrategy } from './watermark-strategies.ts';
import { BoundedOutOfOrdernessWatermarks } from './bounded-out-of-orderness-watermarks.ts';
import type { WatermarkGenerator, WatermarkOutput } from './watermark-strategy.ts';

interface Event { readonly ts: number; readonly user: string }

function recorder(): WatermarkOutput & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    emitWatermark: (t) => { log.push(`wm ${t}`); },
    markIdle: () => { log.push('idle'); },
    markActive: () => { log.push('active'); },
  };
}

const ev = (ts: number): Event => ({ ts, user: 'u' });

test('bounded out-of-orderness emits max timestamp - bound - 1, periodically, nothing before the first event', () => {
  const gen = WatermarkStrategy.forBoundedOutOfOrderness<Event>(500).createWatermarkGenerator();
  const out = recorder();
  gen.onPeriodicEmit(out);
  assert.deepEqual(out.log, []);
  gen.onEvent(ev(1000), 1000, out);
  gen.onEvent(ev(3000), 3000, out);
  gen.onEvent(ev(2000), 2000, out); // out of order: does not lower the maximum
  assert.deepEqual(out.log, [], 'nothing is emitted per event');
  gen.onPeriodicEmit(out);
  gen.onPeriodicEmit(out);
  assert.deepEqual(out.log, ['wm 2499', 'wm 2499']);
});

test('monotonous timestamps: watermark is the latest timestamp - 1', () => {
  const gen = WatermarkStrategy.forMonotonousTimestamps<Event>().createWatermarkGenerator();
  const out = recorder();
  gen.onEvent(ev(10), 10, out);
  gen.onEvent(ev(20), 20, out);
  gen.onPeriodicEmit(out);
  assert.deepEqual(out.log, ['wm 19']);
});

test('no watermarks never emits', () => {
  const gen = WatermarkStrategy.noWatermarks<Event>().createWatermarkGenerator();
  const out = recorder();
  gen.onEvent(ev(10), 10, out);
  gen.onPeriodicEmit(out);
  assert.deepEqual(out.log, []);
});

test('each createWatermarkGenerator call gives an independent generator', () => {
  const s = WatermarkStrategy.forBoundedOutOfOrderness<Event>(0);
  const a = s.createWatermarkGenerator();
  const b = s.createWatermarkGenerator();
  const outA = recorder();
  const outB = recorder();
  a.onEvent(ev(100), 100, outA);
  a.onPeriodicEmit(outA);
  b.onPeriodicEmit(outB);
  assert.deepEqual(outA.log, ['wm 99']);
  assert.deepEqual(outB.log, []);
});

test('forGenerator uses the factory once per generator', () => {
  let made = 0;
  const punctuated = (): WatermarkGenerator<Event> => {
    made++;
    return {
      onEvent: (e, ts, out) => { if (e.user === 'marker') out.emitWatermark(ts); },
      onPeriodicEmit: () => {},
    };
  };
  const s = WatermarkStrategy.forGenerator(punctuated);
  assert.equal(made, 0);
  const gen = s.createWatermarkGenerator();
  s.withIdleness(10).createWatermarkGenerator();
  assert.equal(made, 2);
  const out = recorder();
  gen.onEvent({ ts: 5, user: 'u' }, 5, out);
  gen.onEvent({ ts: 7, user: 'marker' }, 7, out);
  assert.deepEqual(out.log, ['wm 7']);
});

test('strategies are immutable: with* returns a new strategy and keeps the other settings', () => {
  const base = WatermarkStrategy.forBoundedOutOfOrderness<Event>(5000);
  const assigner = (e: Event): number => e.ts;
  const withTs = base.withTimestampAssigner(assigner);
  const both = withTs.withIdleness(60_000);
  assert.equal(base.timestampAssigner, undefined);
  assert.equal(base.idleTimeoutMs, undefined);
  assert.equal(withTs.timestampAssigner, assigner);
  assert.equal(withTs.idleTimeoutMs, undefined);
  assert.equal(both.timestampAssigner, assigner);
  assert.equal(both.idleTimeoutMs, 60_000);
  // The other order gives the same settings.
  const other = base.withIdleness(60_000).withTimestampAssigner(assigner);
  assert.equal(other.timestampAssigner, assigner);
  assert.equal(other.idleTimeoutMs, 60_000);
  // Generator behaviour is carried over.
  const out = recorder();
  const gen = both.createWatermarkGenerator();
  gen.onEvent(ev(10_000), 10_000, out);
  gen.onPeriodicEmit(out);
  assert.deepEqual(out.log, ['wm 4999']);
  assert.throws(() => { (base as { idleTimeoutMs?: number }).idleTimeoutMs = 1; }, TypeError);
});

test('the typed assigner sees the element type', () => {
  const s: WatermarkStrategy<Event> = WatermarkStrategy.forBoundedOutOfOrderness<Event>(5000).withTimestampAssigner((e) => e.ts);
  assert.equal(s.timestampAssigner?.({ ts: 42, user: 'x' }, 0), 42);
});

test('bad bounds and timeouts are rejected where they are written', () => {
  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => WatermarkStrategy.forBoundedOutOfOrderness(bad), { name: 'RangeError', message: new RegExp(`out-of-orderness.*got ${bad}`) });
    assert.throws(() => new BoundedOutOfOrdernessWatermarks(bad), RangeError);
  }
  for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => WatermarkStrategy.noWatermarks().withIdleness(bad), { name: 'RangeError', message: /idle timeout/ });
  }
});
