import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertRow } from '../../core/row.ts';
import { MAX_WATERMARK } from '../../core/stream-element.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import { TemporalSortOperator } from './temporal-sort-operator.ts';

// Rows [id, rowtime, x]: ORDER BY rowtime, x DESC.
const xDesc = (a: readonly unknown[], b: readonly unknown[]) => (b[2] as number) - (a[2] as number);

test('rows come out in rowtime order (then x DESC) as the watermark passes them; late rows are dropped', async () => {
  const h = await OperatorTestHarness.open(new TemporalSortOperator({ timeIndex: 1, compare: xDesc }));
  for (const f of [['a', 5, 1], ['b', 3, 1], ['c', 5, 2], ['d', 9, 0], ['e', 3, 0]]) h.processElement(insertRow(f));
  h.processWatermark(4);
  h.processElement(insertRow(['late', 4, 0]));
  assert.deepEqual(h.skipped, ['late']);
  const snap = h.snapshot(1);
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(h.output.map((e) => (e.kind === 'record' ? `${e.value.fields[0]}@${e.timestamp}` : `wm ${e.timestamp}`)),
    ['b@3', 'e@3', 'wm 4', 'c@5', 'a@5', 'd@9', `wm ${MAX_WATERMARK}`]);
  const r = await OperatorTestHarness.open(new TemporalSortOperator({ timeIndex: 1, compare: xDesc }), { restoreFrom: snap });
  r.processWatermark(6);
  assert.deepEqual(r.values().map((x) => x.fields[0]), ['c', 'a'], 'pending rows survive a restore');
});

test('without a secondary order, rows of equal rowtime keep arrival order', async () => {
  const h = await OperatorTestHarness.open(new TemporalSortOperator({ timeIndex: 0 }));
  for (const f of [[2, 'x'], [1, 'y'], [2, 'z'], [1, 'w']]) h.processElement(insertRow(f));
  h.processWatermark(2);
  assert.deepEqual(h.values().map((r) => r.fields[1]), ['y', 'w', 'x', 'z']);
});
