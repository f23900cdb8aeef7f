import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Row } from '../../core/row.ts';
import { Types, type LogicalType } from '../../core/types/logical-type.ts';
import { OperatorTestHarness, type HarnessSnapshot } from '../../runtime/operators/functions/test-harness.ts';
import type { AggregateCall } from '../functions/aggregate-function.ts';
import { createAggregateHandle, inferAggregateType } from '../functions/aggregate/aggregate-registry.ts';
import { MiniBatchGroupAggregateOperator } from './mini-batch-group-aggregate-operator.ts';

const aggCall = (name: string, args: number[], argTypes: LogicalType[]): AggregateCall => ({
  name, args, argTypes, distinct: false, alias: name.toLowerCase(), type: inferAggregateType(name, argTypes, false),
});
// Input (word, amount); output (word, COUNT(*), SUM(amount), MAX(amount)).
const calls = [aggCall('COUNT', [], []), aggCall('SUM', [1], [Types.INT()]), aggCall('MAX', [1], [Types.INT()])];

const r = (kind: Row['kind'], ...fields: unknown[]): Row => ({ kind, fields });
const show = (rows: readonly Row[]) => rows.map((x) => `${x.kind}[${x.fields.map(String).join(', ')}]`);

async function harness(size: number, allowLatencyMs = 1000, restoreFrom?: HarnessSnapshot) {
  const op = new MiniBatchGroupAggregateOperator({
    groupKey: [0], calls, handles: calls.map((c) => createAggregateHandle(c)), generateUpdateBefore: true, size, allowLatencyMs,
  });
  return OperatorTestHarness.open<Row, Row>(op, { keySelectors: [(row: Row) => row.fields[0]], restoreFrom });
}

describe('MiniBatchGroupAggregateOperator', () => {
  it('folds a batch into one change per key when the batch is full', async () => {
    const h = await harness(5);
    h.processElement(r('+I', 'a', 3));
    h.processElement(r('+I', 'a', 5));
    h.processElement(r('+I', 'b', 1));
    h.processElement(r('-D', 'a', 3));
    assert.deepEqual(h.values(), []);
    h.processElement(r('+I', 'b', 2));
    assert.deepEqual(show(h.values()), ['+I[a, 1, 5, 5]', '+I[b, 2, 3, 2]']);
    h.clearOutput();
    // second batch: a changes over three rows, c appears and disappears, b is untouched
    h.processElement(r('+I', 'a', 7));
    h.processElement(r('+I', 'c', 1));
    h.processElement(r('+I', 'a', 1));
    h.processElement(r('-D', 'c', 1));
    h.processElement(r('-D', 'a', 7));
    assert.deepEqual(show(h.values()), ['-U[a, 1, 5, 5]', '+U[a, 2, 6, 5]']);
  });

  it('emits nothing for a key whose result is unchanged over the batch, and -D for an emptied group', async () => {
    const h = await harness(2);
    h.processElement(r('+I', 'a', 3));
    h.processElement(r('+I', 'b', 3));
    h.clearOutput();
    h.processElement(r('+I', 'a', 4));
    h.processElement(r('-D', 'a', 4));
    assert.deepEqual(h.values(), []);
    h.processElement(r('-D', 'b', 3));
    h.processElement(r('-D', 'x', 3)); // unknown group: dropped
    assert.deepEqual(show(h.values()), ['-D[b, 1, 3, 3]']);
  });

  it('flushes when allow-latency has passed since the first buffered row', async () => {
    const h = await harness(1000, 500);
    h.setProcessingTime(100);
    h.processElement(r('+I', 'a', 1));
    h.setProcessingTime(400);
    h.processElement(r('+I', 'a', 2));
    h.setProcessingTime(599);
    assert.deepEqual(h.values(), []);
    h.setProcessingTime(600);
    assert.deepEqual(show(h.values()), ['+I[a, 2, 3, 2]']);
    h.processElement(r('+I', 'a', 3));
    h.setProcessingTime(1100);
    assert.deepEqual(show(h.values()).slice(1), ['-U[a, 2, 3, 2]', '+U[a, 3, 6, 3]']);
  });

  it('flushes before forwarding a watermark and at the end of input', async () => {
    const h = await harness(1000);
    h.processElement(r('+I', 'a', 1));
    h.processWatermark(10);
    h.processElement(r('+I', 'b', 1));
    h.endInput();
    assert.deepEqual(h.output.map((e) => (e.kind === 'record' ? show([e.value])[0] : `wm ${e.timestamp}`)), ['+I[a, 1, 1, 1]', 'wm 10', '+I[b, 1, 1, 1]']);
  });

  it('flushes before a snapshot, so a restore continues from the folded state', async () => {
    const first = await harness(1000);
    first.processElement(r('+I', 'a', 1));
    first.processElement(r('+I', 'a', 2));
    const snap = first.snapshot(1);
    assert.deepEqual(show(first.values()), ['+I[a, 2, 3, 2]']);
    const second = await harness(1000, 1000, snap);
    second.processElement(r('-D', 'a', 2));
    second.endInput();
    assert.deepEqual(show(second.values()), ['-U[a, 2, 3, 2]', '+U[a, 1, 1, 1]']);
  });
});
