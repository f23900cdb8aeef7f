import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Row } from '../../core/row.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import { ChangelogNormalizeOperator } from './changelog-normalize-operator.ts';

const r = (kind: Row['kind'], ...fields: unknown[]): Row => ({ kind, fields });
const show = (rows: readonly Row[]) => rows.map((x) => `${x.kind}[${x.fields.map(String).join(', ')}]`);

async function harness(generateUpdateBefore: boolean, stateTtlMs?: number) {
  // keyed by the primary key, field 0
  return OperatorTestHarness.open<Row, Row>(new ChangelogNormalizeOperator({ generateUpdateBefore, stateTtlMs }), { keySelectors: [(row: Row) => row.fields[0]] });
}

describe('ChangelogNormalizeOperator', () => {
  it('turns upserts into a full changelog, drops duplicates and deletes of unknown keys', async () => {
    const h = await harness(true);
    h.processElement(r('+U', 1, 'a'));
    h.processElement(r('+U', 1, 'a')); // duplicate: nothing
    h.processElement(r('+U', 1, 'b'));
    h.processElement(r('+I', 2, 'x'));
    h.processElement(r('-D', 1, null)); // delete with only the key: emits the stored row
    h.processElement(r('-D', 1, null)); // unknown now: nothing
    h.processElement(r('-D', 3, null));
    h.processElement(r('+U', 1, 'c'));
    assert.deepEqual(show(h.values()), ['+I[1, a]', '-U[1, a]', '+U[1, b]', '+I[2, x]', '-D[1, b]', '+I[1, c]']);
  });

  it('without update-before emits +U alone', async () => {
    const h = await harness(false);
    h.processElement(r('+I', 1, 'a'));
    h.processElement(r('+U', 1, 'b'));
    h.processElement(r('-U', 1, 'b'));
    assert.deepEqual(show(h.values()), ['+I[1, a]', '+U[1, b]', '-D[1, b]']);
  });

  it('with state TTL re-emits an unchanged row and forgets expired keys', async () => {
    const h = await harness(true, 1000);
    h.processElement(r('+I', 1, 'a'));
    h.processElement(r('+I', 1, 'a'));
    h.setProcessingTime(5000);
    h.processElement(r('+I', 1, 'a'));
    assert.deepEqual(show(h.values()), ['+I[1, a]', '-U[1, a]', '+U[1, a]', '+I[1, a]']);
  });

  it('the output changelog, applied to a table, always equals the latest upsert per key (property)', async () => {
    const op = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('+I', '+U', '-D'), fc.integer({ min: 0, max: 2 }));
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 40 }), fc.boolean(), async (ops, gub) => {
      const h = await harness(gub);
      const expected = new Map<number, number>();
      for (const [k, kind, v] of ops) {
        h.processElement(r(kind as Row['kind'], k, kind === '-D' ? null : v));
        if (kind === '-D') expected.delete(k);
        else expected.set(k, v);
      }
      const table = new Map<number, number>();
      for (const { kind, fields } of h.values()) {
        const [k, v] = fields as [number, number];
        if (kind === '+I') { assert.ok(!table.has(k), 'insert of an existing key'); table.set(k, v); }
        else if (kind === '+U') { assert.ok(table.has(k), 'update of a missing key'); table.set(k, v); }
        else if (kind === '-U') assert.equal(table.get(k), v, '-U carries the previous row');
        else { assert.equal(table.get(k), v, '-D carries the stored row'); table.delete(k); }
      }
      assert.deepEqual(table, expected);
    }));
  });
});
