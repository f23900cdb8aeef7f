import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import type { ValueState } from '../../../state/keyed-state.ts';
import { valueState } from '../../../state/state-descriptor.ts';
import { OutputTag } from '../stream-operator.ts';
import { KeyedProcessOperator } from './keyed-process-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';
import type { Collector, KeyedOnTimerContext, KeyedProcessContext, KeyedProcessFunction, ProcessFunction, RuntimeContext } from './user-functions.ts';

interface Ev { readonly key: string; readonly t: number }
const byKey = { keySelectors: [(e: Ev) => e.key] };

/** Registers an event-time timer 10 after each element and reports elements and timers. */
const timeout: KeyedProcessFunction<string, Ev, string> = {
  processElement(e, ctx, out) {
    ctx.timerService().registerEventTimeTimer(e.t + 10);
    out.collect(`in ${ctx.getCurrentKey()} ts=${ctx.timestamp()}`);
  },
  onTimer(ts, ctx, out) {
    out.collect(`timer ${ctx.getCurrentKey()} ${ts} ${ctx.timeDomain()} ts=${ctx.timestamp()}`);
  },
};

test('event-time timers fire in timestamp order, with their key, before the watermark is forwarded', async () => {
  const h = await OperatorTestHarness.open(new KeyedProcessOperator(timeout), byKey);
  h.processElement({ key: 'a', t: 5 }, 5);
  h.processElement({ key: 'b', t: 3 }, 3);
  h.processElement({ key: 'a', t: 1 }, 1);
  h.processWatermark(12);
  h.processWatermark(20);
  assert.deepEqual(h.output, [
    { kind: 'record', value: 'in a ts=5', timestamp: 5 },
    { kind: 'record', value: 'in b ts=3', timestamp: 3 },
    { kind: 'record', value: 'in a ts=1', timestamp: 1 },
    { kind: 'record', value: 'timer a 11 EVENT_TIME ts=11', timestamp: 11 },
    { kind: 'watermark', timestamp: 12 },
    { kind: 'record', value: 'timer b 13 EVENT_TIME ts=13', timestamp: 13 },
    { kind: 'record', value: 'timer a 15 EVENT_TIME ts=15', timestamp: 15 },
    { kind: 'watermark', timestamp: 20 },
  ]);
});

test('processing-time timers fire on the clock; their output has no timestamp', async () => {
  const fn: KeyedProcessFunction<string, Ev, string> = {
    processElement(e, ctx) {
      ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 100);
    },
    onTimer(ts, ctx, out) {
      out.collect(`${ctx.getCurrentKey()} ${ts} ${ctx.timeDomain()} ts=${ctx.timestamp()}`);
    },
  };
  const h = await OperatorTestHarness.open(new KeyedProcessOperator(fn), { ...byKey, processingTime: 1000 });
  h.processElement({ key: 'x', t: 0 }, 7);
  h.setProcessingTime(1050);
  h.processElement({ key: 'y', t: 0 }, 8);
  h.setProcessingTime(1099);
  assert.deepEqual(h.records, []);
  h.setProcessingTime(1200);
  assert.deepEqual(h.records, [
    { value: 'x 1100 PROCESSING_TIME ts=1100', timestamp: NO_TIMESTAMP },
    { value: 'y 1150 PROCESSING_TIME ts=1150', timestamp: NO_TIMESTAMP },
  ]);
});

test('deleted timers do not fire; registering the same timer twice fires once', async () => {
  const fn: KeyedProcessFunction<string, { key: string; op: 'set' | 'del'; at: number }, number> = {
    processElement(e, ctx) {
      if (e.op === 'set') ctx.timerService().registerEventTimeTimer(e.at);
      else ctx.timerService().deleteEventTimeTimer(e.at);
    },
    onTimer(ts, _ctx, out) { out.collect(ts); },
  };
  const h = await OperatorTestHarness.open(new KeyedProcessOperator(fn), { keySelectors: [(e: { key: string }) => e.key] });
  h.processElement({ key: 'k', op: 'set', at: 10 });
  h.processElement({ key: 'k', op: 'set', at: 10 });
  h.processElement({ key: 'k', op: 'set', at: 20 });
  h.processElement({ key: 'k', op: 'del', at: 20 });
  h.processWatermark(100);
  assert.deepEqual(h.values(), [10]);
});

