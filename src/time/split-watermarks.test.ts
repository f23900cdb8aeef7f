import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SplitWatermarks } from './split-watermarks.ts';
import { WatermarkStrategy } from './watermark-strategies.ts';
import { MIN_WATERMARK } from '../core/stream-element.ts';
import type { WatermarkGenerator } from './watermark-strategy.ts';

/** A source under test: a hand-driven clock and a log of what it reported. */
function harness<T>(strategy: WatermarkStrategy<T>) {
  const clock = { now: 0 };
  const log: string[] = [];
  const sw = new SplitWatermarks(strategy, () => clock.now, {
    watermark: (t) => { log.push(`wm ${t}`); },
    idle: (idle) => { log.push(idle ? 'idle' : 'active'); },
  });
  return { sw, clock, log };
}

const byValue = WatermarkStrategy.forBoundedOutOfOrderness<number>(0).withTimestampAssigner((v) => v);

test('the combined watermark is the minimum over splits, and a split holds back from when it is added', () => {
  const { sw, log } = harness(byValue);
  sw.addSplit('a');
  sw.addSplit('b');
  assert.equal(sw.onRecord('a', 100, 7), 100);
  sw.onPeriodicEmit();
  assert.deepEqual(log, [], 'b has no watermark yet, so nothing');
  sw.onRecord('b', 50, 7);
  sw.onPeriodicEmit(); // a: 99, b: 49
  sw.onRecord('b', 200, 7);
  sw.onRecord('a', 120, 7);
  sw.onPeriodicEmit(); // a: 119, b: 199
  assert.deepEqual(log, ['wm 49', 'wm 119']);
  assert.equal(sw.watermark, 119);
});

test('without an assigner the source timestamp is kept; the assigner receives it', () => {
  const seen: number[] = [];
  const plain = harness(WatermarkStrategy.forMonotonousTimestamps<string>());
  assert.equal(plain.sw.onRecord('s', 'x', 1234), 1234);
  const assigned = harness(WatermarkStrategy.forMonotonousTimestamps<string>().withTimestampAssigner((v, ts) => { seen.push(ts); return v.length; }));
  assert.equal(assigned.sw.onRecord('s', 'four', 1234), 4);
  assert.deepEqual(seen, [1234]);
});

test('the output never goes back when a split is added or falls behind', () => {
  const { sw, log } = harness(byValue);
  sw.onRecord('a', 100, 0);
  sw.onPeriodicEmit();
  sw.addSplit('late');
  sw.onRecord('late', 10, 0);
  sw.onPeriodicEmit(); // min is 9 now, below 99
  sw.onRecord('late', 150, 0);
  sw.onRecord('a', 300, 0);
  sw.onPeriodicEmit(); // min(299, 149)
  assert.deepEqual(log, ['wm 99', 'wm 149']);
});

test('a split with no record for the idle timeout stops holding back, and is active on its next record', () => {
  const { sw, clock, log } = harness(byValue.withIdleness(1000));
  sw.onRecord('a', 100, 0);
  sw.onRecord('b', 50, 0);
  clock.now = 200;
  sw.onPeriodicEmit(); // both saw records: last active at 200; wm min(99, 49)
  clock.now = 1100;
  sw.onRecord('a', 500, 0);
  sw.onPeriodicEmit(); // b quiet for 900 < 1000: still holds back
  clock.now = 1200;
  sw.onRecord('a', 600, 0);
  sw.onPeriodicEmit(); // b quiet for 1000: idle; the output follows a alone
  assert.deepEqual(log, ['wm 49', 'wm 599']);
  clock.now = 1300;
  sw.onRecord('b', 70, 0); // b is active again at once, behind the output: no change
  sw.onRecord('a', 900, 0);
  sw.onPeriodicEmit(); // min(899, 69) < 599
  assert.deepEqual(log, ['wm 49', 'wm 599']);
  sw.onRecord('b', 800, 0);
  sw.onPeriodicEmit(); // min(899, 799)
  assert.deepEqual(log, ['wm 49', 'wm 599', 'wm 799']);
  assert.equal(sw.idle, false);
});

test('when every split is idle the source is idle; a record makes it active again', () => {
  const { sw, clock, log } = harness(byValue.withIdleness(100));
  sw.addSplit('a');
  sw.addSplit('b');
  clock.now = 50;
  sw.onRecord('a', 10, 0);
  sw.onPeriodicEmit(); // a active at 50, b added at 0 and quiet for 50
  clock.now = 100;
  sw.onPeriodicEmit(); // b quiet for 100: idle; a alone gives 9
  clock.now = 150;
  sw.onPeriodicEmit(); // a quiet for 100: idle; all idle
  clock.now = 500;
  sw.onPeriodicEmit(); // stays idle, reported once
  assert.deepEqual(log, ['wm 9', 'idle']);
  assert.equal(sw.idle, true);
  sw.onRecord('b', 40, 0); // b wakes up; its watermark is still MIN, so no watermark yet
  assert.deepEqual(log, ['wm 9', 'idle', 'active']);
  sw.onPeriodicEmit();
  assert.deepEqual(log, ['wm 9', 'idle', 'active', 'wm 39']);
});

