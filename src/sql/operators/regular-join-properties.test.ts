// Property test of RegularJoinOperator: for random valid changelogs on both inputs (in any order,
// with duplicates, NULL keys, updates, a condition, unique keys, insert-only inputs and a snapshot
// and restore at a random point), the emitted changelog never retracts a row that is not in the
// result, and applying it gives the batch join of the two final tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RowKind } from '../../core/row-kind.ts';
import type { Row } from '../../core/row.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import type { JoinCondition } from './join-condition.ts';
import { keyByFirstField, show } from './join-test-rows.ts';
import { RegularJoinOperator, type RegularJoinOptions, type RegularJoinType } from './regular-join-operator.ts';

type Side = 'L' | 'R';
interface Op { readonly side: Side; readonly key: number | null; readonly value: number; readonly retract: boolean; readonly update: boolean }

const opArb = fc.record({
  side: fc.constantFrom<Side>('L', 'R'),
  key: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 2 }) }, { weight: 1, arbitrary: fc.constant(null) }),
  value: fc.integer({ min: 1, max: 3 }),
  retract: fc.boolean(),
  update: fc.boolean(),
});

const lessOrEqual: JoinCondition = (l, r) => (l[1] as number) <= (r[1] as number);

/** The rows each side holds; turns ops into a valid changelog for the side's constraints. */
function toChangelog(ops: readonly Op[], insertOnly: Record<Side, boolean>, unique: Record<Side, boolean>): { steps: [Side, Row][]; tables: Record<Side, unknown[][]> } {
  const tables: Record<Side, unknown[][]> = { L: [], R: [] };
  const steps: [Side, Row][] = [];
  for (const op of ops) {
    const table = tables[op.side];
    const fields = [op.key, op.value];
    const at = table.findIndex((r) => r[0] === op.key && r[1] === op.value);
    // A unique key (field 1) allows one row per value on that side: accumulate only absent values.
    const taken = unique[op.side] && table.some((r) => r[1] === op.value);
    if (op.retract && at >= 0 && !insertOnly[op.side]) {
      table.splice(at, 1);
      steps.push([op.side, { kind: op.update ? '-U' : '-D', fields }]);
    } else if (!taken) {
      table.push(fields);
      steps.push([op.side, { kind: op.update && !insertOnly[op.side] ? '+U' : '+I', fields }]);
    }
  }
  return { steps, tables };
}

/** The batch result of the join over the final tables, as sorted shown rows. */
function batchJoin(type: RegularJoinType, l: unknown[][], r: unknown[][], condition: JoinCondition | undefined): string[] {
  const match = (a: unknown[], b: unknown[]) => a[0] !== null && a[0] === b[0] && (condition === undefined || condition(a, b));
  const out: unknown[][] = [];
  for (const a of l) {
    const ms = r.filter((b) => match(a, b));
    if (type === 'SEMI') { if (ms.length > 0) out.push(a); continue; }
    if (type === 'ANTI') { if (ms.length === 0) out.push(a); continue; }
    for (const b of ms) out.push([...a, ...b]);
    if (ms.length === 0 && (type === 'LEFT' || type === 'FULL')) out.push([...a, null, null]);
  }
  if (type === 'RIGHT' || type === 'FULL') {
    for (const b of r) if (!l.some((a) => match(a, b))) out.push([null, null, ...b]);
  }
  return out.map((fields) => show({ kind: '+I', fields })).sort();
}

/** Applies a changelog to a multiset, failing on a retraction of an absent row. */
function materialize(rows: readonly Row[]): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const k = show({ kind: '+I' as RowKind, fields: row.fields });
    const n = counts.get(k) ?? 0;
    if (row.kind === '+I' || row.kind === '+U') counts.set(k, n + 1);
    else {
      assert.ok(n > 0, `retraction ${show(row)} of a row that is not in the result`);
      if (n === 1) counts.delete(k);
      else counts.set(k, n - 1);
    }
  }
  return [...counts].flatMap(([k, n]) => new Array<string>(n).fill(k)).sort();
}

test('a random changelog joined and applied equals the batch join of the final tables', async () => {
  await fc.assert(fc.asyncProperty(
    fc.constantFrom<RegularJoinType>('INNER', 'LEFT', 'RIGHT', 'FULL', 'SEMI', 'ANTI'),
    fc.array(opArb, { maxLength: 40 }),
    fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(),
    fc.nat({ max: 40 }),
    async (joinType, ops, withCondition, leftInsertOnly, rightInsertOnly, leftUnique, rightUnique, restoreAt) => {
      const insertOnly = { L: leftInsertOnly, R: rightInsertOnly };
      const unique = { L: leftUnique, R: rightUnique };
      const { steps, tables } = toChangelog(ops, insertOnly, unique);
      const condition = withCondition ? lessOrEqual : undefined;
      const options: RegularJoinOptions = {
        joinType, leftWidth: 2, rightWidth: 2, condition, leftInsertOnly, rightInsertOnly,
        leftUniqueKey: leftUnique ? [1] : undefined, rightUniqueKey: rightUnique ? [1] : undefined,
      };
      const emitted: Row[] = [];
      let h = await OperatorTestHarness.open<Row, Row>(new RegularJoinOperator(options), { keySelectors: keyByFirstField });
      for (let i = 0; i < steps.length; i++) {
        if (i === restoreAt) {
          emitted.push(...h.values());
          h = await OperatorTestHarness.open<Row, Row>(new RegularJoinOperator(options), { keySelectors: keyByFirstField, restoreFrom: h.snapshot(1) });
        }
        const [side, row] = steps[i]!;
        h.processElement(row, 0, side === 'L' ? 0 : 1);
      }
      emitted.push(...h.values());
      assert.deepEqual(materialize(emitted), batchJoin(joinType, tables.L, tables.R, condition));
      if (joinType === 'INNER' && steps.every(([, row]) => row.kind === '+I')) {
        assert.ok(emitted.every((row) => row.kind === '+I'), 'insert-only inputs give an insert-only inner join');
      }
    },
  ), { numRuns: 1500 });
});
