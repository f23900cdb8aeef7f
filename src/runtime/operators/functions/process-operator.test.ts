import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import { OutputTag } from '../stream-operator.ts';
import { ProcessOperator } from './process-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';
import type { ProcessFunction } from './user-functions.ts';

test('splits records into the main output and a side output, both with the record timestamp', async () => {
  const odd = new OutputTag<number>('odd');
  const fn: ProcessFunction<number, string> = {
    processElement(n, ctx, out) {
      if (n % 2 === 0) out.collect(`even ${n} at ${ctx.timestamp()}`);
      else ctx.output(odd, n);
    },
  };
  const h = await OperatorTestHarness.open(new ProcessOperator(fn));
  h.processElement(1, 10);
  h.processElement(2, 20);
  h.processElement(3, NO_TIMESTAMP);
  h.processElement(4, NO_TIMESTAMP);
  assert.deepEqual(h.records, [{ value: 'even 2 at 20', timestamp: 20 }, { value: 'even 4 at undefined', timestamp: NO_TIMESTAMP }]);
  assert.deepEqual(h.sideOutputs.get('odd'), [{ value: 1, timestamp: 10 }, { value: 3, timestamp: NO_TIMESTAMP }]);
});

test("the clocks can be read, but timers are refused with Flink's message; watermarks pass through", async () => {
  const seen: number[] = [];
  const fn: ProcessFunction<string, never> = {
    processElement(what, ctx) {
      const timers = ctx.timerService();
      seen.push(timers.currentProcessingTime(), timers.currentWatermark());
      if (what === 'event') timers.registerEventTimeTimer(5);
      if (what === 'processing') timers.registerProcessingTimeTimer(5);
      if (what === 'delete') timers.deleteEventTimeTimer(5);
    },
  };
  const h = await OperatorTestHarness.open(new ProcessOperator(fn), { processingTime: 42 });
  h.processWatermark(7);
  h.processElement('read');
  assert.deepEqual(seen, [42, 7]);
  assert.deepEqual(h.watermarks, [7]);
  assert.throws(() => h.processElement('event'), { message: 'Setting timers is only supported on a keyed streams.' });
  assert.throws(() => h.processElement('processing'), { message: 'Setting timers is only supported on a keyed streams.' });
  assert.throws(() => h.processElement('delete'), { message: 'Deleting timers is only supported on a keyed streams.' });
});
