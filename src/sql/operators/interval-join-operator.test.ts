import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Row } from '../../core/row.ts';
import { OperatorTestHarness, type HarnessSnapshot } from '../../runtime/operators/functions/test-harness.ts';
import { IntervalJoinOperator, type IntervalJoinOptions } from './interval-join-operator.ts';
import { drain, I, keyByFirstField, show, step } from './join-test-rows.ts';

// Rows are [key, time, name]; a pair matches when -10 <= rt - lt <= 5.
const open = (options: Partial<IntervalJoinOptions> & Pick<IntervalJoinOptions, 'joinType'>, restoreFrom?: HarnessSnapshot, processingTime?: number) =>
  OperatorTestHarness.open<Row, Row>(new IntervalJoinOperator({
    leftWidth: 3, rightWidth: 3, leftTimeIndex: 1, rightTimeIndex: 1, lowerBoundMs: -10, upperBoundMs: 5, isEventTime: true, ...options,
  }), { keySelectors: keyByFirstField, restoreFrom, processingTime });

/** Output records and watermarks in order since the last call. */
function drainAll(h: OperatorTestHarness<Row, Row>): string[] {
  const out = h.output.map((e) => (e.kind === 'record' ? `${show(e.value)}@${e.timestamp}` : `W${e.timestamp}`));
  h.clearOutput();
  return out;
}

test('inner interval join: both bounds are inclusive', async () => {
  const h = await open({ joinType: 'INNER' });
  assert.deepEqual(step(h, 'L', I(1, 100, 'a')), []);
  assert.deepEqual(step(h, 'R', I(1, 90, 'x')), ['+I[1, 100, a, 1, 90, x]'], 'rt - lt = -10');
  assert.deepEqual(step(h, 'R', I(1, 105, 'y')), ['+I[1, 100, a, 1, 105, y]'], 'rt - lt = 5');
  assert.deepEqual(step(h, 'R', I(1, 89, 'z')), [], 'rt - lt = -11');
  assert.deepEqual(step(h, 'R', I(1, 106, 'w')), [], 'rt - lt = 6');
  assert.deepEqual(step(h, 'R', I(2, 100, 'v')), [], 'other key');
  // 90 - 95 = -5 and 89 - 95 = -6 match; 105 - 95 = 10 and 106 - 95 = 11 do not.
  assert.deepEqual(step(h, 'L', I(1, 95, 'b')), ['+I[1, 95, b, 1, 90, x]', '+I[1, 95, b, 1, 89, z]']);
});

test('left interval join pads a row that expires unmatched; the watermark is held back', async () => {
  const h = await open({ joinType: 'LEFT' });
  step(h, 'L', I(1, 100, 'a'));
  h.processWatermark(105);
  assert.deepEqual(drainAll(h), ['W94'], 'delay = max(5, 10) + 1');
  // A right row at the watermark still joins (as in Flink); a matched row is not padded on expiry.
  assert.deepEqual(step(h, 'R', I(1, 105, 'x'), 105), ['+I[1, 100, a, 1, 105, x]']);
  h.processWatermark(106);
  assert.deepEqual(drainAll(h), ['W95']);
  assert.equal(h.keyedState!.size(), 1, 'only the right row at 105 (kept until the watermark passes 115)');
  h.processWatermark(116);
  assert.equal(h.keyedState!.size(), 0);
  drainAll(h);
  step(h, 'L', I(1, 200, 'b'), 200);
  h.processWatermark(205);
  assert.deepEqual(drainAll(h), ['W194']);
  h.processWatermark(206);
  assert.deepEqual(drainAll(h), ['+I[1, 200, b, null, null, null]@200', 'W195']);
  assert.equal(h.keyedState!.size(), 0);
});

test('right interval join pads right rows that expire unmatched', async () => {
  const h = await open({ joinType: 'RIGHT' });
  assert.deepEqual(step(h, 'R', I(1, 100, 'x')), []);
  assert.deepEqual(step(h, 'L', I(1, 110, 'a')), ['+I[1, 110, a, 1, 100, x]'], 'rt - lt = -10');
  h.processWatermark(111);
  assert.deepEqual(drain(h), [], 'x matched');
  step(h, 'R', I(1, 300, 'y'), 300);
  h.processWatermark(310);
  assert.deepEqual(drain(h), [], 'y can still meet a left row at 310');
  h.processWatermark(311);
  assert.deepEqual(drain(h), ['+I[null, null, null, 1, 300, y]']);
});

