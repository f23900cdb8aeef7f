import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { RowKind } from '../../core/row-kind.ts';
import type { Row } from '../../core/row.ts';
import { OperatorTestHarness, type HarnessSnapshot } from '../../runtime/operators/functions/test-harness.ts';
import { RankOperator, type RankOptions } from './rank-operator.ts';

// Rows [key, id, score], ranked by score descending; changes shown as "kind f1,f2,...".
const byScoreDesc = (a: readonly unknown[], b: readonly unknown[]) => (b[2] as number) - (a[2] as number);

async function open(extra: Partial<RankOptions> = {}, restoreFrom?: HarnessSnapshot) {
  return OperatorTestHarness.open(new RankOperator({
    partitionKey: [0], compare: byScoreDesc, rankStart: 1, rankEnd: 2, outputRankNumber: true,
    generateUpdateBefore: true, inputInsertOnly: true, ...extra,
  }), { keySelectors: [(r: Row) => r.fields[0]], restoreFrom });
}

function step(h: OperatorTestHarness<Row, Row>, kind: RowKind, fields: unknown[]): string[] {
  h.clearOutput();
  h.processElement({ kind, fields });
  return h.values().map((r) => `${r.kind} ${r.fields.join(',')}`);
}

test('insert-only with rank numbers: shifted ranks are updated; rows that cannot enter are ignored', async () => {
  const h = await open();
  assert.deepEqual(step(h, '+I', ['a', 'p', 5]), ['+I a,p,5,1']);
  assert.deepEqual(step(h, '+I', ['a', 'q', 3]), ['+I a,q,3,2']);
  assert.deepEqual(step(h, '+I', ['b', 'r', 1]), ['+I b,r,1,1']);
  assert.deepEqual(step(h, '+I', ['a', 's', 7]), ['-U a,p,5,1', '+U a,s,7,1', '-U a,q,3,2', '+U a,p,5,2']);
  assert.deepEqual(step(h, '+I', ['a', 't', 1]), []);
  assert.deepEqual(step(h, '+I', ['a', 'u', 5]), [], 'a tie with the last rank arrives later: it ranks 3rd');
  assert.deepEqual(step(h, '+I', ['a', 'v', 6]), ['-U a,p,5,2', '+U a,v,6,2']);
});

test('insert-only without rank numbers: the row that falls out is deleted, then the new one inserted', async () => {
  const h = await open({ outputRankNumber: false });
  assert.deepEqual(step(h, '+I', ['a', 'p', 5]), ['+I a,p,5']);
  assert.deepEqual(step(h, '+I', ['a', 'q', 3]), ['+I a,q,3']);
  assert.deepEqual(step(h, '+I', ['a', 's', 7]), ['-D a,q,3', '+I a,s,7']);
  assert.deepEqual(step(h, '+I', ['a', 't', 1]), []);
  assert.deepEqual(step(h, '+I', ['a', 'v', 6]), ['-D a,p,5', '+I a,v,6']);
});

test('without update-before only +U is emitted for a changed rank', async () => {
  const h = await open({ generateUpdateBefore: false });
  step(h, '+I', ['a', 'p', 5]);
  step(h, '+I', ['a', 'q', 3]);
  assert.deepEqual(step(h, '+I', ['a', 's', 7]), ['+U a,s,7,1', '+U a,p,5,2']);
});

test('rank range 2..3: a row moving into rank 2 is inserted there', async () => {
  const h = await open({ rankStart: 2, rankEnd: 3 });
  assert.deepEqual(step(h, '+I', ['a', 'p', 5]), []);
  assert.deepEqual(step(h, '+I', ['a', 'q', 7]), ['+I a,p,5,2']);
  assert.deepEqual(step(h, '+I', ['a', 'r', 6]), ['-U a,p,5,2', '+U a,r,6,2', '+I a,p,5,3']);
  assert.deepEqual(step(h, '+I', ['a', 's', 9]), ['-U a,r,6,2', '+U a,q,7,2', '-U a,p,5,3', '+U a,r,6,3']);
});

