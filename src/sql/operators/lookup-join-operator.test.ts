import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Row } from '../../core/row.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import type { LookupFunction } from '../connectors/table-connector.ts';
import { D, drain, I, UA } from './join-test-rows.ts';
import { LookupJoinOperator, type LookupJoinOptions } from './lookup-join-operator.ts';

/** customers [id, region, name] looked up by (id, region); records calls, open and close. */
function customers(): LookupFunction & { calls: unknown[][]; opened: boolean; closed: boolean } {
  const rows = [[1, 'eu', 'Ann'], [1, 'eu', 'Ann2'], [2, 'us', 'Bob']];
  const fn = {
    calls: [] as unknown[][],
    opened: false,
    closed: false,
    open() { fn.opened = true; },
    lookup(key: readonly unknown[]) {
      fn.calls.push([...key]);
      return rows.filter((r) => r[0] === key[0] && r[1] === key[1]);
    },
    close() { fn.closed = true; },
  };
  return fn;
}

// orders [order, customer, region] JOIN customers ON customer = id AND region = region.
const open = (lookup: LookupFunction, options: Partial<LookupJoinOptions> & Pick<LookupJoinOptions, 'joinType'>) =>
  OperatorTestHarness.open<Row, Row>(new LookupJoinOperator({ leftWidth: 3, rightWidth: 3, lookupKeys: [1, 2], lookup, ...options }));

test('inner lookup join emits one row per looked-up match, keeping the left kind', async () => {
  const lookup = customers();
  const h = await open(lookup, { joinType: 'INNER' });
  assert.equal(lookup.opened, true);
  h.processElement(I('o1', 1, 'eu'));
  h.processElement(I('o2', 2, 'eu'));
  h.processElement(UA('o3', 2, 'us'));
  h.processElement(D('o1', 1, 'eu'));
  assert.deepEqual(drain(h), [
    '+I[o1, 1, eu, 1, eu, Ann]', '+I[o1, 1, eu, 1, eu, Ann2]',
    '+U[o3, 2, us, 2, us, Bob]',
    '-D[o1, 1, eu, 1, eu, Ann]', '-D[o1, 1, eu, 1, eu, Ann2]',
  ]);
  assert.deepEqual(lookup.calls, [[1, 'eu'], [2, 'eu'], [2, 'us'], [1, 'eu']]);
  await h.close();
  assert.equal(lookup.closed, true);
});

test('left lookup join pads misses, condition failures and NULL keys (which are not looked up)', async () => {
  const lookup = customers();
  const h = await open(lookup, { joinType: 'LEFT', condition: (_l, r) => r[2] !== 'Ann2' });
  h.processElement(I('o1', 1, 'eu'));
  h.processElement(I('o2', 3, 'eu'));
  h.processElement(I('o3', null, 'eu'));
  assert.deepEqual(drain(h), ['+I[o1, 1, eu, 1, eu, Ann]', '+I[o2, 3, eu, null, null, null]', '+I[o3, null, eu, null, null, null]']);
  assert.deepEqual(lookup.calls, [[1, 'eu'], [3, 'eu']]);
});

test('an invalid join type is named', () => {
  assert.throws(() => new LookupJoinOperator({ joinType: 'RIGHT' as never, leftWidth: 1, rightWidth: 1, lookupKeys: [0], lookup: customers() }), /INNER, LEFT/);
});
