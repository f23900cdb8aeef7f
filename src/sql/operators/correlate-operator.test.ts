import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Row } from '../../core/row.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import { CorrelateOperator } from './correlate-operator.ts';
import { D, drain, I, UB } from './join-test-rows.ts';

// CROSS JOIN UNNEST(tags) AS t(tag, pos): [id, tags] -> [tag, position].
const unnest = (fields: readonly unknown[]) => ((fields[1] ?? []) as string[]).map((tag, i) => [tag, i + 1]);

test('cross join unnest emits one row per element, keeping the input kind', async () => {
  const h = await OperatorTestHarness.open<Row, Row>(new CorrelateOperator({ joinType: 'INNER', fn: unnest, rightWidth: 2 }));
  h.processElement(I(1, ['a', 'b']), 42);
  h.processElement(I(2, []));
  h.processElement(UB(3, ['c']));
  h.processElement(D(1, ['a', 'b']));
  assert.deepEqual(drain(h), ['+I[1, a,b, a, 1]', '+I[1, a,b, b, 2]', '-U[3, c, c, 1]', '-D[1, a,b, a, 1]', '-D[1, a,b, b, 2]']);
});

test('the output keeps the input timestamp and the right row values as they are', async () => {
  const h = await OperatorTestHarness.open<Row, Row>(new CorrelateOperator({ joinType: 'INNER', fn: () => [[['nested'], null]], rightWidth: 2 }));
  h.processElement(I(1), 42);
  assert.deepEqual(h.records, [{ value: { kind: '+I', fields: [1, ['nested'], null] }, timestamp: 42 }]);
});

test('left join lateral pads rows that get no (matching) right row; generators work', async () => {
  function* split(fields: readonly unknown[]): Iterable<unknown[]> {
    for (const word of (fields[1] as string).split(' ')) if (word !== '') yield [word, word.length];
  }
  const h = await OperatorTestHarness.open<Row, Row>(new CorrelateOperator({
    joinType: 'LEFT', fn: split, rightWidth: 2, condition: (_l, r) => (r[1] as number) > 1,
  }));
  h.processElement(I(1, 'to be or a'));
  h.processElement(I(2, ''));
  h.processElement(I(3, 'a'));
  assert.deepEqual(drain(h), ['+I[1, to be or a, to, 2]', '+I[1, to be or a, be, 2]', '+I[1, to be or a, or, 2]', '+I[2, , null, null]', '+I[3, a, null, null]']);
});

test('an invalid join type is named', () => {
  assert.throws(() => new CorrelateOperator({ joinType: 'FULL' as never, fn: unnest, rightWidth: 2 }), /INNER, LEFT/);
});
