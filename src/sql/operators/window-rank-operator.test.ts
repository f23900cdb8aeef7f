import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertRow, type Row } from '../../core/row.ts';
import { MAX_WATERMARK } from '../../core/stream-element.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import { WindowRankOperator, type WindowRankOptions } from './window-rank-operator.ts';

// Attached input (after a window aggregate): [key, item, price, window_start, window_end].
const byPriceDesc = (a: readonly unknown[], b: readonly unknown[]) => (b[2] as number) - (a[2] as number);

async function open(extra: Partial<WindowRankOptions> = {}) {
  return OperatorTestHarness.open(new WindowRankOperator({
    window: undefined, windowEndIndex: 4, partitionKey: [0], compare: byPriceDesc,
    rankStart: 1, rankEnd: 2, outputRankNumber: true, ...extra,
  }), { keySelectors: [(r: Row) => r.fields[0]] });
}

test('top 2 per key and window, ties in arrival order, emitted when the window ends', async () => {
  const h = await open();
  for (const f of [
    ['a', 'x', 5, 0, 10], ['a', 'y', 9, 0, 10], ['a', 'z', 5, 0, 10], ['a', 'w', 1, 0, 10],
    ['b', 'x', 3, 0, 10], ['a', 'v', 7, 10, 20],
  ]) h.processElement(insertRow(f));
  h.processWatermark(8);
  assert.deepEqual(h.values(), []);
  h.processWatermark(9);
  const rows = h.values().map((r) => r.fields).sort((p, q) => String(p[0]).localeCompare(String(q[0])));
  // a: y(9) #1, then x and z tie at 5: x arrived first
  assert.deepEqual(rows, [['a', 'y', 9, 0, 10, 1], ['a', 'x', 5, 0, 10, 2], ['b', 'x', 3, 0, 10, 1]]);
  assert.deepEqual(h.records.map((r) => r.timestamp), [9, 9, 9]);
  h.processElement(insertRow(['a', 'late', 100, 0, 10]));
  assert.deepEqual(h.skipped, ['late']);
  h.clearOutput();
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(h.values(), [{ kind: '+I', fields: ['a', 'v', 7, 10, 20, 1] }]);
});

test('rank range 2..3 without the rank column', async () => {
  const h = await open({ rankStart: 2, rankEnd: 3, outputRankNumber: false });
  for (const p of [4, 8, 6, 2, 10]) h.processElement(insertRow(['a', `i${p}`, p, 0, 10]));
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(h.values().map((r) => r.fields[1]), ['i8', 'i6']);
});

test('fused with TUMBLE: window columns are appended before ranking', async () => {
  // input [key, item, price, ts]; extended [key, item, price, ts, window_start, window_end, window_time]
  const h = await open({ window: { type: 'TUMBLE', size: 10 }, timeIndex: 3, windowEndIndex: 5, rankEnd: 1 });
  h.processElement(insertRow(['a', 'p', 1, 3]));
  h.processElement(insertRow(['a', 'q', 2, 9]));
  h.processElement(insertRow(['a', 'r', 3, 10]));
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(h.values().map((r) => r.fields), [['a', 'q', 2, 9, 0, 10, 9, 1], ['a', 'r', 3, 10, 10, 20, 19, 1]]);
});

test('snapshot and restore keep the buffered windows', async () => {
  const h = await open();
  h.processElement(insertRow(['a', 'x', 5, 0, 10]));
  const snap = h.snapshot(1);
  const r = await OperatorTestHarness.open(new WindowRankOperator({
    window: undefined, windowEndIndex: 4, partitionKey: [0], compare: byPriceDesc, rankStart: 1, rankEnd: 2, outputRankNumber: true,
  }), { keySelectors: [(row: Row) => row.fields[0]], restoreFrom: snap });
  r.processElement(insertRow(['a', 'y', 6, 0, 10]));
  r.processWatermark(MAX_WATERMARK);
  assert.deepEqual(r.values().map((x) => x.fields[1]), ['y', 'x']);
});

test('processing-time windows: rows go into the window of the clock and come out on its timer', async () => {
  const h = await OperatorTestHarness.open(new WindowRankOperator({
    window: { type: 'TUMBLE', size: 10 }, timeIndex: 3, windowEndIndex: 5, isEventTime: false,
    partitionKey: [0], compare: byPriceDesc, rankStart: 1, rankEnd: 1, outputRankNumber: false,
  }), { keySelectors: [(r: Row) => r.fields[0]], processingTime: 4 });
  h.processElement(insertRow(['a', 'p', 1, null]));
  h.processElement(insertRow(['a', 'q', 2, null]));
  h.setProcessingTime(9);
  assert.deepEqual(h.values().map((r) => r.fields), [['a', 'q', 2, null, 0, 10, 9]]);
});

test('RANK and DENSE_RANK: ties share a rank, every row ranked at most rankEnd is emitted', async () => {
  // prices 9, 5, 5, 3, 1: RANK 1,2,2,4,5; DENSE_RANK 1,2,2,3,4
  const feed = (h: OperatorTestHarness<Row, Row>) => {
    for (const [item, p] of [['x', 5], ['y', 9], ['z', 5], ['w', 3], ['v', 1]] as const) h.processElement(insertRow(['a', item, p, 0, 10]));
    h.processWatermark(MAX_WATERMARK);
    return h.values().map((r) => `${r.fields[1]}${r.fields[5]}`);
  };
  assert.deepEqual(feed(await open({ rankType: 'RANK', rankEnd: 3 })), ['y1', 'x2', 'z2']);
  assert.deepEqual(feed(await open({ rankType: 'DENSE_RANK', rankEnd: 3 })), ['y1', 'x2', 'z2', 'w3']);
  assert.deepEqual(feed(await open({ rankType: 'RANK', rankStart: 2, rankEnd: 4 })), ['x2', 'z2', 'w4']);
});