test('updating input with rank numbers: a retraction moves the next row up, the last rank is deleted', async () => {
  const h = await open({ inputInsertOnly: false });
  step(h, '+I', ['a', 'x', 5]);
  step(h, '+I', ['a', 'y', 3]);
  assert.deepEqual(step(h, '+I', ['a', 'z', 1]), [], 'z is kept in state below the top 2');
  assert.deepEqual(step(h, '-U', ['a', 'x', 5]), ['-U a,x,5,1', '+U a,y,3,1', '-U a,y,3,2', '+U a,z,1,2']);
  assert.deepEqual(step(h, '+U', ['a', 'x', 2]), ['-U a,z,1,2', '+U a,x,2,2']);
  assert.deepEqual(step(h, '-D', ['a', 'y', 3]), ['-U a,y,3,1', '+U a,x,2,1', '-U a,x,2,2', '+U a,z,1,2']);
  assert.deepEqual(step(h, '-D', ['a', 'x', 2]), ['-U a,x,2,1', '+U a,z,1,1', '-D a,z,1,2']);
  assert.deepEqual(step(h, '-D', ['a', 'nope', 1]), [], 'retracting an unknown row changes nothing');
  assert.deepEqual(step(h, '-D', ['a', 'z', 1]), ['-D a,z,1,1']);
  assert.equal(h.keyedState!.size(), 0);
});

test('updating input without rank numbers', async () => {
  const h = await open({ inputInsertOnly: false, outputRankNumber: false });
  step(h, '+I', ['a', 'x', 5]);
  step(h, '+I', ['a', 'y', 3]);
  assert.deepEqual(step(h, '+I', ['a', 'z', 1]), []);
  assert.deepEqual(step(h, '-U', ['a', 'x', 5]), ['-D a,x,5', '+I a,z,1']);
  assert.deepEqual(step(h, '+U', ['a', 'x', 2]), ['-D a,z,1', '+I a,x,2']);
  assert.deepEqual(step(h, '-D', ['a', 'z', 1]), [], 'below the top 2');
});

test('state TTL forgets an idle partition', async () => {
  const h = await open({ stateTtlMs: 100 });
  step(h, '+I', ['a', 'p', 5]);
  h.setProcessingTime(200);
  assert.deepEqual(step(h, '+I', ['a', 'q', 3]), ['+I a,q,3,1']);
});

test('snapshot and restore continue with the same ranks', async () => {
  const h = await open();
  step(h, '+I', ['a', 'p', 5]);
  step(h, '+I', ['a', 'q', 3]);
  const r = await open({}, h.snapshot(1));
  assert.deepEqual(step(r, '+I', ['a', 's', 7]), ['-U a,p,5,1', '+U a,s,7,1', '-U a,q,3,2', '+U a,p,5,2']);
});

// Materialises a changelog keyed by (partition, rank): checks every -U/-D retracts what is there.
function applyRanked(table: Map<string, unknown[]>, rows: readonly Row[]): void {
  for (const { kind, fields } of rows) {
    const slot = `${fields[0]}#${fields[fields.length - 1]}`;
    if (kind === '-U' || kind === '-D') {
      assert.deepEqual(table.get(slot), fields, `${kind} retracts what rank ${slot} holds`);
      table.delete(slot);
    } else {
      if (kind === '+I') assert.equal(table.has(slot), false, `+I into an empty rank ${slot}`);
      table.set(slot, fields);
    }
  }
}

