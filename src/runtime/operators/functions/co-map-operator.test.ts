import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoMapOperator } from './co-map-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';

test('input 0 goes to map1 and input 1 to map2, keeping timestamps', async () => {
  const h = await OperatorTestHarness.open(new CoMapOperator<number, string, string>({
    map1: (n) => `num ${n}`,
    map2: (s) => `str ${s}`,
  }));
  h.processElement(1, 10, 0);
  h.processElement('x', 20, 1);
  h.processElement(2, 30, 0);
  assert.deepEqual(h.records, [
    { value: 'num 1', timestamp: 10 },
    { value: 'str x', timestamp: 20 },
    { value: 'num 2', timestamp: 30 },
  ]);
});

test('a function without map2 is rejected when the operator is built', () => {
  assert.throws(() => new CoMapOperator({ map1: (n: number) => n } as never), /CoMapFunction: missing method map2\(\)/);
});
