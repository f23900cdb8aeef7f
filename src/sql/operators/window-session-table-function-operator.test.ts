import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertRow, type Row } from '../../core/row.ts';
import { MAX_WATERMARK } from '../../core/stream-element.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import { SessionWindowTableFunctionOperator } from './window-session-table-function-operator.ts';

// Rows [key, v, ts], SESSION gap 5, PARTITION BY key.
async function open(isEventTime = true) {
  return OperatorTestHarness.open(new SessionWindowTableFunctionOperator({ gap: 5, timeIndex: 2, isEventTime }), {
    keySelectors: [(r: Row) => r.fields[0]],
  });
}

test('rows come out with their merged session bounds when the session closes', async () => {
  const h = await open();
  for (const f of [['a', 'p', 1], ['a', 'q', 10], ['b', 'r', 2], ['a', 's', 6]]) h.processElement(insertRow(f));
  // a: [1, 6) and [10, 15) are bridged by @6 -> [6, 11): one session [1, 15); b: [2, 7)
  h.processWatermark(6);
  assert.deepEqual(h.records, [{ value: { kind: '+I', fields: ['b', 'r', 2, 2, 7, 6] }, timestamp: 6 }]);
  h.clearOutput();
  h.processWatermark(13);
  assert.deepEqual(h.values(), []);
  h.processWatermark(14);
  assert.deepEqual(h.values().map((r) => r.fields), [['a', 'p', 1, 1, 15, 14], ['a', 'q', 10, 1, 15, 14], ['a', 's', 6, 1, 15, 14]]);
  h.processElement(insertRow(['a', 'late', 9]));
  assert.deepEqual(h.skipped, ['late']);
  assert.equal(h.keyedState!.size(), 0);
});

test('snapshot and restore keep open sessions; processing time closes them by the clock', async () => {
  const h = await open();
  h.processElement(insertRow(['a', 'p', 1]));
  const r = await OperatorTestHarness.open(new SessionWindowTableFunctionOperator({ gap: 5, timeIndex: 2, isEventTime: true }), {
    keySelectors: [(row: Row) => row.fields[0]], restoreFrom: h.snapshot(1),
  });
  r.processElement(insertRow(['a', 'q', 4]));
  r.processWatermark(MAX_WATERMARK);
  assert.deepEqual(r.values().map((x) => x.fields), [['a', 'p', 1, 1, 9, 8], ['a', 'q', 4, 1, 9, 8]]);
  const p = await open(false);
  p.processElement(insertRow(['a', 'p', null]));
  p.setProcessingTime(3);
  p.processElement(insertRow(['a', 'q', null]));
  p.setProcessingTime(6);
  assert.deepEqual(p.values(), []);
  p.setProcessingTime(7); // [0, 5) and [3, 8) merged: window_time 7
  assert.deepEqual(p.values().map((x) => x.fields), [['a', 'p', null, 0, 8, 7], ['a', 'q', null, 0, 8, 7]]);
});
