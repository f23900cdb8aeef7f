// Property test of IntervalJoinOperator: rows in random order with watermarks that never make a row
// late give, once the input ends, exactly the batch interval join (outer rows padded), and no row
// is emitted at or below the output watermark before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Row } from '../../core/row.ts';
import { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';
import { IntervalJoinOperator, type IntervalJoinType } from './interval-join-operator.ts';
import { keyByFirstField, show } from './join-test-rows.ts';

const rowArb = fc.record({ left: fc.boolean(), key: fc.integer({ min: 1, max: 2 }), time: fc.integer({ min: 0, max: 60 }), slack: fc.nat({ max: 15 }) });

function batch(type: IntervalJoinType, l: unknown[][], r: unknown[][], lower: number, upper: number): string[] {
  const match = (a: unknown[], b: unknown[]) => a[0] === b[0] && (b[1] as number) - (a[1] as number) >= lower && (b[1] as number) - (a[1] as number) <= upper;
  const out: unknown[][] = [];
  for (const a of l) {
    const ms = r.filter((b) => match(a, b));
    for (const b of ms) out.push([...a, ...b]);
    if (ms.length === 0 && (type === 'LEFT' || type === 'FULL')) out.push([...a, null, null, null]);
  }
  if (type === 'RIGHT' || type === 'FULL') for (const b of r) if (!l.some((a) => match(a, b))) out.push([null, null, null, ...b]);
  return out.map((fields) => show({ kind: '+I', fields })).sort();
}

test('in-order-enough input gives the batch interval join', async () => {
  await fc.assert(fc.asyncProperty(
    fc.constantFrom<IntervalJoinType>('INNER', 'LEFT', 'RIGHT', 'FULL'),
    fc.array(rowArb, { maxLength: 30 }),
    fc.integer({ min: -20, max: 10 }), fc.nat({ max: 20 }),
    async (joinType, rows, lower, width) => {
      const upper = lower + width;
      const h = await OperatorTestHarness.open<Row, Row>(new IntervalJoinOperator({
        joinType, leftWidth: 3, rightWidth: 3, leftTimeIndex: 1, rightTimeIndex: 1, lowerBoundMs: lower, upperBoundMs: upper, isEventTime: true,
      }), { keySelectors: keyByFirstField });
      const l: unknown[][] = [];
      const r: unknown[][] = [];
      let watermark = -Infinity;
      let outputWatermark = -Infinity;
      rows.forEach((row, i) => {
        const fields = [row.key, row.time, `${row.left ? 'l' : 'r'}${i}`];
        (row.left ? l : r).push(fields);
        h.processElement({ kind: '+I', fields }, row.time, row.left ? 0 : 1);
        // The highest watermark that leaves no later row late (a row at the watermark is not late).
        const next = Math.min(...rows.slice(i + 1).map((x) => x.time)) - row.slack;
        if (next > watermark && Number.isFinite(next)) {
          watermark = next;
          h.processWatermark(watermark);
        }
      });
      h.processWatermark(Infinity);
      for (const e of h.output) {
        if (e.kind === 'watermark') outputWatermark = e.timestamp;
        else if (e.kind === 'record') {
          const times = [e.value.fields[1], e.value.fields[4]].filter((t): t is number => t !== null);
          assert.ok(times.every((t) => t > outputWatermark), `${show(e.value)} after watermark ${outputWatermark}`);
        }
      }
      assert.deepEqual(h.values().map(show).sort(), batch(joinType, l, r, lower, upper));
      assert.equal(h.keyedState!.size(), 0, 'all state is cleaned up at the end');
    },
  ), { numRuns: 1000 });
});
