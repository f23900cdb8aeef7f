import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Row } from '../../core/row.ts';
import { Types, type LogicalType } from '../../core/types/logical-type.ts';
import { OperatorTestHarness, type HarnessSnapshot } from '../../runtime/operators/functions/test-harness.ts';
import type { AggregateCall } from '../functions/aggregate-function.ts';
import { createAggregateHandle, inferAggregateType } from '../functions/aggregate/aggregate-registry.ts';
import { GroupAggregateOperator, type GroupAggregateOptions } from './group-aggregate-operator.ts';

const aggCall = (name: string, args: number[], argTypes: LogicalType[], extra: Partial<AggregateCall> = {}): AggregateCall => ({
  name, args, argTypes, distinct: false, alias: name.toLowerCase(), type: inferAggregateType(name, argTypes, false), ...extra,
});

function options(calls: AggregateCall[], extra: Partial<GroupAggregateOptions> = {}): GroupAggregateOptions {
  return { groupKey: [0], calls, handles: calls.map((c) => createAggregateHandle(c)), generateUpdateBefore: true, ...extra };
}

/** Rows written as Flink prints them: `+I[a, 1]`. */
const show = (rows: readonly Row[]) => rows.map((r) => `${r.kind}[${r.fields.map(String).join(', ')}]`);
const r = (kind: Row['kind'], ...fields: unknown[]): Row => ({ kind, fields });

// Input (word, amount); output (word, COUNT(*), SUM(amount), MAX(amount)).
const calls = () => [aggCall('COUNT', [], []), aggCall('SUM', [1], [Types.INT()]), aggCall('MAX', [1], [Types.INT()])];

async function harness(opts: GroupAggregateOptions, restoreFrom?: HarnessSnapshot) {
  return OperatorTestHarness.open<Row, Row>(new GroupAggregateOperator(opts), { keySelectors: [(row: Row) => row.fields[0]], restoreFrom });
}

