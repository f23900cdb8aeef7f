import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WatermarkValve } from './watermark-valve.ts';
import { MAX_WATERMARK, MIN_WATERMARK } from '../core/stream-element.ts';

test('the output is the minimum over channels and only reports advances', () => {
  const v = new WatermarkValve(3);
  assert.equal(v.inputWatermark(0, 10), undefined);
  assert.equal(v.inputWatermark(1, 5), undefined);
  assert.equal(v.inputWatermark(2, 7), 5);
  assert.equal(v.inputWatermark(1, 20), 7);
  assert.equal(v.inputWatermark(1, 3), undefined, 'a channel never goes back');
  assert.equal(v.inputWatermark(2, 8), 8);
  assert.equal(v.inputWatermark(2, 30), 10);
  assert.equal(v.inputWatermark(0, 10), undefined, 'a repeated watermark changes nothing');
  assert.equal(v.watermark, 10);
});

test('an idle channel is excluded, which may advance the output', () => {
  const v = new WatermarkValve(2);
  v.inputWatermark(0, 100);
  assert.equal(v.inputWatermark(1, 40), 40);
  assert.deepEqual(v.inputIdle(1, true), { watermark: 100 });
  // Watermarks of an idle channel are remembered but do not count while it is idle.
  assert.equal(v.inputWatermark(1, 90), undefined);
  assert.equal(v.inputWatermark(0, 150), 150);
  // Back to active at 90: it holds the output at 150 until it passes it.
  assert.deepEqual(v.inputIdle(1, false), {});
  assert.equal(v.inputWatermark(0, 300), undefined);
  assert.equal(v.inputWatermark(1, 200), 200);
});

test('all channels idle: the output is idle and does not advance; one active channel ends that', () => {
  const v = new WatermarkValve(2);
  v.inputWatermark(0, 10);
  v.inputWatermark(1, 20);
  assert.deepEqual(v.inputIdle(0, true), { watermark: 20 });
  assert.deepEqual(v.inputIdle(1, true), { idle: true });
  assert.equal(v.idle, true);
  assert.deepEqual(v.inputIdle(1, true), {}, 'repeated status changes nothing');
  assert.equal(v.inputWatermark(0, 50), undefined);
  // Channel 0 comes back with 50 remembered: the output becomes active and advances.
  assert.deepEqual(v.inputIdle(0, false), { idle: false, watermark: 50 });
  assert.deepEqual(v.inputIdle(1, false), {});
  assert.equal(v.idle, false);
});

test('a finished channel stops holding back; all finished gives MAX', () => {
  const v = new WatermarkValve(2);
  v.inputWatermark(0, 10);
  v.inputWatermark(1, 5);
  assert.deepEqual(v.channelFinished(1), { watermark: 10 });
  assert.deepEqual(v.channelFinished(1), {}, 'idempotent');
  assert.equal(v.inputWatermark(1, 1000), undefined, 'nothing counts after the end');
  assert.deepEqual(v.inputIdle(1, true), {});
  assert.deepEqual(v.channelFinished(0), { watermark: MAX_WATERMARK });
});

test('a finished channel does not push idle channels to MAX', () => {
  const v = new WatermarkValve(2);
  v.inputWatermark(0, 10);
  v.inputWatermark(1, 5);
  assert.deepEqual(v.inputIdle(0, true), {});
  assert.deepEqual(v.channelFinished(1), { idle: true });
  assert.equal(v.watermark, 5);
  assert.deepEqual(v.inputIdle(0, false), { idle: false, watermark: 10 });
  assert.deepEqual(v.channelFinished(0), { watermark: MAX_WATERMARK });
  // Finishing the last channel while the output is idle makes it active with MAX.
  const w = new WatermarkValve(1);
  assert.deepEqual(w.inputIdle(0, true), { idle: true });
  assert.deepEqual(w.channelFinished(0), { idle: false, watermark: MAX_WATERMARK });
});

test('bad channel numbers and sizes are rejected', () => {
  assert.throws(() => new WatermarkValve(0), RangeError);
  const v = new WatermarkValve(2);
  assert.throws(() => v.inputWatermark(2, 1), /input channel 2 does not exist; the valve has 2/);
  assert.throws(() => v.inputIdle(-1, true), RangeError);
  assert.throws(() => v.channelFinished(0.5), RangeError);
});

test('property: output is monotonic and, when it changes, is the minimum over active channels of their highest watermark', () => {
  const n = 4;
  const op = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('wm' as const), ch: fc.nat(n - 1), ts: fc.integer({ min: -5, max: 100 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('idle' as const), ch: fc.nat(n - 1), idle: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('end' as const), ch: fc.nat(n - 1) }) },
  );
  fc.assert(fc.property(fc.integer({ min: 1, max: n }), fc.array(op, { maxLength: 100, size: 'max' }), (channels, ops) => {
    const v = new WatermarkValve(channels);
    const maxSeen: number[] = new Array(channels).fill(MIN_WATERMARK);
    const idle: boolean[] = new Array(channels).fill(false);
    const ended: boolean[] = new Array(channels).fill(false);
    let output = MIN_WATERMARK;
    let outputIdle = false;
    /** Model: minimum over active channels (ended ones count as MAX); undefined if only idle ones remain. */
    const modelMin = (): number | undefined => {
      const live = [...maxSeen.keys()].filter((c) => !ended[c]);
      if (live.length === 0) return MAX_WATERMARK;
      const active = live.filter((c) => !idle[c]);
      return active.length === 0 ? undefined : Math.min(...active.map((c) => maxSeen[c]!));
    };
    for (const o of ops) {
      const ch = o.ch % channels;
      let change: { watermark?: number; idle?: boolean };
      if (o.kind === 'wm') {
        if (!ended[ch]) maxSeen[ch] = Math.max(maxSeen[ch]!, o.ts);
        const wm = v.inputWatermark(ch, o.ts);
        change = wm === undefined ? {} : { watermark: wm };
      } else if (o.kind === 'idle') {
        if (!ended[ch]) idle[ch] = o.idle;
        change = v.inputIdle(ch, o.idle);
      } else {
        ended[ch] = true;
        idle[ch] = false;
        change = v.channelFinished(ch);
      }
      const min = modelMin();
      if (change.idle !== undefined) {
        assert.notEqual(change.idle, outputIdle, 'only real status changes are reported');
        outputIdle = change.idle;
      }
      assert.equal(outputIdle, min === undefined);
      if (change.watermark !== undefined) {
        assert.ok(change.watermark > output, 'monotonic');
        assert.equal(change.watermark, min);
        output = change.watermark;
      } else {
        assert.ok(min === undefined || min <= output, `missed an advance to ${min}`);
      }
      assert.equal(v.watermark, output);
      assert.equal(v.idle, outputIdle);
    }
  }), { numRuns: 500 });
});