test('property: the materialised changelog equals the top N of the live rows (ties in arrival order)', async () => {
  await fc.assert(fc.asyncProperty(
    fc.array(fc.record({ key: fc.constantFrom('a', 'b'), score: fc.integer({ min: 0, max: 6 }), retract: fc.integer({ min: 0, max: 3 }) }), { maxLength: 60 }),
    fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.boolean(),
    async (ops, rankStart, extra, insertOnly, withRank) => {
      const rankEnd = rankStart + extra;
      const h = await open({ rankStart, rankEnd, inputInsertOnly: insertOnly, outputRankNumber: withRank });
      // live rows in arrival order (a retracted and re-added row goes to the end)
      const live: unknown[][] = [];
      const ranked = new Map<string, unknown[]>();
      const set = new Map<string, number>();
      ops.forEach((op, i) => {
        let row: Row;
        if (!insertOnly && op.retract === 0 && live.length > 0) {
          const victim = live.splice(i % live.length, 1)[0]!;
          row = { kind: i % 2 === 0 ? '-U' : '-D', fields: [...victim] };
        } else {
          const fields = [op.key, `r${i}`, op.score];
          live.push(fields);
          row = { kind: '+I', fields: [...fields] };
        }
        h.clearOutput();
        h.processElement(row);
        if (withRank) {
          applyRanked(ranked, h.values());
        } else {
          for (const r of h.values()) {
            const k = JSON.stringify(r.fields);
            const n = (set.get(k) ?? 0) + (r.kind === '+I' ? 1 : -1);
            assert.ok(r.kind === '+I' || r.kind === '-D');
            assert.ok(n >= 0, `-D of a row not in the result: ${k}`);
            if (n === 0) set.delete(k); else set.set(k, n);
          }
        }
      });
      const expected: string[] = [];
      for (const key of ['a', 'b']) {
        const top = live.filter((f) => f[0] === key).sort(byScoreDesc).slice(rankStart - 1, rankEnd);
        top.forEach((f, j) => expected.push(JSON.stringify(withRank ? [...f, rankStart + j] : f)));
      }
      const actual = withRank ? [...ranked.values()].map((f) => JSON.stringify(f)) : [...set.keys()];
      assert.deepEqual(actual.sort(), expected.sort());
    },
  ), { numRuns: 300 });
});

test('RANK, insert-only, with rank numbers: ties share a rank, the next rank leaves a gap', async () => {
  const h = await open({ rankType: 'RANK' });
  assert.deepEqual(step(h, '+I', ['a', 'p', 5]), ['+I a,p,5,1']);
  assert.deepEqual(step(h, '+I', ['a', 'q', 5]), ['+I a,q,5,1'], 'a tie at rank 1');
  assert.deepEqual(step(h, '+I', ['a', 'r', 3]), [], 'ranks 1,1,3: r is past rank 2');
  assert.deepEqual(step(h, '+I', ['a', 's', 7]), ['+I a,s,7,1', '-U a,p,5,1', '+U a,p,5,2', '-U a,q,5,1', '+U a,q,5,2'],
    'both tied rows move to rank 2 together');
  assert.deepEqual(step(h, '+I', ['a', 't', 6]), ['-D a,p,5,2', '-D a,q,5,2', '+I a,t,6,2'], 'ranks 1,2,3,3: the tie at the boundary leaves');
});

test('DENSE_RANK, insert-only, with rank numbers: ties share a rank, no gap after them', async () => {
  const h = await open({ rankType: 'DENSE_RANK' });
  assert.deepEqual(step(h, '+I', ['a', 'p', 5]), ['+I a,p,5,1']);
  assert.deepEqual(step(h, '+I', ['a', 'q', 5]), ['+I a,q,5,1']);
  assert.deepEqual(step(h, '+I', ['a', 'r', 3]), ['+I a,r,3,2'], 'ranks 1,1,2');
  assert.deepEqual(step(h, '+I', ['a', 'u', 3]), ['+I a,u,3,2']);
  assert.deepEqual(step(h, '+I', ['a', 'v', 1]), [], 'rank 3');
  assert.deepEqual(step(h, '+I', ['a', 's', 7]),
    ['-D a,r,3,2', '-D a,u,3,2', '+I a,s,7,1', '-U a,p,5,1', '+U a,p,5,2', '-U a,q,5,1', '+U a,q,5,2']);
});

test('RANK, updating input, with rank numbers: retracting a row ahead of a tie moves the tie up; retracting a tied row fills the gap', async () => {
  const h = await open({ rankType: 'RANK', inputInsertOnly: false });
  assert.deepEqual(step(h, '+I', ['a', 'p', 7]), ['+I a,p,7,1']);
  assert.deepEqual(step(h, '+I', ['a', 'q', 5]), ['+I a,q,5,2']);
  assert.deepEqual(step(h, '+I', ['a', 'r', 5]), ['+I a,r,5,2']);
  assert.deepEqual(step(h, '+I', ['a', 't', 3]), [], 'rank 4, kept in state');
  assert.deepEqual(step(h, '-D', ['a', 'p', 7]), ['-D a,p,7,1', '-U a,q,5,2', '+U a,q,5,1', '-U a,r,5,2', '+U a,r,5,1']);
  assert.deepEqual(step(h, '-D', ['a', 'q', 5]), ['-D a,q,5,1', '+I a,t,3,2'], 'ranks 1,2: t comes up');
  assert.deepEqual(step(h, '-D', ['a', 'x', 9]), [], 'retracting an unknown row changes nothing');
  assert.deepEqual(step(h, '-U', ['a', 'r', 5]), ['-D a,r,5,1', '-U a,t,3,2', '+U a,t,3,1']);
});

