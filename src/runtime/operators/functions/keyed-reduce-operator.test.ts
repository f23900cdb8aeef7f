import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedReduceOperator } from './keyed-reduce-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';

type WordCount = readonly [word: string, count: number];
const byWord = { keySelectors: [(w: WordCount) => w[0]] };

test('emits the rolling reduction per key, with each input timestamp', async () => {
  const h = await OperatorTestHarness.open(new KeyedReduceOperator((a: WordCount, b: WordCount): WordCount => [a[0], a[1] + b[1]]), byWord);
  h.processElement(['to', 1], 1);
  h.processElement(['be', 1], 2);
  h.processElement(['to', 2], 3);
  h.processElement(['to', 1], 4);
  assert.deepEqual(h.records, [
    { value: ['to', 1], timestamp: 1 },
    { value: ['be', 1], timestamp: 2 },
    { value: ['to', 3], timestamp: 3 },
    { value: ['to', 4], timestamp: 4 },
  ]);
});

test('the reduced value per key is restored into a fresh instance', async () => {
  const sum = { reduce: (a: WordCount, b: WordCount): WordCount => [a[0], a[1] + b[1]] };
  const h = await OperatorTestHarness.open(new KeyedReduceOperator(sum), byWord);
  h.processElement(['x', 5]);
  h.processElement(['y', 1]);
  const h2 = await OperatorTestHarness.open(new KeyedReduceOperator(sum), { ...byWord, restoreFrom: h.snapshot(1) });
  h2.processElement(['x', 1]);
  h2.processElement(['z', 1]);
  assert.deepEqual(h2.values(), [['x', 6], ['z', 1]]);
});

test('reduce needs a keyed stream', async () => {
  await assert.rejects(OperatorTestHarness.open(new KeyedReduceOperator((a: number, b: number) => a + b)), /reduce .* needs a keyed stream/);
});
