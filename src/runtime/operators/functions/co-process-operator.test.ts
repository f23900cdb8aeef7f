import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutputTag } from '../stream-operator.ts';
import { CoProcessOperator } from './co-process-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';

test('both inputs reach their method with their own timestamps and can use side outputs', async () => {
  const rejected = new OutputTag<string>('rejected');
  const h = await OperatorTestHarness.open(new CoProcessOperator<number, string, string>({
    processElement1(n, ctx, out) { out.collect(`1:${n}@${ctx.timestamp()}`); },
    processElement2(s, ctx, out) {
      if (s.length > 3) ctx.output(rejected, s);
      else out.collect(`2:${s}@${ctx.timestamp()}`);
    },
  }));
  h.processElement(7, 100, 0);
  h.processElement('abc', 200, 1);
  h.processElement('toolong', 300, 1);
  assert.deepEqual(h.output, [
    { kind: 'record', value: '1:7@100', timestamp: 100 },
    { kind: 'record', value: '2:abc@200', timestamp: 200 },
    { kind: 'side', tag: 'rejected', value: 'toolong', timestamp: 300 },
  ]);
});

test('timers are refused on connected non-keyed streams', async () => {
  const h = await OperatorTestHarness.open(new CoProcessOperator<number, number, never>({
    processElement1(_n, ctx) { ctx.timerService().registerEventTimeTimer(1); },
    processElement2() {},
  }));
  assert.throws(() => h.processElement(1, 0, 0), { message: 'Setting timers is only supported on a keyed streams.' });
});
