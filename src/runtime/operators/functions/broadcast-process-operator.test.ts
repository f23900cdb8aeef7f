import { test } from 'node:test';
import assert from 'node:assert/strict';
import { broadcastStateDescriptor } from '../../../state/operator-state.ts';
import { BroadcastProcessOperator } from './broadcast-process-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';
import type { BroadcastProcessFunction } from './user-functions.ts';

const thresholds = broadcastStateDescriptor<string, number>('thresholds');

/** Elements pass when they reach the broadcast threshold of their kind. */
const gate: BroadcastProcessFunction<{ kind: string; n: number }, [string, number], string> = {
  processElement(e, ctx, out) {
    const min = ctx.getBroadcastState(thresholds).get(e.kind);
    if (min !== undefined && e.n >= min) out.collect(`${e.kind} ${e.n}`);
  },
  processBroadcastElement([kind, min], ctx) {
    ctx.getBroadcastState(thresholds).put(kind, min);
  },
};

test('broadcast updates change how later elements are processed', async () => {
  const h = await OperatorTestHarness.open(new BroadcastProcessOperator(gate, [thresholds]));
  h.processElement({ kind: 'cpu', n: 90 }, 1, 0);
  h.processElement(['cpu', 80], 2, 1);
  h.processElement({ kind: 'cpu', n: 85 }, 3, 0);
  h.processElement({ kind: 'mem', n: 99 }, 4, 0);
  h.processElement(['cpu', 95], 5, 1);
  h.processElement({ kind: 'cpu', n: 90 }, 6, 0);
  assert.deepEqual(h.records, [{ value: 'cpu 85', timestamp: 3 }]);
});

test('broadcast state is restored into a fresh instance', async () => {
  const h = await OperatorTestHarness.open(new BroadcastProcessOperator(gate, [thresholds]));
  h.processElement(['mem', 10], 1, 1);
  const h2 = await OperatorTestHarness.open(new BroadcastProcessOperator(gate, [thresholds]), { restoreFrom: h.snapshot(1) });
  h2.processElement({ kind: 'mem', n: 12 }, 2, 0);
  assert.deepEqual(h2.values(), ['mem 12']);
});

test('the element side gets a read-only view; unregistered descriptors are named in the error', async () => {
  const errors: string[] = [];
  const h = await OperatorTestHarness.open(new BroadcastProcessOperator<string, string, never>({
    processElement(_e, ctx) {
      const state = ctx.getBroadcastState(thresholds);
      errors.push(typeof (state as unknown as { put?: unknown }).put);
      try { ctx.getBroadcastState(broadcastStateDescriptor('thresholdz')); } catch (e) { errors.push((e as Error).message); }
    },
    processBroadcastElement() {},
  }, [thresholds]));
  h.processElement('x', 1, 0);
  assert.equal(errors[0], 'undefined');
  assert.match(errors[1]!, /broadcast state 'thresholdz' does not exist.*\(registered: thresholds\)/);
});
