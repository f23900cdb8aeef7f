import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlTestSession } from './sql-test-support.ts';

// Random queries over small tables must give the same final table in STREAMING (changelog applied)
// as in BATCH: each operator's streaming form (retractions, state) against its bounded form.

const orders = {
  columns: 'id INT, k STRING, v INT, w INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL \'2\' SECOND',
  rows: Array.from({ length: 40 }, (_, i) => ({
    id: i, k: ['a', 'b', 'c', 'd'][(i * 7) % 4], v: (i * 13) % 17 - 4, w: i % 3 === 0 ? null : (i * 5) % 11,
    ts: new Date(Date.UTC(2024, 0, 1, 0, 0, i * 3 + ((i * 5) % 4))).toISOString().replace('T', ' ').replace('Z', ''),
  })),
};
const dims = {
  columns: 'k STRING, label STRING, lim INT',
  rows: [{ k: 'a', label: 'A', lim: 3 }, { k: 'b', label: 'B', lim: 10 }, { k: 'c', label: 'C', lim: -1 }, { k: 'e', label: 'E', lim: 0 }],
};

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function queries(count: number, seed: number): string[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const preds = ['v > 2', 'w IS NULL', 'v + COALESCE(w, 0) < 8', "k <> 'b'", 'MOD(id, 3) = 1', 'TRUE'];
  const aggs = ['COUNT(*)', 'SUM(v)', 'MIN(w)', 'MAX(v)', 'COUNT(DISTINCT w)', 'AVG(v)', 'SUM(w) FILTER (WHERE v > 0)', 'LAST_VALUE(v)'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    switch (Math.floor(r() * 6)) {
      case 0: out.push(`SELECT k, ${pick(aggs)}, ${pick(aggs)} FROM orders WHERE ${pick(preds)} GROUP BY k`); break;
      case 1: out.push(`SELECT n, COUNT(*) FROM (SELECT k, COUNT(*) AS n FROM orders WHERE ${pick(preds)} GROUP BY k) GROUP BY n`); break;
      case 2: out.push(`SELECT o.id, d.label FROM orders o ${pick(['JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN'])} dims d ON o.k = d.k AND o.v > d.lim WHERE ${pick(['o.id < 20', 'TRUE', 'd.label IS NULL'])}`); break;
      case 3: out.push(`SELECT d.label, ${pick(aggs.slice(0, 4)).replace(/\b(v|w)\b/g, 'o.$1')} FROM dims d JOIN orders o ON o.k = d.k GROUP BY d.label`); break;
      case 4: out.push(`SELECT k, id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ${pick(['v DESC', 'v ASC', 'id DESC'])}) AS rn FROM orders WHERE ${pick(preds)}) WHERE rn <= ${1 + Math.floor(r() * 3)}`); break;
      default: out.push(`SELECT window_start, k, ${pick(aggs.slice(0, 4))} FROM TABLE(${pick(["TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)", "HOP(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND)"])}) WHERE ${pick(preds)} GROUP BY window_start, window_end, k`);
    }
  }
  return out;
}

test('random queries give the same final table in STREAMING and BATCH', async () => {
  const sessions = { STREAMING: new SqlTestSession('STREAMING'), BATCH: new SqlTestSession('BATCH') };
  try {
    for (const s of Object.values(sessions)) {
      await s.table('orders', orders);
      await s.table('dims', dims);
    }
    let nonEmpty = 0;
    const all = queries(30, 20261122);
    for (const q of all) {
      const streaming = await sessions.STREAMING.query(q);
      const batch = await sessions.BATCH.query(q);
      assert.deepEqual(streaming, batch, q);
      if (batch.length > 0) nonEmpty++;
    }
    // The comparison means something only if most queries return rows.
    assert.ok(nonEmpty >= all.length * 0.8, `only ${nonEmpty} of ${all.length} queries returned rows`);
  } finally {
    for (const s of Object.values(sessions)) s.close();
  }
});

test('random queries at parallelism 2 give the final table of parallelism 1', async () => {
  const p1 = new SqlTestSession('STREAMING');
  const p2 = new SqlTestSession('STREAMING', { 'parallelism.default': '2' });
  try {
    for (const s of [p1, p2]) {
      await s.table('orders', orders);
      await s.table('dims', dims);
    }
    for (const q of queries(8, 7)) assert.deepEqual(await p2.query(q), await p1.query(q), q);
  } finally {
    p1.close();
    p2.close();
  }
});