describe('GroupAggregateOperator', () => {
  it('emits +I for a new group, -U/+U for a change and -D when the group empties', async () => {
    const h = await harness(options(calls()));
    h.processElement(r('+I', 'a', 3));
    h.processElement(r('+I', 'b', 1));
    h.processElement(r('+I', 'a', 5));
    h.processElement(r('-D', 'a', 5));
    h.processElement(r('-D', 'a', 3));
    h.processElement(r('+I', 'a', 2));
    assert.deepEqual(show(h.values()), [
      '+I[a, 1, 3, 3]', '+I[b, 1, 1, 1]',
      '-U[a, 1, 3, 3]', '+U[a, 2, 8, 5]',
      '-U[a, 2, 8, 5]', '+U[a, 1, 3, 3]',
      '-D[a, 1, 3, 3]',
      '+I[a, 1, 2, 2]',
    ]);
  });

  it('without update-before emits only +U for a change', async () => {
    const h = await harness(options(calls(), { generateUpdateBefore: false }));
    h.processElement(r('+I', 'a', 3));
    h.processElement(r('+U', 'a', 4));
    h.processElement(r('-U', 'a', 3));
    h.processElement(r('-D', 'a', 4));
    assert.deepEqual(show(h.values()), ['+I[a, 1, 3, 3]', '+U[a, 2, 7, 4]', '+U[a, 1, 4, 4]', '-D[a, 1, 4, 4]']);
  });

  it('emits nothing when the result does not change, and drops a retraction of an unknown group', async () => {
    const maxOnly = [aggCall('MAX', [1], [Types.INT()])];
    const h = await harness(options(maxOnly));
    h.processElement(r('-D', 'x', 1));
    h.processElement(r('+I', 'a', 5));
    h.processElement(r('+I', 'a', 2));
    h.processElement(r('-D', 'a', 2));
    assert.deepEqual(show(h.values()), ['+I[a, 5]']);
  });

  it('with state TTL emits an unchanged result again (keeps downstream state alive, as Flink)', async () => {
    const maxOnly = [aggCall('MAX', [1], [Types.INT()])];
    const h = await harness(options(maxOnly, { stateTtlMs: 1000 }));
    h.processElement(r('+I', 'a', 5));
    h.processElement(r('+I', 'a', 2));
    assert.deepEqual(show(h.values()), ['+I[a, 5]', '-U[a, 5]', '+U[a, 5]']);
  });

  it('forgets a group after the state TTL', async () => {
    const h = await harness(options(calls(), { stateTtlMs: 1000 }));
    h.processElement(r('+I', 'a', 3));
    h.setProcessingTime(2000);
    h.processElement(r('+I', 'a', 4));
    assert.deepEqual(show(h.values()), ['+I[a, 1, 3, 3]', '+I[a, 1, 4, 4]']);
  });

  it('applies FILTER (WHERE ...) per call', async () => {
    // input (word, amount, amount > 2); COUNT(*), COUNT(*) FILTER (WHERE amount > 2)
    const filtered = [aggCall('COUNT', [], []), aggCall('COUNT', [], [], { filterArg: 2 })];
    const h = await harness(options(filtered));
    h.processElement(r('+I', 'a', 1, false));
    h.processElement(r('+I', 'a', 3, true));
    h.processElement(r('+I', 'a', 2, null));
    assert.deepEqual(show(h.values()), ['+I[a, 1, 0]', '-U[a, 1, 0]', '+U[a, 2, 1]', '-U[a, 2, 1]', '+U[a, 3, 1]']);
  });

  it('global aggregation (no group key) under a constant key', async () => {
    const count = [aggCall('COUNT', [], [])];
    const h = await OperatorTestHarness.open<Row, Row>(new GroupAggregateOperator(options(count, { groupKey: [] })), { keySelectors: [() => 0] });
    h.processElement(r('+I', 'a'));
    h.processElement(r('+I', 'b'));
    assert.deepEqual(show(h.values()), ['+I[1]', '-U[1]', '+U[2]']);
  });

  it('groups by several columns (an array key)', async () => {
    const o = options([aggCall('COUNT', [], [])], { groupKey: [0, 1] });
    const h = await OperatorTestHarness.open<Row, Row>(new GroupAggregateOperator(o), { keySelectors: [(row: Row) => [row.fields[0], row.fields[1]]] });
    h.processElement(r('+I', 'a', 1));
    h.processElement(r('+I', 'a', 2));
    h.processElement(r('+I', 'a', 1));
    assert.deepEqual(show(h.values()), ['+I[a, 1, 1]', '+I[a, 2, 1]', '-U[a, 1, 1]', '+U[a, 1, 2]']);
  });

  it('snapshot and restore in the middle gives the same output as one run', async () => {
    const input = [r('+I', 'a', 3), r('+I', 'b', 7), r('+I', 'a', 9), r('-U', 'a', 9), r('+U', 'a', 1), r('-D', 'b', 7), r('+I', 'b', 2), r('-D', 'a', 3)];
    const whole = await harness(options(calls()));
    for (const row of input) whole.processElement(row);

    const first = await harness(options(calls()));
    for (const row of input.slice(0, 4)) first.processElement(row);
    const snap = first.snapshot(1);
    const second = await harness(options(calls()), snap);
    for (const row of input.slice(4)) second.processElement(row);
    assert.deepEqual([...show(first.values()), ...show(second.values())], show(whole.values()));
    // a -> 3; b -> 7; a: 3,9 -> max 9; -9 -> 3; +1 -> max 3; b gone; b -> 2; -3 leaves a = [1]
    assert.deepEqual(show(second.values()), ['-U[a, 1, 3, 3]', '+U[a, 2, 4, 3]', '-D[b, 1, 7, 7]', '+I[b, 1, 2, 2]', '-U[a, 2, 4, 3]', '+U[a, 1, 1, 1]']);
  });

  it('throughput: 1 M rows over 10 k keys, COUNT(*) + MAX (printed)', async () => {
    const c = [aggCall('COUNT', [], []), aggCall('MAX', [1], [Types.BIGINT()])];
    const o = { groupKey: [0], calls: c, handles: c.map((x) => createAggregateHandle(x, undefined, { retraction: false })), generateUpdateBefore: true };
    const h = await harness(o);
    // a sink that counts instead of keeping a million rows
    let emitted = 0;
    h.records.push = () => ++emitted;
    h.output.push = () => emitted;
    const n = 1_000_000;
    const rows: Row[] = [];
    for (let i = 0; i < n; i++) rows.push({ kind: '+I', fields: [i % 10_000, (i * 7919) % 100_003] });
    for (let i = 0; i < 200_000; i++) h.processElement(rows[i]!); // warm-up (JIT, all keys created)
    const t0 = performance.now();
    for (const row of rows) h.processElement(row);
    const ms = performance.now() - t0;
    console.log(`GroupAggregateOperator COUNT(*)+MAX: ${Math.round(n / (ms / 1000)).toLocaleString('en')} rows/s`);
    assert.ok(emitted >= n + 200_000, 'every row changes COUNT(*)');
    assert.ok(ms < 30_000);
  });
});