test('RANK, updating input, without rank numbers: a tie at the boundary enters and leaves as a set', async () => {
  const h = await open({ rankType: 'RANK', inputInsertOnly: false, outputRankNumber: false, rankEnd: 1 });
  assert.deepEqual(step(h, '+I', ['a', 'p', 5]), ['+I a,p,5']);
  assert.deepEqual(step(h, '+I', ['a', 'q', 5]), ['+I a,q,5']);
  assert.deepEqual(step(h, '+I', ['a', 's', 7]), ['-D a,p,5', '-D a,q,5', '+I a,s,7']);
  assert.deepEqual(step(h, '-D', ['a', 's', 7]), ['-D a,s,7', '+I a,p,5', '+I a,q,5']);
});

test('DENSE_RANK, rank range 2..2 without rank numbers: rows move out of the range when the first rank is retracted', async () => {
  const h = await open({ rankType: 'DENSE_RANK', inputInsertOnly: false, outputRankNumber: false, rankStart: 2, rankEnd: 2 });
  assert.deepEqual(step(h, '+I', ['a', 'p', 5]), []);
  assert.deepEqual(step(h, '+I', ['a', 'q', 3]), ['+I a,q,3']);
  assert.deepEqual(step(h, '+I', ['a', 'r', 3]), ['+I a,r,3']);
  assert.deepEqual(step(h, '-D', ['a', 'p', 5]), ['-D a,q,3', '-D a,r,3']);
  assert.equal(h.keyedState!.size(), 1);
});

// Materialises a changelog as a multiset of rows (the rank column included when output).
function applySet(set: Map<string, number>, rows: readonly Row[]): void {
  for (const r of rows) {
    const k = JSON.stringify(r.fields);
    const n = (set.get(k) ?? 0) + (r.kind === '+I' || r.kind === '+U' ? 1 : -1);
    assert.ok(n >= 0, `${r.kind} of a row not in the result: ${k}`);
    if (n === 0) set.delete(k); else set.set(k, n);
  }
}

test('property: RANK / DENSE_RANK changelogs materialise to the rows ranked rankStart..rankEnd', async () => {
  await fc.assert(fc.asyncProperty(
    fc.array(fc.record({ key: fc.constantFrom('a', 'b'), score: fc.integer({ min: 0, max: 4 }), retract: fc.integer({ min: 0, max: 3 }) }), { maxLength: 60 }),
    fc.constantFrom('RANK' as const, 'DENSE_RANK' as const), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.boolean(),
    async (ops, rankType, rankStart, extra, insertOnly, withRank) => {
      const rankEnd = rankStart + extra;
      const h = await open({ rankType, rankStart, rankEnd, inputInsertOnly: insertOnly, outputRankNumber: withRank });
      const live: unknown[][] = [];
      const set = new Map<string, number>();
      ops.forEach((op, i) => {
        let row: Row;
        if (!insertOnly && op.retract === 0 && live.length > 0) {
          row = { kind: '-D', fields: [...live.splice(i % live.length, 1)[0]!] };
        } else {
          const fields = [op.key, `r${i}`, op.score];
          live.push(fields);
          row = { kind: '+I', fields: [...fields] };
        }
        h.clearOutput();
        h.processElement(row);
        if (!withRank) assert.ok(h.values().every((r) => r.kind === '+I' || r.kind === '-D'));
        applySet(set, h.values());
      });
      const expected: string[] = [];
      for (const f of live) {
        const scores = live.filter((g) => g[0] === f[0]).map((g) => g[2] as number);
        const rank = rankType === 'RANK'
          ? 1 + scores.filter((s) => s > (f[2] as number)).length
          : 1 + new Set(scores.filter((s) => s > (f[2] as number))).size;
        if (rank >= rankStart && rank <= rankEnd) expected.push(JSON.stringify(withRank ? [...f, rank] : f));
      }
      assert.deepEqual([...set.keys()].sort(), expected.sort());
    },
  ), { numRuns: 300 });
});
