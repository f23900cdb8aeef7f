import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Row } from '../../core/row.ts';
import { OperatorTestHarness, type HarnessSnapshot } from '../../runtime/operators/functions/test-harness.ts';
import { SinkUpsertMaterializer, type SinkUpsertMaterializerOptions } from './sink-upsert-materializer.ts';

const r = (kind: Row['kind'], ...fields: unknown[]): Row => ({ kind, fields });
const show = (rows: readonly Row[]) => rows.map((x) => `${x.kind}[${x.fields.map(String).join(', ')}]`);

async function harness(options: SinkUpsertMaterializerOptions = {}, restoreFrom?: HarnessSnapshot) {
  // keyed by the sink's primary key, field 0
  return OperatorTestHarness.open<Row, Row>(new SinkUpsertMaterializer(options), { keySelectors: [(row: Row) => row.fields[0]], restoreFrom });
}

describe('SinkUpsertMaterializer', () => {
  it('retracting a row that is not the latest keeps the key; retracting the latest goes back to the one before', async () => {
    const h = await harness();
    h.processElement(r('+I', 1, 'a'));
    h.processElement(r('+I', 1, 'b'));
    h.processElement(r('+I', 1, 'c'));
    h.processElement(r('-U', 1, 'a')); // not the latest: nothing to emit
    h.processElement(r('-D', 1, 'c')); // the latest: the key shows b again
    h.processElement(r('-D', 1, 'x')); // unknown row: ignored
    h.processElement(r('-D', 1, 'b')); // the last one: delete
    assert.deepEqual(show(h.values()), ['+I[1, a]', '+U[1, b]', '+U[1, c]', '+U[1, b]', '-D[1, b]']);
  });

  it('the out-of-order changes of a join keyed by another column end in the right row', async () => {
    // upstream keyed by field 2 emits -U of the old row after +U of the new one for sink key 1
    const h = await harness();
    h.processElement(r('+I', 1, 'old', 'p'));
    h.processElement(r('+U', 1, 'new', 'q'));
    h.processElement(r('-U', 1, 'old', 'p'));
    assert.deepEqual(show(h.values()), ['+I[1, old, p]', '+U[1, new, q]']);
  });

  it('with an upsert key a new row replaces the stored row of the same key', async () => {
    const h = await harness({ upsertKey: [0, 1] });
    h.processElement(r('+I', 1, 'k', 10));
    h.processElement(r('+U', 1, 'k', 11));
    h.processElement(r('-D', 1, 'k', 999)); // matches on the upsert key only
    assert.deepEqual(show(h.values()), ['+I[1, k, 10]', '+U[1, k, 11]', '-D[1, k, 11]']);
  });

  it('restores its rows from a snapshot', async () => {
    const first = await harness();
    first.processElement(r('+I', 1, 'a'));
    first.processElement(r('+I', 1, 'b'));
    const second = await harness({}, first.snapshot(1));
    second.processElement(r('-D', 1, 'b'));
    assert.deepEqual(show(second.values()), ['+U[1, a]']);
  });
});
