import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Row } from '../../core/row.ts';
import { OperatorTestHarness, type HarnessSnapshot } from '../../runtime/operators/functions/test-harness.ts';
import { D, drain, I, keyByFirstField, show, step, UA, UB } from './join-test-rows.ts';
import { TemporalJoinOperator, type TemporalJoinOptions } from './temporal-join-operator.ts';

// orders [currency, order_time, id] JOIN rates FOR SYSTEM_TIME AS OF order_time [currency, rate_time, rate].
const open = (options: Partial<TemporalJoinOptions> & Pick<TemporalJoinOptions, 'joinType'>, restoreFrom?: HarnessSnapshot) =>
  OperatorTestHarness.open<Row, Row>(new TemporalJoinOperator({
    leftWidth: 3, rightWidth: 3, leftTimeIndex: 1, rightTimeIndex: 1, isEventTime: true, ...options,
  }), { keySelectors: keyByFirstField, restoreFrom });

function withTimestamps(h: OperatorTestHarness<Row, Row>): string[] {
  const out = h.records.map((r) => `${show(r.value)}@${r.timestamp}`);
  h.clearOutput();
  return out;
}

/** Versions 5 (1.1) and 10 (1.2), deleted at 20; orders before, between and after them. */
function feedRates(h: OperatorTestHarness<Row, Row>): void {
  const steps: ['L' | 'R', Row][] = [
    ['L', I('EUR', 1, 'o0')],
    ['R', I('EUR', 5, 1.1)],
    ['L', I('EUR', 7, 'o1')],
    ['L', I('EUR', 12, 'o2')],
    ['R', UB('EUR', 5, 1.1)],
    ['R', UA('EUR', 10, 1.2)],
    ['L', I('EUR', 15, 'o3')],
    ['R', D('EUR', 20, 1.2)],
    ['L', I('EUR', 22, 'o4')],
    ['L', I('EUR', 19, 'o5')],
  ];
  for (const [side, row] of steps) assert.deepEqual(step(h, side, row), [], 'nothing is emitted before the watermark');
}

test('event-time temporal join: each order joins the version valid at its time', async () => {
  const h = await open({ joinType: 'LEFT' });
  feedRates(h);
  h.processWatermark(3);
  assert.deepEqual(withTimestamps(h), ['+I[EUR, 1, o0, null, null, null]@1'], 'no version yet at 1');
  h.processWatermark(12);
  assert.deepEqual(withTimestamps(h), ['+I[EUR, 7, o1, EUR, 5, 1.1]@7', '+I[EUR, 12, o2, EUR, 10, 1.2]@12']);
  h.processWatermark(25);
  // In arrival order: o3 (15: version 10), o4 (22: deleted at 20), o5 (19: version 10).
  assert.deepEqual(withTimestamps(h), [
    '+I[EUR, 15, o3, EUR, 10, 1.2]@15',
    '+I[EUR, 22, o4, null, null, null]@22',
    '+I[EUR, 19, o5, EUR, 10, 1.2]@19',
  ]);
  assert.equal(h.keyedState!.size(), 0, 'the versions before the deletion and the deletion itself are gone');
  h.processWatermark(30);
  assert.deepEqual(h.output, [{ kind: 'watermark', timestamp: 30 }], 'watermarks are forwarded as they are');
});

test('inner temporal join drops orders without a version', async () => {
  const h = await open({ joinType: 'INNER' });
  feedRates(h);
  h.processWatermark(100);
  assert.deepEqual(drain(h), ['+I[EUR, 7, o1, EUR, 5, 1.1]', '+I[EUR, 12, o2, EUR, 10, 1.2]', '+I[EUR, 15, o3, EUR, 10, 1.2]', '+I[EUR, 19, o5, EUR, 10, 1.2]']);
});

