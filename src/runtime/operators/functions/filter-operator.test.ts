import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FilterOperator } from './filter-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';

test('keeps the records the predicate accepts, with their timestamps', async () => {
  const h = await OperatorTestHarness.open(new FilterOperator((n: number) => n % 2 === 0));
  for (const n of [1, 2, 3, 4]) h.processElement(n, n * 100);
  assert.deepEqual(h.records, [{ value: 2, timestamp: 200 }, { value: 4, timestamp: 400 }]);
});

class AtLeast {
  readonly min: number;
  constructor(min: number) { this.min = min; }
  filter(n: number): boolean { return n >= this.min; }
}

test('an object predicate is called with its this', async () => {
  const h = await OperatorTestHarness.open(new FilterOperator(new AtLeast(3)));
  for (const n of [5, 1, 3]) h.processElement(n);
  assert.deepEqual(h.values(), [5, 3]);
});