test('a removed split no longer holds back; with no split left the source is idle, not behind', () => {
  const { sw, log } = harness(byValue);
  sw.onRecord('a', 100, 0);
  sw.onRecord('b', 50, 0);
  sw.onPeriodicEmit();
  sw.removeSplit('b');
  sw.removeSplit('unknown');
  assert.deepEqual(log, ['wm 49', 'wm 99']);
  sw.removeSplit('a');
  sw.onPeriodicEmit();
  assert.deepEqual(log, ['wm 49', 'wm 99', 'idle'], 'a reader without splits must not hold back downstream');
  // A record for a removed split registers it again with a fresh generator.
  sw.onRecord('b', 20, 0);
  sw.onPeriodicEmit(); // active again; 19 < 99 is not emitted
  sw.onRecord('b', 200, 0);
  sw.onPeriodicEmit();
  assert.deepEqual(log, ['wm 49', 'wm 99', 'idle', 'active', 'wm 199']);
});

test('a reader waiting for the answer to its split request is not idle; told no more splits, it is', () => {
  const { sw, log } = harness(byValue);
  sw.onRecord('a', 100, 0);
  sw.onPeriodicEmit();
  sw.removeSplit('a');
  sw.awaitSplit(); // finished file a, asked for the next one
  sw.onPeriodicEmit();
  assert.deepEqual(log, ['wm 99'], 'going idle between two files would let other readers overtake the next file');
  sw.addSplit('b');
  sw.onRecord('b', 150, 0);
  sw.onPeriodicEmit();
  sw.removeSplit('b');
  sw.awaitSplit();
  sw.noMoreSplits();
  sw.onPeriodicEmit();
  assert.deepEqual(log, ['wm 99', 'wm 149', 'idle']);
});

test('generators may mark their split idle and active themselves; they keep being asked while idle', () => {
  // Idle when a periodic emit saw no event since the last one; emits the last timestamp otherwise.
  const selfIdling = (): WatermarkGenerator<number> => {
    let fresh = false;
    let max = MIN_WATERMARK;
    return {
      onEvent: (_v, ts) => { fresh = true; max = Math.max(max, ts); },
      onPeriodicEmit: (out) => {
        if (fresh) out.emitWatermark(max);
        else out.markIdle();
        fresh = false;
      },
    };
  };
  const { sw, log } = harness(WatermarkStrategy.forGenerator(selfIdling).withTimestampAssigner((v) => v));
  sw.onRecord('a', 10, 0);
  sw.onRecord('b', 20, 0);
  sw.onPeriodicEmit(); // a 10, b 20
  sw.onRecord('b', 30, 0);
  sw.onPeriodicEmit(); // a idle: b alone
  sw.onPeriodicEmit(); // b idle too
  assert.deepEqual(log, ['wm 10', 'wm 30', 'idle']);
  sw.onRecord('a', 40, 0); // a record makes its split active at once
  assert.deepEqual(log, ['wm 10', 'wm 30', 'idle', 'active']);
  sw.onPeriodicEmit();
  assert.deepEqual(log, ['wm 10', 'wm 30', 'idle', 'active', 'wm 40']);
});

test('property: without idleness the output is the running maximum of the minimum over current splits', () => {
  // The one idleness here: a periodic emit while no split is assigned.
  const op = fc.oneof(
    fc.record({ kind: fc.constant('record' as const), split: fc.integer({ min: 0, max: 3 }), ts: fc.integer({ min: 0, max: 1000 }) }),
    fc.record({ kind: fc.constant('periodic' as const) }),
    fc.record({ kind: fc.constant('add' as const), split: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ kind: fc.constant('remove' as const), split: fc.integer({ min: 0, max: 3 }) }),
  );
  fc.assert(fc.property(fc.array(op, { maxLength: 80, size: 'max' }), (ops) => {
    const emitted: number[] = [];
    // Model: per split the highest timestamp seen, and its watermark as of the last periodic emit.
    const maxTs = new Map<number, number>();
    const splitWm = new Map<number, number>();
    const sw = new SplitWatermarks(byValue, () => 0, {
      watermark: (t) => emitted.push(t),
      idle: (idle) => { if (idle) assert.equal(splitWm.size, 0, 'idle only while no split is assigned'); },
    });
    let expected = MIN_WATERMARK;
    const recombine = (): void => {
      if (splitWm.size === 0) return;
      expected = Math.max(expected, Math.min(...splitWm.values()));
    };
    for (const o of ops) {
      switch (o.kind) {
        case 'record':
          if (!splitWm.has(o.split)) { splitWm.set(o.split, MIN_WATERMARK); recombine(); }
          maxTs.set(o.split, Math.max(maxTs.get(o.split) ?? MIN_WATERMARK, o.ts));
          assert.equal(sw.onRecord(String(o.split), o.ts, -1), o.ts);
          break;
        case 'periodic':
          for (const [s, ts] of maxTs) splitWm.set(s, ts - 1);
          recombine();
          sw.onPeriodicEmit();
          break;
        case 'add':
          if (!splitWm.has(o.split)) { splitWm.set(o.split, MIN_WATERMARK); recombine(); }
          sw.addSplit(String(o.split));
          break;
        case 'remove':
          maxTs.delete(o.split);
          if (splitWm.delete(o.split)) recombine();
          sw.removeSplit(String(o.split));
          break;
      }
      assert.equal(sw.watermark, expected);
    }
    for (let i = 1; i < emitted.length; i++) assert.ok(emitted[i]! > emitted[i - 1]!, 'strictly increasing');
    assert.equal(emitted.at(-1) ?? MIN_WATERMARK, expected);
  }), { numRuns: 300 });
});
