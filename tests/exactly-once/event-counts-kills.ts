// The kill-and-resume check on examples/event-counts.ts, shared by the tests that run it at different parallelisms.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertSameLines, checkpointConfig, committedLines, runJob, runWithKills, tail, type ExactlyOnceHarness } from './harness.ts';
import { writeTimedEventFiles } from './inputs.ts';

/** 1.2M events: 1.5-2.5 s of work, so several random kills land before, during and after checkpoints. */
const INPUT = { files: 12, perFile: 100_000, users: 10, stepMs: 37, maxDisorderMs: 2_000 };
const OUT_OF_ORDERNESS_MS = 5_000;

/**
 * Writes a seeded input, checks a failure-free run against the window counts computed while writing it,
 * then SIGKILLs and resumes the job until it finishes and checks its committed output against that run.
 * Returns a description of the loop for the test's diagnostics.
 */
export async function checkEventCountsUnderKills(h: ExactlyOnceHarness, o: { readonly parallelism: number; readonly maxKills: number }): Promise<string> {
  const seed = h.caseSeed(`event-counts kills p=${o.parallelism}`);
  const input = h.dir('events');
  const expected = writeTimedEventFiles(input, { ...INPUT, seed });
  const args = (out: string) => ['--input', input, '--output', out, '--out-of-orderness-ms', String(OUT_OF_ORDERNESS_MS)];
  const module = 'examples/event-counts.ts';

  const refWork = h.dir('reference');
  const ref = await runJob({ module, args: args(join(refWork, 'out')), parallelism: o.parallelism, config: checkpointConfig(join(refWork, 'ckp'), { intervalMs: 50 }) });
  assert.equal(ref.code, 0, `reference run of ${module} at p=${o.parallelism} failed: ${tail(ref)}`);
  const reference = committedLines(join(refWork, 'out'));
  assertSameLines(expected, reference, `${module} at p=${o.parallelism}, failure-free reference run (${h.describeSeed(seed)})`);

  const work = h.dir('killed');
  const out = join(work, 'out');
  const ckp = join(work, 'ckp');
  const loop = await runWithKills({
    job: { module, args: args(out), parallelism: o.parallelism, config: checkpointConfig(ckp, { intervalMs: 50 }) },
    checkpointsDir: ckp,
    seed,
    maxKills: o.maxKills,
    // Kills between 20% and 55% of a failure-free run's time: mid-job for the first runs, and
    // resumed runs (with less work left) may finish first, which ends the loop.
    killDelayMs: [ref.ms * 0.2, ref.ms * 0.55],
    firstKillBeforeMs: ref.ms * 0.6,
    killBudgetMs: 25_000,
  });
  const what = `${module} at p=${o.parallelism} after ${loop.kills} SIGKILL(s), resumed from checkpoints [${loop.resumedFrom.map((c) => c ?? 'none').join(', ')}] ` +
    `(${h.describeSeed(seed)}; reference run ${ref.ms} ms)`;
  assert.ok(loop.final.code === 0 || loop.finishedBeforeKill, `${what}: the last run did not finish: ${tail(loop.final)}`);
  assert.ok(loop.kills >= 1, `${what}: no run was killed, so nothing was tested`);
  assertSameLines(reference, committedLines(out), what);
  return what;
}
