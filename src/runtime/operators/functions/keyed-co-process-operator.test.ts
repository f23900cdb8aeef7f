import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ValueState } from '../../../state/keyed-state.ts';
import { valueState } from '../../../state/state-descriptor.ts';
import { KeyedCoProcessOperator } from './keyed-co-process-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';
import type { Collector, KeyedCoProcessFunction, KeyedOnTimerContext, KeyedProcessContext, RuntimeContext } from './user-functions.ts';

interface Order { readonly id: string; readonly amount: number }
interface Payment { readonly id: string; readonly paid: number }

/** Matches orders with payments by id; an order unpaid 10 after its timestamp is reported. */
class MatchPayments implements KeyedCoProcessFunction<string, Order, Payment, string> {
  order!: ValueState<Order>;
  payment!: ValueState<Payment>;
  open(ctx: RuntimeContext): void {
    this.order = ctx.getState(valueState<Order>('order'));
    this.payment = ctx.getState(valueState<Payment>('payment'));
  }
  processElement1(o: Order, ctx: KeyedProcessContext<string>, out: Collector<string>): void {
    const p = this.payment.value();
    if (p) { out.collect(`${o.id} paid ${p.paid}/${o.amount}`); this.payment.clear(); return; }
    this.order.update(o);
    ctx.timerService().registerEventTimeTimer(ctx.timestamp()! + 10);
  }
  processElement2(p: Payment, ctx: KeyedProcessContext<string>, out: Collector<string>): void {
    const o = this.order.value();
    if (o) { out.collect(`${ctx.getCurrentKey()} paid ${p.paid}/${o.amount}`); this.order.clear(); return; }
    this.payment.update(p);
  }
  onTimer(ts: number, ctx: KeyedOnTimerContext<string>, out: Collector<string>): void {
    if (this.order.value()) out.collect(`${ctx.getCurrentKey()} unpaid at ${ts}`);
    this.order.clear();
  }
}

const keySelectors = [(o: Order) => o.id, (p: Payment) => p.id];

test('both inputs share the key state; timers fire for the right key', async () => {
  const h = await OperatorTestHarness.open(new KeyedCoProcessOperator(new MatchPayments()), { keySelectors });
  h.processElement({ id: 'o1', amount: 5 }, 1, 0);
  h.processElement({ id: 'o2', amount: 7 }, 2, 0);
  h.processElement({ id: 'o3', paid: 9 }, 3, 1);
  h.processElement({ id: 'o1', paid: 5 }, 4, 1);
  h.processElement({ id: 'o3', amount: 9 }, 5, 0);
  h.processWatermark(20);
  assert.deepEqual(h.records, [
    { value: 'o1 paid 5/5', timestamp: 4 },
    { value: 'o3 paid 9/9', timestamp: 5 },
    { value: 'o2 unpaid at 12', timestamp: 12 },
  ]);
  assert.deepEqual(h.watermarks, [20]);
});

test('pending orders and their timers are restored into a fresh instance', async () => {
  const h = await OperatorTestHarness.open(new KeyedCoProcessOperator(new MatchPayments()), { keySelectors });
  h.processElement({ id: 'a', amount: 1 }, 1, 0);
  h.processElement({ id: 'b', amount: 2 }, 2, 0);
  const snap = h.snapshot(1);
  const h2 = await OperatorTestHarness.open(new KeyedCoProcessOperator(new MatchPayments()), { keySelectors, restoreFrom: snap });
  h2.processElement({ id: 'a', paid: 1 }, 3, 1);
  h2.processWatermark(100);
  assert.deepEqual(h2.values(), ['a paid 1/1', 'b unpaid at 12']);
});
