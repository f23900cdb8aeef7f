import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { maxAggregation, maxByAggregation, minAggregation, minByAggregation, sumAggregation } from './keyed-aggregation.ts';
import { KeyedReduceOperator } from './keyed-reduce-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';
import type { ReduceFunction } from './user-functions.ts';

type Row = [key: string, value: number, tag: string];

/** Key 'a' sees 3, 1, 1, 5, 5 (tags x y z w v); key 'b' is interleaved to show state is per key. */
const rows: Row[] = [
  ['a', 3, 'x'], ['b', 9, 'p'], ['a', 1, 'y'], ['a', 1, 'z'], ['b', 8, 'q'], ['a', 5, 'w'], ['a', 5, 'v'],
];

async function run<T>(fn: ReduceFunction<T>, input: readonly T[], key: (v: T) => unknown): Promise<T[]> {
  const h = await OperatorTestHarness.open(new KeyedReduceOperator(fn), { keySelectors: [key] });
  for (const r of input) h.processElement(r);
  return h.values();
}

/** Fresh copies per run, so one run cannot affect the next. */
function onRowsOf(input: readonly Row[], fn: ReduceFunction<Row>): Promise<Row[]> {
  return run(fn, input.map((r) => [...r] as Row), (r) => r[0]);
}

const onRows = (fn: ReduceFunction<Row>) => onRowsOf(rows, fn);

test('sum(1) adds the field into the first record of the key', async () => {
  assert.deepEqual(await onRows(sumAggregation(1)), [
    ['a', 3, 'x'], ['b', 9, 'p'], ['a', 4, 'x'], ['a', 5, 'x'], ['b', 17, 'p'], ['a', 10, 'x'], ['a', 15, 'x'],
  ]);
});

test('min(1) and max(1) replace only the field of the first record', async () => {
  assert.deepEqual(await onRows(minAggregation(1)), [
    ['a', 3, 'x'], ['b', 9, 'p'], ['a', 1, 'x'], ['a', 1, 'x'], ['b', 8, 'p'], ['a', 1, 'x'], ['a', 1, 'x'],
  ]);
  assert.deepEqual(await onRows(maxAggregation(1)), [
    ['a', 3, 'x'], ['b', 9, 'p'], ['a', 3, 'x'], ['a', 3, 'x'], ['b', 9, 'p'], ['a', 5, 'x'], ['a', 5, 'x'],
  ]);
});

test('minBy(1) and maxBy(1) return the whole record; ties keep the first unless first = false', async () => {
  assert.deepEqual(await onRows(minByAggregation(1)), [
    ['a', 3, 'x'], ['b', 9, 'p'], ['a', 1, 'y'], ['a', 1, 'y'], ['b', 8, 'q'], ['a', 1, 'y'], ['a', 1, 'y'],
  ]);
  assert.deepEqual(await onRows(minByAggregation(1, false)), [
    ['a', 3, 'x'], ['b', 9, 'p'], ['a', 1, 'y'], ['a', 1, 'z'], ['b', 8, 'q'], ['a', 1, 'z'], ['a', 1, 'z'],
  ]);
  assert.deepEqual(await onRows(maxByAggregation(1)), [
    ['a', 3, 'x'], ['b', 9, 'p'], ['a', 3, 'x'], ['a', 3, 'x'], ['b', 9, 'p'], ['a', 5, 'w'], ['a', 5, 'w'],
  ]);
  assert.deepEqual(await onRows(maxByAggregation(1, false)), [
    ['a', 3, 'x'], ['b', 9, 'p'], ['a', 3, 'x'], ['a', 3, 'x'], ['b', 9, 'p'], ['a', 5, 'w'], ['a', 5, 'v'],
  ]);
});

test('fields of objects are named; the emitted records are copies, never mutated later', async () => {
  type Sale = { shop: string; amount: number; item: string };
  const sales: Sale[] = [{ shop: 's', amount: 2, item: 'tea' }, { shop: 's', amount: 5, item: 'cake' }, { shop: 's', amount: 1, item: 'bun' }];
  const out = await run(sumAggregation<Sale>('amount'), sales, (s) => s.shop);
  assert.deepEqual(out, [{ shop: 's', amount: 2, item: 'tea' }, { shop: 's', amount: 7, item: 'tea' }, { shop: 's', amount: 8, item: 'tea' }]);
  assert.deepEqual(sales[0], { shop: 's', amount: 2, item: 'tea' });
  assert.deepEqual(await run(minByAggregation<Sale>('amount'), sales, (s) => s.shop), [sales[0], sales[0], sales[2]]);
});

test('plain numbers and bigints aggregate without a field', async () => {
  assert.deepEqual(await run(sumAggregation<number>(), [1, 2, 3], () => 'k'), [1, 3, 6]);
  assert.deepEqual(await run(maxAggregation<number>(), [2, 7, 3], () => 'k'), [2, 7, 7]);
  assert.deepEqual(await run(sumAggregation<bigint>(), [2n ** 60n, 2n ** 60n], () => 'k'), [2n ** 60n, 2n ** 61n]);
});

test('a field that is not a number fails with the field named', async () => {
  await assert.rejects(
    run(sumAggregation<{ k: string; n: unknown }>('count'), [{ k: 'a', n: 1 }, { k: 'a', n: 2 }], (r) => r.k),
    { message: 'sum("count"): the field must be a number or a bigint in every record, got undefined and undefined' },
  );
  await assert.rejects(
    run(sumAggregation<{ k: string; n: unknown }>('n'), [{ k: 'a', n: 1 }, { k: 'a', n: '2' }], (r) => r.k),
    { message: 'sum("n"): the field must be a number or a bigint in every record, got 1 and string "2"' },
  );
  await assert.rejects(
    run(minAggregation<{ k: string; n?: number }>('n'), [{ k: 'a', n: 1 }, { k: 'a' }], (r) => r.k),
    /min\("n"\): cannot compare 1 with undefined; is the field name right\?/,
  );
});

test('property: per key, sum is the running sum and minBy/maxBy hold the running extreme of the field', async () => {
  const row = fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: -50, max: 50 }), fc.string({ maxLength: 2 }));
  await fc.assert(fc.asyncProperty(fc.array(row, { maxLength: 30 }), async (input) => {
    const rows = input as Row[];
    const sums = await onRowsOf(rows, sumAggregation(1));
    const mins = await onRowsOf(rows, minByAggregation(1));
    const maxs = await onRowsOf(rows, maxByAggregation(1, false));
    const seen = new Map<string, number[]>();
    rows.forEach(([key, value], i) => {
      const values = [...(seen.get(key) ?? []), value];
      seen.set(key, values);
      assert.equal(sums[i]![1], values.reduce((x, y) => x + y, 0));
      assert.equal(mins[i]![1], Math.min(...values));
      assert.equal(maxs[i]![1], Math.max(...values));
      assert.equal(mins[i]![0], key);
    });
  }), { numRuns: 50 });
});