test('full interval join pads both sides; a row that matched later is not padded', async () => {
  const h = await open({ joinType: 'FULL' });
  step(h, 'L', I(1, 100, 'a'));
  step(h, 'L', I(1, 50, 'b'));
  assert.deepEqual(step(h, 'R', I(1, 98, 'x')), ['+I[1, 100, a, 1, 98, x]']);
  h.processWatermark(200);
  assert.deepEqual(drain(h).sort(), ['+I[1, 50, b, null, null, null]']);
});

test('late rows join with the rows still kept, and are padded at once when nothing more can match', async () => {
  const h = await open({ joinType: 'LEFT' });
  h.processWatermark(490);
  step(h, 'R', I(1, 495, 'x'));
  h.processWatermark(500);
  drainAll(h);
  assert.deepEqual(step(h, 'L', I(1, 492, 'late')), ['+I[1, 492, late, 1, 495, x]'], 'rt - lt = 3; the right row is kept until 506');
  assert.deepEqual(step(h, 'L', I(1, 400, 'later')), ['+I[1, 400, later, null, null, null]']);
  assert.equal(h.keyedState!.size(), 1, 'neither late row was kept');
  const inner = await open({ joinType: 'INNER' });
  inner.processWatermark(500);
  assert.deepEqual(step(inner, 'L', I(1, 400, 'late')), []);
  assert.equal(inner.keyedState!.size(), 0);
});

test('the condition and NULL keys or times', async () => {
  const h = await open({ joinType: 'LEFT', condition: (l, r) => l[2] !== r[2] });
  step(h, 'R', I(1, 100, 'same'));
  step(h, 'R', I(1, 101, 'other'));
  assert.deepEqual(step(h, 'L', I(1, 100, 'same')), ['+I[1, 100, same, 1, 101, other]']);
  assert.deepEqual(step(h, 'L', I(null, 100, 'k')), ['+I[null, 100, k, null, null, null]']);
  assert.deepEqual(step(h, 'L', I(1, null, 't')), ['+I[1, null, t, null, null, null]']);
});

test('snapshot and restore keep rows and their expiry timers', async () => {
  const h = await open({ joinType: 'FULL' });
  step(h, 'L', I(1, 100, 'a'));
  step(h, 'R', I(1, 150, 'x'));
  const restored = await open({ joinType: 'FULL' }, h.snapshot(1));
  assert.deepEqual(step(restored, 'R', I(1, 103, 'y')), ['+I[1, 100, a, 1, 103, y]']);
  restored.processWatermark(1000);
  assert.deepEqual(drain(restored), ['+I[null, null, null, 1, 150, x]']);
  assert.equal(restored.keyedState!.size(), 0);
});

test('processing-time interval join uses arrival times and processing-time timers', async () => {
  const h = await open({ joinType: 'LEFT', isEventTime: false, leftTimeIndex: undefined, rightTimeIndex: undefined }, undefined, 1000);
  step(h, 'L', I(1, 0, 'a'));
  h.setProcessingTime(1005);
  assert.deepEqual(step(h, 'R', I(1, 0, 'x')), ['+I[1, 0, a, 1, 0, x]'], 'arrived 5 ms after a');
  h.setProcessingTime(1006);
  assert.deepEqual(drain(h), [], 'a expired matched');
  h.setProcessingTime(1015);
  assert.deepEqual(step(h, 'L', I(1, 0, 'b')), ['+I[1, 0, b, 1, 0, x]'], 'x arrived 10 ms before b');
  h.setProcessingTime(1020);
  step(h, 'L', I(1, 0, 'c'));
  h.setProcessingTime(1025);
  assert.deepEqual(drain(h), []);
  h.setProcessingTime(1026);
  assert.deepEqual(drain(h), ['+I[1, 0, c, null, null, null]']);
  h.processWatermark(77);
  assert.deepEqual(h.watermarks, [77], 'processing time does not hold back watermarks');
});

test('invalid options are named', () => {
  const base = { leftWidth: 1, rightWidth: 1, isEventTime: true, leftTimeIndex: 0, rightTimeIndex: 0 } as const;
  assert.throws(() => new IntervalJoinOperator({ ...base, joinType: 'INNER', lowerBoundMs: 5, upperBoundMs: 1 }), /lowerBoundMs \(5\) must not exceed upperBoundMs \(1\)/);
  assert.throws(() => new IntervalJoinOperator({ ...base, joinType: 'SEMI' as never, lowerBoundMs: 0, upperBoundMs: 1 }), /INNER, LEFT, RIGHT, FULL/);
  assert.throws(() => new IntervalJoinOperator({ ...base, joinType: 'INNER', lowerBoundMs: 0, upperBoundMs: 1, leftTimeIndex: undefined }), /needs leftTimeIndex/);
});
