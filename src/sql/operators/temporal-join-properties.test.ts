// Property test of TemporalJoinOperator (event time): orders and versions (inserts, updates, deletes
// of a keyed rate) in random order, with watermarks that never make a row late, give each order joined
// with the version valid at its time — the latest change at or before it, unless that is a delete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Row } from '../../core/row.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import { keyByFirstField, show } from './join-test-rows.ts';
import { TemporalJoinOperator } from './temporal-join-operator.ts';

const eventArb = fc.record({ order: fc.boolean(), key: fc.integer({ min: 1, max: 2 }), time: fc.integer({ min: 0, max: 40 }), del: fc.boolean(), slack: fc.nat({ max: 10 }) });

test('each order joins the version valid at its time', async () => {
  await fc.assert(fc.asyncProperty(fc.boolean(), fc.array(eventArb, { maxLength: 30 }), async (leftJoin, events) => {
    const h = await OperatorTestHarness.open<Row, Row>(new TemporalJoinOperator({
      joinType: leftJoin ? 'LEFT' : 'INNER', leftWidth: 3, rightWidth: 3, leftTimeIndex: 1, rightTimeIndex: 1, isEventTime: true,
    }), { keySelectors: keyByFirstField });
    // One change per (key, time) on the versioned side, as its primary key and rowtime make it.
    const changes = new Map<string, Row>();
    const orders: unknown[][] = [];
    let watermark = -Infinity;
    events.forEach((e, i) => {
      if (e.order) {
        const fields = [e.key, e.time, `o${i}`];
        orders.push(fields);
        h.processElement({ kind: '+I', fields }, e.time, 0);
      } else if (!changes.has(`${e.key}@${e.time}`)) {
        const row: Row = { kind: e.del ? '-D' : '+U', fields: [e.key, e.time, i] };
        changes.set(`${e.key}@${e.time}`, row);
        h.processElement(row, e.time, 1);
      }
      // Strictly below every later row's time: a watermark W says no row at or before W follows.
      const next = Math.min(...events.slice(i + 1).map((x) => x.time)) - 1 - e.slack;
      if (next > watermark && Number.isFinite(next)) {
        watermark = next;
        h.processWatermark(watermark);
      }
    });
    h.processWatermark(Infinity);
    const expected = orders.flatMap((o) => {
      const valid = [...changes.values()]
        .filter((c) => c.fields[0] === o[0] && (c.fields[1] as number) <= (o[1] as number))
        .sort((a, b) => (a.fields[1] as number) - (b.fields[1] as number))
        .at(-1);
      if (valid !== undefined && valid.kind !== '-D') return [show({ kind: '+I', fields: [...o, ...valid.fields] })];
      return leftJoin ? [show({ kind: '+I', fields: [...o, null, null, null] })] : [];
    });
    assert.deepEqual(h.values().map(show).sort(), expected.sort());
    assert.ok(h.keyedState!.size() <= 4, 'at most the latest version and the sequence counter per key are left');
  }), { numRuns: 1000 });
});
