import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlatMapOperator } from './flat-map-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';
import type { Collector, RichFlatMapFunction } from './user-functions.ts';

test('each emitted value keeps the input timestamp; an input may emit nothing', async () => {
  const h = await OperatorTestHarness.open(new FlatMapOperator((line: string, out: Collector<string>) => {
    for (const w of line.split(' ')) if (w) out.collect(w);
  }));
  h.processElement('to be', 1);
  h.processElement('', 2);
  h.processElement('or not', 3);
  assert.deepEqual(h.records, [
    { value: 'to', timestamp: 1 },
    { value: 'be', timestamp: 1 },
    { value: 'or', timestamp: 3 },
    { value: 'not', timestamp: 3 },
  ]);
});

test('one collector object serves every call, and object functions keep their this', async () => {
  const collectors = new Set<Collector<number>>();
  const fn: RichFlatMapFunction<number, number> & { times: number } = {
    times: 2,
    flatMap(n, out) {
      collectors.add(out);
      for (let i = 0; i < this.times; i++) out.collect(n);
    },
  };
  const h = await OperatorTestHarness.open(new FlatMapOperator(fn));
  h.processElement(1, 10);
  h.processElement(2, 20);
  assert.deepEqual(h.values(), [1, 1, 2, 2]);
  assert.equal(collectors.size, 1);
});
