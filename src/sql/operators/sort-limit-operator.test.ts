import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RowKind } from '../../core/row-kind.ts';
import { insertRow, type Row } from '../../core/row.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import { SortLimitOperator, type SortLimitOptions } from './sort-limit-operator.ts';

// Rows [id, x], ORDER BY x ASC.
const byX = (a: readonly unknown[], b: readonly unknown[]) => (a[1] as number) - (b[1] as number);

async function open(extra: Partial<SortLimitOptions>) {
  return OperatorTestHarness.open(new SortLimitOperator({ compare: byX, offset: 0, limit: 2, emitAtEnd: true, ...extra }));
}

function step(h: OperatorTestHarness<Row, Row>, kind: RowKind, fields: unknown[]): string[] {
  h.clearOutput();
  h.processElement({ kind, fields });
  return h.values().map((r) => `${r.kind} ${r.fields.join(',')}`);
}

test('batch: ORDER BY x LIMIT 2 OFFSET 1 emits ranks 2..3 at end of input', async () => {
  const h = await open({ offset: 1, limit: 2 });
  for (const [id, x] of [['a', 5], ['b', 1], ['c', 4], ['d', 9], ['e', 4], ['f', 0]] as const) h.processElement(insertRow([id, x]));
  assert.deepEqual(h.values(), []);
  h.endInput();
  // order: f0, b1, c4, e4 (c arrived first), a5, d9
  assert.deepEqual(h.values().map((r) => `${r.kind} ${r.fields.join(',')}`), ['+I b,1', '+I c,4']);
});

test('batch: ORDER BY without LIMIT sorts everything; LIMIT 0 emits nothing', async () => {
  const h = await open({ limit: undefined });
  for (const [id, x] of [['a', 3], ['b', 1], ['c', 2]] as const) h.processElement(insertRow([id, x]));
  h.endInput();
  assert.deepEqual(h.values().map((r) => r.fields[0]), ['b', 'c', 'a']);
  const none = await open({ limit: 0 });
  none.processElement(insertRow(['a', 1]));
  none.endInput();
  assert.deepEqual(none.values(), []);
  assert.throws(() => new SortLimitOperator({ compare: byX, offset: -1, limit: 1, emitAtEnd: true }), /OFFSET must be a non-negative integer, got -1/);
});

test('streaming: the changelog of the current top rows', async () => {
  const h = await open({ emitAtEnd: false });
  assert.deepEqual(step(h, '+I', ['a', 5]), ['+I a,5']);
  assert.deepEqual(step(h, '+I', ['b', 7]), ['+I b,7']);
  assert.deepEqual(step(h, '+I', ['c', 6]), ['-D b,7', '+I c,6']);
  assert.deepEqual(step(h, '+I', ['d', 8]), []);
  const r = await OperatorTestHarness.open(new SortLimitOperator({ compare: byX, offset: 0, limit: 2, emitAtEnd: false }), { restoreFrom: h.snapshot(1) });
  assert.deepEqual(step(r, '+I', ['e', 1]), ['-D c,6', '+I e,1'], 'restored rows are still ranked');
});

test('streaming over an updating input: a retraction brings the next row into range', async () => {
  const h = await open({ emitAtEnd: false, inputInsertOnly: false, offset: 1, limit: 1 });
  assert.deepEqual(step(h, '+I', ['a', 5]), []);
  assert.deepEqual(step(h, '+I', ['b', 7]), ['+I b,7']);
  assert.deepEqual(step(h, '+I', ['c', 9]), []);
  assert.deepEqual(step(h, '-D', ['a', 5]), ['-D b,7', '+I c,9']);
});
