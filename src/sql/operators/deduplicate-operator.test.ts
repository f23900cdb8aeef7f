import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertRow, type Row } from '../../core/row.ts';
import { OperatorTestHarness, type HarnessSnapshot } from '../../runtime/operators/functions/test-harness.ts';
import { DeduplicateOperator, type DeduplicateOptions } from './deduplicate-operator.ts';

// Rows [key, payload, rowtime].
async function open(options: DeduplicateOptions, restoreFrom?: HarnessSnapshot) {
  return OperatorTestHarness.open(new DeduplicateOperator(options), { keySelectors: [(r: Row) => r.fields[0]], restoreFrom });
}

function step(h: OperatorTestHarness<Row, Row>, fields: unknown[]): string[] {
  h.clearOutput();
  h.processElement(insertRow(fields));
  return h.values().map((r) => `${r.kind} ${r.fields.join(',')}`);
}

test('proctime keep first: the first row per key, insert-only; TTL forgets the key', async () => {
  const h = await open({ keepLastRow: false, isRowtime: false, generateUpdateBefore: true, stateTtlMs: 100 });
  assert.deepEqual(step(h, ['a', 1, 0]), ['+I a,1,0']);
  assert.deepEqual(step(h, ['a', 2, 0]), []);
  assert.deepEqual(step(h, ['b', 3, 0]), ['+I b,3,0']);
  h.setProcessingTime(150);
  assert.deepEqual(step(h, ['a', 4, 0]), ['+I a,4,0']);
});

test('proctime keep last: +I, then -U/+U per newer row; +U only without update-before', async () => {
  const h = await open({ keepLastRow: true, isRowtime: false, generateUpdateBefore: true });
  assert.deepEqual(step(h, ['a', 1, 0]), ['+I a,1,0']);
  assert.deepEqual(step(h, ['a', 2, 0]), ['-U a,1,0', '+U a,2,0']);
  assert.deepEqual(step(h, ['b', 3, 0]), ['+I b,3,0']);
  const noUb = await open({ keepLastRow: true, isRowtime: false, generateUpdateBefore: false });
  assert.deepEqual(step(noUb, ['a', 1, 0]), ['+I a,1,0']);
  assert.deepEqual(step(noUb, ['a', 2, 0]), ['+U a,2,0']);
  const upsert = await open({ keepLastRow: true, isRowtime: false, generateUpdateBefore: false, generateInsert: false });
  assert.deepEqual(step(upsert, ['a', 1, 0]), ['+U a,1,0']);
  assert.deepEqual(step(upsert, ['a', 2, 0]), ['+U a,2,0']);
  assert.equal(upsert.keyedState!.size(), 0, 'an upsert-only keep-last needs no state');
});

test('rowtime keep first: an earlier row that arrives later replaces the kept one', async () => {
  const h = await open({ keepLastRow: false, isRowtime: true, timeIndex: 2, generateUpdateBefore: true });
  assert.deepEqual(step(h, ['a', 'p', 5]), ['+I a,p,5']);
  assert.deepEqual(step(h, ['a', 'q', 7]), []);
  assert.deepEqual(step(h, ['a', 'r', 3]), ['-U a,p,5', '+U a,r,3']);
  assert.deepEqual(step(h, ['a', 's', 3]), [], 'a tie keeps the first arrival');
});

test('rowtime keep last: a row at least as late replaces the kept one; older rows are ignored', async () => {
  const h = await open({ keepLastRow: true, isRowtime: true, timeIndex: 2, generateUpdateBefore: true });
  assert.deepEqual(step(h, ['a', 'p', 5]), ['+I a,p,5']);
  assert.deepEqual(step(h, ['a', 'q', 3]), []);
  assert.deepEqual(step(h, ['a', 'r', 5]), ['-U a,p,5', '+U a,r,5']);
  const r = await open({ keepLastRow: true, isRowtime: true, timeIndex: 2, generateUpdateBefore: false }, h.snapshot(1));
  assert.deepEqual(step(r, ['a', 's', 9]), ['+U a,s,9'], 'restored state still knows a');
});
