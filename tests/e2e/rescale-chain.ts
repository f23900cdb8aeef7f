// The rescaling scenario, shared by the rescale tests: tests/e2e-jobs/rescale-job.ts runs at the first
// parallelism, stops with a savepoint, is restored at the next parallelism, and so on; the last run reads
// to the end. The keyed reduce and the operator list state must come out as a reference computes them.
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { JOBS, tempDir, removeDir, killLeftovers, weirRun, finishedLines, sleep } from './harness.ts';

const N = 8000;
const KEYS = 7;
const JOB = join(JOBS, 'rescale-job.ts');

export async function rescaleChain(t: TestContext, parallelisms: readonly number[]): Promise<void> {
  const dir = tempDir('rescale');
  const out = join(dir, 'out');
  try {
    let savepoint: string | undefined;
    for (const [n, p] of parallelisms.entries()) {
      const last = n === parallelisms.length - 1;
      await t.test(`run ${n + 1} at parallelism ${p}${savepoint ? ', restored from the previous savepoint' : ''}${last ? ', to the end' : ''}`, async () => {
        const run = weirRun([
          '-p', String(p), ...(savepoint ? ['-s', savepoint] : []),
          JOB, '--output', out, '--n', String(N), '--rate', '2000', '--run', String(n + 1),
        ]);
        await run.waitFor(/^STARTED /m);
        if (!last) {
          await sleep(1000);
          savepoint = await run.command(`stop ${join(dir, 'savepoints')}`, 'STOPPED');
        }
        const exit = await run.exited;
        assert.equal(exit.code, 0, exit.stderr);
      });
    }

    await t.test('keyed reduce: every record reduced exactly once, final sums per key as computed directly', () => {
      const rows = finishedLines(out).filter((l) => l.startsWith('R,')).map((l) => l.split(',').slice(1).map(Number));
      const lasts = rows.map((r) => r[3]!).sort((a, b) => a - b);
      assert.deepEqual(lasts, Array.from({ length: N }, (_, i) => i), 'each index reduced exactly once over all runs');
      for (let k = 0; k < KEYS; k++) {
        const mine = rows.filter((r) => r[0] === k);
        const indexes = Array.from({ length: N }, (_, i) => i).filter((i) => i % KEYS === k);
        const counts = mine.map((r) => r[1]!).sort((a, b) => a - b);
        assert.deepEqual(counts, indexes.map((_, c) => c + 1), `key ${k}: the counts go on from the restored state, once each`);
        const final = mine.find((r) => r[1] === indexes.length)!;
        assert.equal(final[2], indexes.reduce((a, b) => a + b, 0), `key ${k}: final sum`);
      }
    });

    await t.test('operator list state: split over the new instances, nothing lost or duplicated', () => {
      const finalRun = String(parallelisms.length);
      const rows = finishedLines(out).filter((l) => l.startsWith(`C,${finalRun},`)).map((l) => l.split(',').slice(2).map(Number));
      const p = parallelisms.at(-1)!;
      const totals = new Map<number, number>();
      const entries = new Map<number, number>();
      for (const [subtask, total, restored] of rows) {
        totals.set(subtask!, Math.max(totals.get(subtask!) ?? 0, total!));
        entries.set(subtask!, restored!);
      }
      assert.deepEqual([...totals.keys()].sort(), Array.from({ length: p }, (_, i) => i), 'every instance of the last run counted records');
      assert.equal([...totals.values()].reduce((a, b) => a + b, 0), N, 'the instances\' totals add up to all records');
      // Each instance of every earlier run left one entry; the last run's instances share them evenly.
      const expectedEntries = parallelisms.slice(0, -1).reduce((a, b) => a + b, 0);
      const got = [...entries.values()];
      assert.equal(got.reduce((a, b) => a + b, 0), expectedEntries, 'every entry restored exactly once');
      assert.ok(Math.max(...got) - Math.min(...got) <= 1, `entries split evenly: ${got}`);
    });
  } finally {
    killLeftovers();
    removeDir(dir);
  }
}
