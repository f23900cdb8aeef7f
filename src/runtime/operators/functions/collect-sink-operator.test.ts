import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CollectSinkOperator } from './collect-sink-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';

test('hands each record and its timestamp to the callback, in order', async () => {
  const got: [string, number][] = [];
  const h = await OperatorTestHarness.open(new CollectSinkOperator<string>((v, ts) => got.push([v, ts])));
  h.processElement('a', 1);
  h.processElement('b', 2);
  assert.deepEqual(got, [['a', 1], ['b', 2]]);
});
