import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ValueState } from '../../../state/keyed-state.ts';
import { broadcastStateDescriptor } from '../../../state/operator-state.ts';
import { valueState } from '../../../state/state-descriptor.ts';
import { KeyedBroadcastProcessOperator } from './keyed-broadcast-process-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';
import type {
  Collector, KeyedBroadcastContext, KeyedBroadcastOnTimerContext, KeyedBroadcastProcessFunction, KeyedBroadcastReadOnlyContext, RuntimeContext,
} from './user-functions.ts';

interface Reading { readonly sensor: string; readonly value: number }
type Rule = { readonly name: 'limit'; readonly value: number } | { readonly name: 'reset' };

const rules = broadcastStateDescriptor<string, number>('rules');
const overCount = valueState<number>('over-count');

/** Counts readings over the broadcast limit per sensor; a reset rule clears every sensor's count. */
class LimitAlerts implements KeyedBroadcastProcessFunction<string, Reading, Rule, string> {
  count!: ValueState<number>;
  open(ctx: RuntimeContext): void {
    this.count = ctx.getState(overCount);
  }
  processElement(r: Reading, ctx: KeyedBroadcastReadOnlyContext<string>, out: Collector<string>): void {
    ctx.timerService().registerEventTimeTimer(100);
    const limit = ctx.getBroadcastState(rules).get('limit');
    if (limit === undefined || r.value <= limit) return;
    const n = (this.count.value() ?? 0) + 1;
    this.count.update(n);
    out.collect(`${ctx.getCurrentKey()} over ${limit} (${n})`);
  }
  processBroadcastElement(rule: Rule, ctx: KeyedBroadcastContext<string>, out: Collector<string>): void {
    if (rule.name === 'limit') {
      ctx.getBroadcastState(rules).put('limit', rule.value);
      return;
    }
    ctx.applyToKeyedState(overCount, (sensor, state) => {
      out.collect(`reset ${sensor} from ${state.value()}`);
      state.clear();
    });
  }
  onTimer(ts: number, ctx: KeyedBroadcastOnTimerContext<string>, out: Collector<string>): void {
    out.collect(`${ctx.getCurrentKey()} at ${ts} ${ctx.timeDomain()}: ${this.count.value() ?? 0} over ${ctx.getBroadcastState(rules).get('limit')}`);
  }
}

const keySelectors = [(r: Reading) => r.sensor, undefined];

test('rules from the broadcast side apply to keyed elements; applyToKeyedState visits every key', async () => {
  const h = await OperatorTestHarness.open(new KeyedBroadcastProcessOperator(new LimitAlerts(), [rules]), { keySelectors });
  const reading = (sensor: string, value: number, ts: number) => h.processElement({ sensor, value }, ts, 0);
  const rule = (r: Rule, ts: number) => h.processElement(r, ts, 1);
  reading('s1', 50, 1);
  rule({ name: 'limit', value: 40 }, 2);
  reading('s1', 60, 3);
  reading('s2', 45, 4);
  reading('s1', 30, 5);
  reading('s1', 70, 6);
  rule({ name: 'limit', value: 65 }, 7);
  reading('s2', 50, 8);
  reading('s1', 80, 9);
  assert.deepEqual(h.records, [
    { value: 's1 over 40 (1)', timestamp: 3 },
    { value: 's2 over 40 (1)', timestamp: 4 },
    { value: 's1 over 40 (2)', timestamp: 6 },
    { value: 's1 over 65 (3)', timestamp: 9 },
  ]);
  h.clearOutput();

  rule({ name: 'reset' }, 10);
  assert.deepEqual(h.values().sort(), ['reset s1 from 3', 'reset s2 from 1']);
  assert.ok(h.records.every((r) => r.timestamp === 10));
  h.clearOutput();

  reading('s2', 70, 11);
  h.processWatermark(100);
  assert.equal(h.values()[0], 's2 over 65 (1)');
  assert.deepEqual(h.values().slice(1).sort(), ['s1 at 100 EVENT_TIME: 0 over 65', 's2 at 100 EVENT_TIME: 1 over 65']);
  assert.deepEqual(h.records.slice(1).map((r) => r.timestamp), [100, 100]);
  assert.deepEqual(h.watermarks, [100]);
});

test('broadcast state, keyed state and timers are restored into a fresh instance', async () => {
  const h = await OperatorTestHarness.open(new KeyedBroadcastProcessOperator(new LimitAlerts(), [rules]), { keySelectors });
  h.processElement({ name: 'limit', value: 10 }, 1, 1);
  h.processElement({ sensor: 'a', value: 11 }, 2, 0);
  const snap = h.snapshot(3);
  const h2 = await OperatorTestHarness.open(new KeyedBroadcastProcessOperator(new LimitAlerts(), [rules]), { keySelectors, restoreFrom: snap });
  h2.processElement({ sensor: 'a', value: 12 }, 4, 0);
  h2.processWatermark(100);
  assert.deepEqual(h2.values(), ['a over 10 (2)', 'a at 100 EVENT_TIME: 2 over 10']);
});