test('a version that arrives after an order but is older than it still serves it; old versions are cleaned', async () => {
  const h = await open({ joinType: 'INNER' });
  step(h, 'L', I('USD', 8, 'o1'));
  step(h, 'R', I('USD', 3, 0.9));
  step(h, 'R', I('USD', 9, 0.8));
  h.processWatermark(10);
  assert.deepEqual(drain(h), ['+I[USD, 8, o1, USD, 3, 0.9]']);
  assert.equal(h.keyedState!.size(), 1, 'only version 9 is left');
  // A late order (time below the watermark) is joined at the next watermark with what is kept.
  step(h, 'L', I('USD', 4, 'late'));
  h.processWatermark(11);
  assert.deepEqual(drain(h), [], 'version 3 was dropped, so the late order finds none');
  step(h, 'L', I('USD', 9, 'o2'));
  h.processWatermark(12);
  assert.deepEqual(drain(h), ['+I[USD, 9, o2, USD, 9, 0.8]']);
});

test('the left row kind is kept; the condition filters the version', async () => {
  const h = await open({ joinType: 'LEFT', condition: (l, r) => l[2] !== 'skip' && (r[2] as number) > 1 });
  step(h, 'R', I('EUR', 0, 2));
  step(h, 'L', I('EUR', 1, 'a'));
  step(h, 'L', D('EUR', 1, 'a'));
  step(h, 'L', I('EUR', 2, 'skip'));
  assert.deepEqual(step(h, 'L', I(null, 2, 'nullkey')), ['+I[null, 2, nullkey, null, null, null]'], 'a NULL key joins nothing, at once');
  h.processWatermark(5);
  assert.deepEqual(drain(h), ['+I[EUR, 1, a, EUR, 0, 2]', '-D[EUR, 1, a, EUR, 0, 2]', '+I[EUR, 2, skip, null, null, null]']);
});

test('snapshot and restore keep buffered orders and versions', async () => {
  const h = await open({ joinType: 'LEFT' });
  feedRates(h);
  h.processWatermark(3);
  drain(h);
  const restored = await open({ joinType: 'LEFT' }, h.snapshot(1));
  restored.processWatermark(25);
  assert.deepEqual(drain(restored), [
    '+I[EUR, 7, o1, EUR, 5, 1.1]', '+I[EUR, 12, o2, EUR, 10, 1.2]', '+I[EUR, 15, o3, EUR, 10, 1.2]',
    '+I[EUR, 22, o4, null, null, null]', '+I[EUR, 19, o5, EUR, 10, 1.2]',
  ]);
  // The sequence numbering continues after a restore.
  step(restored, 'R', I('EUR', 30, 1.3));
  step(restored, 'L', I('EUR', 31, 'o6'));
  step(restored, 'L', I('EUR', 30, 'o7'));
  restored.processWatermark(40);
  assert.deepEqual(drain(restored), ['+I[EUR, 31, o6, EUR, 30, 1.3]', '+I[EUR, 30, o7, EUR, 30, 1.3]']);
});

test('processing-time temporal join joins with the latest right row', async () => {
  const h = await open({ joinType: 'LEFT', isEventTime: false, leftTimeIndex: undefined, rightTimeIndex: undefined });
  assert.deepEqual(step(h, 'L', I('EUR', 0, 'o0')), ['+I[EUR, 0, o0, null, null, null]']);
  step(h, 'R', I('EUR', 0, 1.1));
  assert.deepEqual(step(h, 'L', I('EUR', 0, 'o1')), ['+I[EUR, 0, o1, EUR, 0, 1.1]']);
  step(h, 'R', UB('EUR', 0, 1.1));
  step(h, 'R', UA('EUR', 0, 1.2));
  assert.deepEqual(step(h, 'L', UA('EUR', 0, 'o2')), ['+U[EUR, 0, o2, EUR, 0, 1.2]']);
  step(h, 'R', D('EUR', 0, 1.2));
  assert.deepEqual(step(h, 'L', I('EUR', 0, 'o3')), ['+I[EUR, 0, o3, null, null, null]']);
  const inner = await open({ joinType: 'INNER', isEventTime: false });
  assert.deepEqual(step(inner, 'L', I('EUR', 0, 'o0')), []);
});

test('invalid options are named', () => {
  assert.throws(() => new TemporalJoinOperator({ joinType: 'FULL' as never, leftWidth: 1, rightWidth: 1, isEventTime: false }), /INNER, LEFT/);
  assert.throws(() => new TemporalJoinOperator({ joinType: 'INNER', leftWidth: 1, rightWidth: 1, isEventTime: true }), /needs leftTimeIndex/);
});
