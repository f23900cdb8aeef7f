// The invariant of the keyed-count job's `i,key,count` output, checked against a plain recount: used by
// the savepoint and CLI tests to prove that keyed state and source positions continued across restores.
import assert from 'node:assert/strict';

export interface CountRecord {
  readonly i: number;
  readonly key: number;
  readonly count: number;
}

export function parseCounts(lines: readonly string[]): CountRecord[] {
  return lines.map((l) => {
    const [i, key, count] = l.split(',').map(Number);
    return { i: i!, key: key!, count: count! };
  });
}

/**
 * Output of one or more runs chained by restores, reading a sequence split into `stride` round-robin
 * splits (the first run's parallelism) keyed by i mod `keys` (a multiple of `stride`, so a key's records
 * come from one split, in order): every index at most once, the indexes of each split a gap-free prefix
 * (no record lost), and each count equal to the number of earlier indexes with the same key, plus one
 * (so the count continued exactly from the restored state).
 */
export function assertContinuousCounts(records: readonly CountRecord[], keys: number, stride: number): void {
  assert.equal(keys % stride, 0, 'test setup: keys must be a multiple of the stride');
  const seen = new Set<number>();
  for (const r of records) {
    assert.ok(!seen.has(r.i), `index ${r.i} was emitted twice`);
    seen.add(r.i);
    assert.equal(r.key, r.i % keys, `key of index ${r.i}`);
    assert.equal(r.count, Math.floor(r.i / keys) + 1, `count for index ${r.i} (key ${r.key})`);
  }
  for (let split = 0; split < stride; split++) {
    const mine = [...seen].filter((i) => i % stride === split).sort((a, b) => a - b);
    mine.forEach((i, n) => assert.equal(i, split + n * stride, `split ${split}: index ${split + n * stride} is missing`));
  }
}