test('side outputs carry the element timestamp, or the timer timestamp inside onTimer', async () => {
  const late = new OutputTag<string>('late');
  const fn: KeyedProcessFunction<string, Ev, string> = {
    processElement(e, ctx, out) {
      if (e.t < ctx.timerService().currentWatermark()) ctx.output(late, `late ${e.key}`);
      else { out.collect(e.key); ctx.timerService().registerEventTimeTimer(e.t); }
    },
    onTimer(ts, ctx) { ctx.output(late, `fired ${ctx.getCurrentKey()}`); },
  };
  const h = await OperatorTestHarness.open(new KeyedProcessOperator(fn), byKey);
  h.processElement({ key: 'a', t: 10 }, 10);
  h.processWatermark(15);
  h.processElement({ key: 'b', t: 12 }, 12);
  assert.deepEqual(h.records, [{ value: 'a', timestamp: 10 }]);
  assert.deepEqual(h.sideOutputs.get('late'), [
    { value: 'fired a', timestamp: 10 },
    { value: 'late b', timestamp: 12 },
  ]);
});

/** Counts elements per key in keyed state and emits the count when the key's timer fires. */
class CountUntil implements KeyedProcessFunction<string, Ev, string> {
  count!: ValueState<number>;
  open(ctx: RuntimeContext): void {
    this.count = ctx.getState(valueState<number>('count', { defaultValue: 0 }));
  }
  processElement(_e: Ev, ctx: KeyedProcessContext<string>): void {
    this.count.update((this.count.value() ?? 0) + 1);
    ctx.timerService().registerEventTimeTimer(100);
  }
  onTimer(_ts: number, ctx: KeyedOnTimerContext<string>, out: Collector<string>): void {
    out.collect(`${ctx.getCurrentKey()}=${this.count.value()}`);
    this.count.clear();
  }
}

test('keyed state and timers survive a snapshot and restore into a fresh instance', async () => {
  const first = await OperatorTestHarness.open(new KeyedProcessOperator(new CountUntil()), byKey);
  first.processElement({ key: 'a', t: 1 }, 1);
  first.processElement({ key: 'b', t: 2 }, 2);
  first.processElement({ key: 'a', t: 3 }, 3);
  const snap = first.snapshot(1);
  // Changes after the snapshot are lost with the failed instance.
  first.processElement({ key: 'a', t: 4 }, 4);
  await first.close();

  const second = await OperatorTestHarness.open(new KeyedProcessOperator(new CountUntil()), { ...byKey, restoreFrom: snap });
  second.processElement({ key: 'b', t: 5 }, 5);
  second.processWatermark(100);
  assert.deepEqual(second.records.map((r) => r.value).sort(), ['a=2', 'b=2']);
  assert.ok(second.records.every((r) => r.timestamp === 100));
  second.processWatermark(200);
  assert.equal(second.records.length, 2, 'each key had one timer at 100; it fired once');
});

test('a KeyedProcessFunction on a non-keyed stream fails at open with a hint', async () => {
  await assert.rejects(OperatorTestHarness.open(new KeyedProcessOperator(timeout)), /needs a keyed stream: apply it after keyBy\(\)/);
});

test('a ProcessFunction also runs on a keyed stream, with timers (as keyedStream.process does in Flink)', async () => {
  const fn: ProcessFunction<Ev, string> = {
    processElement(e, ctx) { ctx.timerService().registerEventTimeTimer(e.t); },
    onTimer(ts, ctx, out) { out.collect(`${ts} ${ctx.timeDomain()}`); },
  };
  const h = await OperatorTestHarness.open(new KeyedProcessOperator<string, Ev, string>(fn), byKey);
  h.processElement({ key: 'a', t: 3 }, 3);
  h.processWatermark(3);
  assert.deepEqual(h.values(), ['3 EVENT_TIME']);
});
