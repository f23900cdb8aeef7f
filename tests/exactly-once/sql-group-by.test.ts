// SIGKILLs a Weir SQL INSERT job (GROUP BY into a filesystem debezium-json sink) at random moments
// and resumes it from the newest retained checkpoint until it finishes: the table that its
// committed changelog describes must equal the failure-free run's and a plain computation's.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExactlyOnceHarness, checkpointConfig, committedLines, runJob, runWithKills, tail } from './harness.ts';

const harness = new ExactlyOnceHarness();
after(() => harness.dispose());

const MODULE = 'tests/jobs/sql-group-by-job.ts';
const ROWS = 60_000;

/** k -> "cnt,total": the final table a debezium-json changelog describes (lines in file order). */
function finalTable(lines: readonly string[]): Map<number, string> {
  const table = new Map<number, string>();
  for (const line of lines) {
    const c = JSON.parse(line) as { op: 'c' | 'd'; before: { k: number } | null; after: { k: number; cnt: number; total: number } | null };
    if (c.op === 'c') table.set(c.after!.k, `${c.after!.cnt},${c.after!.total}`);
    else table.delete(c.before!.k);
  }
  return table;
}

/** Committed changelog lines in the order they were written (part names sort by writer start, then counter). */
function changelog(dir: string): string[] {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !e.name.startsWith('_'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  return files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l !== ''));
}

function expectedTable(): Map<number, string> {
  const cnt = new Map<number, number>();
  const total = new Map<number, number>();
  for (let seq = 1; seq <= ROWS; seq++) {
    const k = seq % 7;
    cnt.set(k, (cnt.get(k) ?? 0) + 1);
    total.set(k, (total.get(k) ?? 0) + ((seq * 3) % 11));
  }
  return new Map([...cnt.keys()].map((k) => [k, `${cnt.get(k)},${total.get(k)}`]));
}

for (const parallelism of [1, 2]) {
  test(`SQL GROUP BY into a debezium-json file sink at p=${parallelism}: the final table survives SIGKILLs and resumes (base seed ${harness.seed})`, async (t) => {
    const seed = harness.caseSeed(`sql group by p=${parallelism}`);
    const refWork = harness.dir('sql-reference');
    const ref = await runJob({ module: MODULE, args: [join(refWork, 'out'), String(ROWS)], parallelism, config: checkpointConfig(join(refWork, 'ckp'), { intervalMs: 100 }), timeoutMs: 60_000 });
    assert.equal(ref.code, 0, `failure-free run failed: ${tail(ref)}`);
    const expected = expectedTable();
    assert.deepEqual(finalTable(changelog(join(refWork, 'out'))), expected, 'failure-free run: final table');
    assert.ok(committedLines(join(refWork, 'out')).length > 7, 'the sink received an updating changelog, not only final rows');

    const work = harness.dir('sql-killed');
    const ckp = join(work, 'ckp');
    const loop = await runWithKills({
      job: { module: MODULE, args: [join(work, 'out'), String(ROWS)], parallelism, config: checkpointConfig(ckp, { intervalMs: 100 }), timeoutMs: 60_000 },
      checkpointsDir: ckp,
      seed,
      maxKills: 4,
      killDelayMs: [ref.ms * 0.25, ref.ms * 0.6],
      firstKillBeforeMs: ref.ms * 0.6,
      killBudgetMs: 30_000,
    });
    const what = `after ${loop.kills} SIGKILL(s), resumed from checkpoints [${loop.resumedFrom.map((c) => c ?? 'none').join(', ')}] (${harness.describeSeed(seed)})`;
    assert.ok(loop.final.code === 0 || loop.finishedBeforeKill, `${what}: the last run did not finish: ${tail(loop.final)}`);
    assert.ok(loop.kills >= 1, `${what}: no run was killed, so nothing was tested`);
    assert.deepEqual(finalTable(changelog(join(work, 'out'))), expected, `${what}: final table`);
    t.diagnostic(what);
  });
}
