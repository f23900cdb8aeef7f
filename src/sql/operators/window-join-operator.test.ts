import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertRow, type Row } from '../../core/row.ts';
import { MAX_WATERMARK } from '../../core/stream-element.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import { WindowJoinOperator, type WindowJoinType } from './window-join-operator.ts';

// Left [k, l, window_start, window_end]; right [k, r, window_start, window_end].
async function run(joinType: WindowJoinType, condition?: (l: readonly unknown[], r: readonly unknown[]) => boolean) {
  const h = await OperatorTestHarness.open(new WindowJoinOperator({
    joinType, leftWidth: 4, rightWidth: 4, leftWindowEndIndex: 3, rightWindowEndIndex: 3, condition,
  }), { keySelectors: [(r: Row) => r.fields[0], (r: Row) => r.fields[0]] });
  h.processElement(insertRow(['a', 'L1', 0, 10]), 0, 0);
  h.processElement(insertRow(['a', 'R1', 0, 10]), 0, 1);
  h.processElement(insertRow(['a', 'L2', 0, 10]), 0, 0);
  h.processElement(insertRow(['b', 'L3', 0, 10]), 0, 0);
  h.processElement(insertRow(['c', 'R2', 0, 10]), 0, 1);
  h.processElement(insertRow(['a', 'R3', 10, 20]), 0, 1); // other window: never meets L1/L2
  h.processElement(insertRow(['a', 'R4', 0, 10]), 0, 1);
  h.processWatermark(9);
  const first = h.values().map((r) => { assert.equal(r.kind, '+I'); return r.fields; });
  h.clearOutput();
  h.processWatermark(MAX_WATERMARK);
  return { first, rest: h.values().map((r) => r.fields), skipped: h.skipped, h };
}

const byKeyThenText = (rows: unknown[][]) => rows.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
const N = [null, null, null, null];

test('INNER joins rows of the same key and window', async () => {
  const { first, rest } = await run('INNER');
  assert.deepEqual(byKeyThenText(first), [
    ['a', 'L1', 0, 10, 'a', 'R1', 0, 10], ['a', 'L1', 0, 10, 'a', 'R4', 0, 10],
    ['a', 'L2', 0, 10, 'a', 'R1', 0, 10], ['a', 'L2', 0, 10, 'a', 'R4', 0, 10],
  ]);
  assert.deepEqual(rest, []);
});

test('LEFT, RIGHT and FULL pad the unmatched side with NULLs', async () => {
  const left = await run('LEFT');
  assert.deepEqual(byKeyThenText(left.first).filter((r) => r[4] === null), [['b', 'L3', 0, 10, ...N]]);
  assert.equal(left.first.length, 5);
  assert.deepEqual(left.rest, []);
  const right = await run('RIGHT');
  assert.deepEqual(right.first.filter((r) => r[0] === null), [[...N, 'c', 'R2', 0, 10]]);
  assert.equal(right.first.length, 5);
  assert.deepEqual(right.rest, [[...N, 'a', 'R3', 10, 20]]);
  const full = await run('FULL');
  assert.equal(full.first.length, 6);
  assert.deepEqual(full.rest, [[...N, 'a', 'R3', 10, 20]]);
});

test('SEMI and ANTI emit left rows only; the condition filters matches', async () => {
  const semi = await run('SEMI');
  assert.deepEqual(byKeyThenText(semi.first), [['a', 'L1', 0, 10], ['a', 'L2', 0, 10]]);
  const anti = await run('ANTI');
  assert.deepEqual(anti.first, [['b', 'L3', 0, 10]]);
  const cond = await run('LEFT', (l, r) => l[1] === 'L1' && r[1] === 'R4');
  assert.deepEqual(byKeyThenText(cond.first), [
    ['a', 'L1', 0, 10, 'a', 'R4', 0, 10], ['a', 'L2', 0, 10, ...N], ['b', 'L3', 0, 10, ...N],
  ]);
});

test('late rows are dropped and state is cleared after the window', async () => {
  const { h } = await run('INNER');
  h.processElement(insertRow(['a', 'late', 0, 10]), 0, 0);
  assert.deepEqual(h.skipped, ['late']);
  assert.equal(h.keyedState!.size(), 0);
});

test('processing-time windows are joined on the processing-time timer', async () => {
  const h = await OperatorTestHarness.open(new WindowJoinOperator({
    joinType: 'INNER', leftWidth: 4, rightWidth: 4, leftWindowEndIndex: 3, rightWindowEndIndex: 3, isEventTime: false,
  }), { keySelectors: [(r: Row) => r.fields[0], (r: Row) => r.fields[0]] });
  h.processElement(insertRow(['a', 'L', 0, 10]), 0, 0);
  h.processElement(insertRow(['a', 'R', 0, 10]), 0, 1);
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(h.values(), []);
  h.setProcessingTime(9);
  assert.deepEqual(h.values().map((r) => r.fields), [['a', 'L', 0, 10, 'a', 'R', 0, 10]]);
});
