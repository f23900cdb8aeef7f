import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoFlatMapOperator } from './co-flat-map-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';

test('each input emits through its own method; control words on input 1 toggle input 0', async () => {
  let enabled = true;
  const h = await OperatorTestHarness.open(new CoFlatMapOperator<string, 'on' | 'off', string>({
    flatMap1(word, out) { if (enabled) out.collect(word); },
    flatMap2(control, out) { enabled = control === 'on'; out.collect(`[${control}]`); },
  }));
  h.processElement('a', 1, 0);
  h.processElement('off', 2, 1);
  h.processElement('b', 3, 0);
  h.processElement('on', 4, 1);
  h.processElement('c', 5, 0);
  assert.deepEqual(h.records, [
    { value: 'a', timestamp: 1 },
    { value: '[off]', timestamp: 2 },
    { value: '[on]', timestamp: 4 },
    { value: 'c', timestamp: 5 },
  ]);
});
