import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Row } from '../../core/row.ts';
import { Types, type LogicalType } from '../../core/types/logical-type.ts';
import { OperatorTestHarness, type HarnessSnapshot } from '../../runtime/operators/functions/test-harness.ts';
import type { AggregateCall } from '../functions/aggregate-function.ts';
import { createAggregateHandle, inferAggregateType } from '../functions/aggregate/aggregate-registry.ts';
import type { StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { GroupAggregateOperator, type GroupAggregateOptions } from './group-aggregate-operator.ts';
import { MiniBatchGroupAggregateOperator } from './mini-batch-group-aggregate-operator.ts';

const aggCall = (name: string, args: number[], argTypes: LogicalType[], distinct = false): AggregateCall => ({
  name, args, argTypes, distinct, alias: name.toLowerCase(), type: inferAggregateType(name, argTypes, distinct),
});

// Input (k, v); output (k, COUNT(*), SUM(v), MIN(v), MAX(v), COUNT(DISTINCT v), FIRST_VALUE(v)).
const calls = [
  aggCall('COUNT', [], []), aggCall('SUM', [1], [Types.INT()]), aggCall('MIN', [1], [Types.INT()]),
  aggCall('MAX', [1], [Types.INT()]), aggCall('COUNT', [1], [Types.INT()], true), aggCall('FIRST_VALUE', [1], [Types.INT()]),
];

/** The batch answer over the live rows of one key (in arrival order). */
function batch(k: number, vs: (number | null)[]): unknown[] {
  const nn = vs.filter((v): v is number => v !== null);
  return [
    k, vs.length, nn.length ? nn.reduce((a, b) => a + b, 0) : null, nn.length ? Math.min(...nn) : null,
    nn.length ? Math.max(...nn) : null, new Set(nn).size, nn[0] ?? null,
  ];
}

/** Applies a changelog to a table keyed by field 0, checking that every change is consistent with the table. */
function apply(table: Map<number, unknown[]>, rows: readonly Row[], updateBefore: boolean): void {
  for (const { kind, fields } of rows) {
    const k = fields[0] as number;
    if (kind === '+I') { assert.ok(!table.has(k), `+I of existing key ${k}`); table.set(k, fields); }
    else if (kind === '+U') { assert.ok(table.has(k) || updateBefore, `+U of missing key ${k}`); table.set(k, fields); }
    else if (kind === '-U') { assert.deepEqual(table.get(k), fields, '-U carries the previous row'); if (updateBefore) table.delete(k); }
    else { assert.deepEqual(table.get(k), fields, '-D carries the previous row'); table.delete(k); }
  }
}

type Op = { k: number; v: number | null; retract: boolean; pick: number };
const opArb = fc.record({ k: fc.integer({ min: 0, max: 3 }), v: fc.option(fc.integer({ min: -5, max: 5 }), { freq: 5 }), retract: fc.boolean(), pick: fc.nat() });

describe('GroupAggregateOperator against a batch computation (property)', () => {
  it('the emitted changelog, applied to a table, equals the batch result, also across a restore and with mini-batch', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(opArb, { maxLength: 60 }), fc.boolean(), fc.nat(), fc.option(fc.integer({ min: 1, max: 7 })),
      async (ops, updateBefore, cut, batchSize) => {
        const options: GroupAggregateOptions = { groupKey: [0], calls, handles: calls.map((c) => createAggregateHandle(c)), generateUpdateBefore: updateBefore };
        const make = (): StreamOperator<Row, Row> => (batchSize === null ? new GroupAggregateOperator(options) : new MiniBatchGroupAggregateOperator({ ...options, size: batchSize, allowLatencyMs: 1000 }));
        const open = (restoreFrom?: HarnessSnapshot) =>
          OperatorTestHarness.open<Row, Row>(make(), { keySelectors: [(row: Row) => row.fields[0]], restoreFrom });
        // Turn the ops into a valid changelog: a retraction removes a live row of its key (-U followed by +U of a new value, or -D).
        const live = new Map<number, (number | null)[]>();
        const input: Row[] = [];
        for (const { k, v, retract, pick } of ops) {
          const rows = live.get(k) ?? [];
          if (retract && rows.length > 0) {
            // A retraction names a value, not an occurrence: as Flink's FIRST_VALUE with retraction, it removes the value's earliest one.
            const old = rows[pick % rows.length]!;
            rows.splice(rows.indexOf(old), 1);
            if (v !== null && pick % 2 === 0) {
              input.push({ kind: '-U', fields: [k, old] }, { kind: '+U', fields: [k, v] });
              rows.push(v);
            } else {
              input.push({ kind: '-D', fields: [k, old] });
            }
          } else {
            input.push({ kind: '+I', fields: [k, v] });
            rows.push(v);
          }
          live.set(k, rows);
        }
        const at = input.length === 0 ? 0 : cut % (input.length + 1);
        const first = await open();
        for (const row of input.slice(0, at)) first.processElement(row);
        const second = await open(first.snapshot(1));
        for (const row of input.slice(at)) second.processElement(row);
        second.endInput();
        const table = new Map<number, unknown[]>();
        apply(table, first.values(), updateBefore);
        apply(table, second.values(), updateBefore);
        const expected = new Map<number, unknown[]>();
        for (const [k, vs] of live) if (vs.length > 0) expected.set(k, batch(k, vs));
        assert.deepEqual(table, expected);
      },
    ), { numRuns: 300 });
  });
});
