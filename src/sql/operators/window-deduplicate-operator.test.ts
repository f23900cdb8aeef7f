import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertRow, type Row } from '../../core/row.ts';
import { MAX_WATERMARK } from '../../core/stream-element.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import { WindowDeduplicateOperator } from './window-deduplicate-operator.ts';

// Input [key, v, ts]; fused with TUMBLE(10): [key, v, ts, window_start, window_end, window_time].
async function open(keepLastRow: boolean) {
  return OperatorTestHarness.open(new WindowDeduplicateOperator({ window: { type: 'TUMBLE', size: 10 }, timeIndex: 2, windowEndIndex: 4, keepLastRow }), {
    keySelectors: [(r: Row) => r.fields[0]],
  });
}

const input: [string, string, number][] = [['a', 'p', 5], ['a', 'q', 2], ['a', 'r', 8], ['a', 's', 8], ['b', 't', 9], ['a', 'u', 12]];

test('keep first: the row with the smallest rowtime per key and window, first arrival on ties', async () => {
  const h = await open(false);
  for (const f of input) h.processElement(insertRow(f));
  h.processElement(insertRow(['a', 'v', 2])); // ties with q: q stays
  h.processWatermark(MAX_WATERMARK);
  const rows = h.values().map((r) => r.fields);
  assert.deepEqual(rows.sort((x, y) => (x[4] as number) - (y[4] as number) || String(x[0]).localeCompare(String(y[0]))), [
    ['a', 'q', 2, 0, 10, 9], ['b', 't', 9, 0, 10, 9], ['a', 'u', 12, 10, 20, 19],
  ]);
});

test('keep last: the row with the largest rowtime, last arrival on ties; late rows dropped', async () => {
  const h = await open(true);
  for (const f of input) h.processElement(insertRow(f));
  h.processWatermark(9);
  assert.deepEqual(h.values().map((r) => r.fields).sort((x, y) => String(x[0]).localeCompare(String(y[0]))), [
    ['a', 's', 8, 0, 10, 9], ['b', 't', 9, 0, 10, 9],
  ]);
  h.processElement(insertRow(['a', 'late', 9]));
  assert.deepEqual(h.skipped, ['late']);
});

test('attached window columns: dedup over a window aggregate output', async () => {
  // [key, v, rowtime, window_start, window_end]
  const h = await OperatorTestHarness.open(new WindowDeduplicateOperator({ window: undefined, timeIndex: 2, windowEndIndex: 4, keepLastRow: true }), {
    keySelectors: [(r: Row) => r.fields[0]],
  });
  h.processElement(insertRow(['a', 1, 9, 0, 10]));
  h.processElement(insertRow(['a', 2, 7, 0, 10]));
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(h.values(), [{ kind: '+I', fields: ['a', 1, 9, 0, 10] }]);
});

test('processing-time windows: keep first / last by arrival', async () => {
  for (const keepLastRow of [false, true]) {
    const h = await OperatorTestHarness.open(new WindowDeduplicateOperator({ window: { type: 'TUMBLE', size: 10 }, timeIndex: 2, windowEndIndex: 4, keepLastRow, isEventTime: false }), {
      keySelectors: [(r: Row) => r.fields[0]], processingTime: 12,
    });
    h.processElement(insertRow(['a', 'p', null]));
    h.processElement(insertRow(['a', 'q', null]));
    h.setProcessingTime(19);
    assert.deepEqual(h.values().map((r) => r.fields), [['a', keepLastRow ? 'q' : 'p', null, 10, 20, 19]]);
  }
});
