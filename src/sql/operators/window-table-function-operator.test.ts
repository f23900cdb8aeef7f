import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertRow } from '../../core/row.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import { WindowTableFunctionOperator } from './window-table-function-operator.ts';

test('TUMBLE appends window_start, window_end, window_time; the timestamp becomes window_time', async () => {
  const h = await OperatorTestHarness.open(new WindowTableFunctionOperator({ window: { type: 'TUMBLE', size: 10 }, timeIndex: 1 }));
  h.processElement(insertRow(['a', 10]), 10);
  h.processElement(insertRow(['b', 9]), 9);
  h.processElement(insertRow(['c', null]), 0); // NULL time: in no window
  assert.deepEqual(h.records, [
    { value: { kind: '+I', fields: ['a', 10, 10, 20, 19] }, timestamp: 19 },
    { value: { kind: '+I', fields: ['b', 9, 0, 10, 9] }, timestamp: 9 },
  ]);
});

test('HOP and CUMULATE emit one row per window', async () => {
  const hop = await OperatorTestHarness.open(new WindowTableFunctionOperator({ window: { type: 'HOP', size: 10, slide: 5, offset: 1 }, timeIndex: 0 }));
  hop.processElement(insertRow([7]));
  assert.deepEqual(hop.values().map((r) => r.fields), [[7, 1, 11, 10], [7, 6, 16, 15]]);
  const cum = await OperatorTestHarness.open(new WindowTableFunctionOperator({ window: { type: 'CUMULATE', maxSize: 6, step: 2 }, timeIndex: 0 }));
  cum.processElement(insertRow([3]));
  assert.deepEqual(cum.values().map((r) => r.fields), [[3, 0, 4, 3], [3, 0, 6, 5]]);
});

test('SESSION is left to the keyed session operator', () => {
  assert.throws(() => new WindowTableFunctionOperator({ window: { type: 'SESSION', gap: 5 }, timeIndex: 0 }), /use SessionWindowTableFunctionOperator/);
});
