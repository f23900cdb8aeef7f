import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Row } from '../../core/row.ts';
import { Types, type LogicalType } from '../../core/types/logical-type.ts';
import { OperatorTestHarness, type HarnessSnapshot } from '../../runtime/operators/functions/test-harness.ts';
import type { AggregateCall } from '../functions/aggregate-function.ts';
import { createAggregateHandle, inferAggregateType } from '../functions/aggregate/aggregate-registry.ts';
import { OverAggregateOperator, type OverFrame } from './over-aggregate-operator.ts';

const aggCall = (name: string, args: number[], argTypes: LogicalType[]): AggregateCall => ({
  name, args, argTypes, distinct: false, alias: name.toLowerCase(), type: inferAggregateType(name, argTypes, false),
});

// Input (k, ts, v); aggregates SUM(v), MAX(v).
const calls = [aggCall('SUM', [2], [Types.INT()]), aggCall('MAX', [2], [Types.INT()])];

async function harness(frame: OverFrame, isEventTime = true, restoreFrom?: HarnessSnapshot) {
  const op = new OverAggregateOperator({ orderTimeIndex: 1, isEventTime, frame, calls, handles: calls.map((c) => createAggregateHandle(c)) });
  return OperatorTestHarness.open<Row, Row>(op, { keySelectors: [(row: Row) => row.fields[0]], restoreFrom });
}

const ins = (...fields: unknown[]): Row => ({ kind: '+I', fields });
const show = (rows: readonly Row[]) => rows.map((r) => `${r.kind}[${r.fields.join(', ')}]`);

/** Out of order, with a late row and two rows of equal time. */
async function feed(h: OperatorTestHarness<Row, Row>): Promise<void> {
  h.processElement(ins('a', 3000, 3));
  h.processElement(ins('a', 1000, 1));
  h.processElement(ins('b', 1500, 100));
  h.processElement(ins('a', 2000, 2));
  h.processWatermark(2000);
  h.processElement(ins('a', 1500, 9)); // late: behind the watermark
  h.processElement(ins('a', 4000, 4));
  h.processElement(ins('a', 4000, 6));
  h.processWatermark(5000);
}

describe('OverAggregateOperator (event time)', () => {
  it('ROWS BETWEEN 1 PRECEDING: each row sees the row before it, in time order', async () => {
    const h = await harness({ unit: 'ROWS', preceding: 1 });
    await feed(h);
    assert.deepEqual(show(h.values()), [
      '+I[a, 1000, 1, 1, 1]', '+I[b, 1500, 100, 100, 100]', '+I[a, 2000, 2, 3, 2]',
      '+I[a, 3000, 3, 5, 3]', '+I[a, 4000, 4, 7, 4]', '+I[a, 4000, 6, 10, 6]',
    ]);
    assert.deepEqual(h.watermarks, [2000, 5000]);
    assert.deepEqual(h.records.map((r) => r.timestamp), [1000, 1500, 2000, 3000, 4000, 4000]);
  });

  it('RANGE BETWEEN 1 SECOND PRECEDING: rows of equal time see each other', async () => {
    const h = await harness({ unit: 'RANGE', preceding: 1000 });
    await feed(h);
    // 3000 sees 2000..3000 -> 2+3; 4000 sees 3000..4000 -> 3+4+6 for both rows
    assert.deepEqual(show(h.values()), [
      '+I[a, 1000, 1, 1, 1]', '+I[b, 1500, 100, 100, 100]', '+I[a, 2000, 2, 3, 2]',
      '+I[a, 3000, 3, 5, 3]', '+I[a, 4000, 4, 13, 6]', '+I[a, 4000, 6, 13, 6]',
    ]);
  });

  it('RANGE and ROWS UNBOUNDED PRECEDING are running aggregates', async () => {
    const range = await harness({ unit: 'RANGE', preceding: 'UNBOUNDED' });
    await feed(range);
    assert.deepEqual(show(range.values()).filter((r) => r.includes('a,')), [
      '+I[a, 1000, 1, 1, 1]', '+I[a, 2000, 2, 3, 2]', '+I[a, 3000, 3, 6, 3]', '+I[a, 4000, 4, 16, 6]', '+I[a, 4000, 6, 16, 6]',
    ]);
    const rows = await harness({ unit: 'ROWS', preceding: 'UNBOUNDED' });
    await feed(rows);
    assert.deepEqual(show(rows.values()).filter((r) => r.includes('a,')).slice(-2), ['+I[a, 4000, 4, 10, 4]', '+I[a, 4000, 6, 16, 6]']);
  });

  it('MAX over a bounded frame finds the next maximum when the largest leaves the frame', async () => {
    const h = await harness({ unit: 'ROWS', preceding: 1 });
    for (const [t, v] of [[1, 5], [2, 1], [3, 2]]) h.processElement(ins('a', t, v));
    h.processWatermark(10);
    assert.deepEqual(show(h.values()), ['+I[a, 1, 5, 5, 5]', '+I[a, 2, 1, 6, 5]', '+I[a, 3, 2, 3, 2]']);
  });

  it('a snapshot with rows waiting for the watermark restores them', async () => {
    const whole = await harness({ unit: 'RANGE', preceding: 1000 });
    await feed(whole);
    const first = await harness({ unit: 'RANGE', preceding: 1000 });
    first.processElement(ins('a', 3000, 3));
    first.processElement(ins('a', 1000, 1));
    first.processElement(ins('b', 1500, 100));
    first.processElement(ins('a', 2000, 2));
    first.processWatermark(2000);
    const second = await harness({ unit: 'RANGE', preceding: 1000 }, true, first.snapshot(1));
    second.processWatermark(2000);
    second.processElement(ins('a', 1500, 9));
    second.processElement(ins('a', 4000, 4));
    second.processElement(ins('a', 4000, 6));
    second.processWatermark(5000);
    assert.deepEqual([...show(first.values()), ...show(second.values())], show(whole.values()));
  });
});

describe('OverAggregateOperator (processing time)', () => {
  it('ROWS BETWEEN 2 PRECEDING emits each row on arrival', async () => {
    const h = await harness({ unit: 'ROWS', preceding: 2 }, false);
    for (const v of [1, 2, 3, 4]) h.processElement(ins('a', null, v));
    assert.deepEqual(h.values().map((r) => r.fields.slice(3)), [[1, 1], [3, 2], [6, 3], [9, 4]]);
  });

  it('RANGE BETWEEN 1 SECOND PRECEDING uses the processing time of arrival', async () => {
    const h = await harness({ unit: 'RANGE', preceding: 1000 }, false);
    h.processElement(ins('a', null, 1)); // t=0
    h.setProcessingTime(800);
    h.processElement(ins('a', null, 2)); // frame 0..800: 1+2
    h.setProcessingTime(1500);
    h.processElement(ins('a', null, 4)); // frame 500..1500: 2+4
    assert.deepEqual(h.values().map((r) => r.fields[3]), [1, 3, 6]);
  });
});

describe('OverAggregateOperator input', () => {
  it('rejects an updating input', async () => {
    const h = await harness({ unit: 'ROWS', preceding: 'UNBOUNDED' }, false);
    assert.throws(() => h.processElement({ kind: '-D', fields: ['a', 1, 1] }), /OverAggregate doesn't support consuming update and delete changes/);
  });
});
