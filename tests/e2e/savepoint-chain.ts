// The savepoint scenario through `weir run`, shared by the tests that restore at parallelism 1 and 2: a
// fresh run at parallelism 2 stops with a savepoint; restores with -s from the moved savepoint directory,
// from a retained chk-<n> directory (left by Ctrl-C) and from a _metadata file continue the keyed counts
// and the exactly-once file output without loss or duplicates; then the uid and max-parallelism checks as
// the CLI reports them.
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JOBS, tempDir, removeDir, killLeftovers, weirRun, weirRunToEnd, finishedLines, sleep, until, jobIdOf, type CliRun } from './harness.ts';
import { assertContinuousCounts, parseCounts } from './keyed-count-check.ts';

const KEYS = 6; // not the job's default (4): proves the worker threads got the job's arguments too
const JOB = join(JOBS, 'keyed-count.ts');

/** Runs the scenario; every restore runs at `restoreP`. */
export async function savepointChain(t: TestContext, restoreP: number): Promise<void> {
  const dir = tempDir('sp-cli');
  const out = join(dir, 'out');
  const chk = join(dir, 'checkpoints');
  const sps = join(dir, 'savepoints');
  // Periodic checkpoints run in every run, so savepoints are taken while checkpoints come and go.
  const conf = (p: number) => [
    '-p', String(p),
    '-D', 'execution.checkpointing.interval=200ms',
    '-D', `state.checkpoints.dir=file://${chk}`,
    '-D', 'execution.checkpointing.externalized-checkpoint-retention=RETAIN_ON_CANCELLATION',
  ];
  const jobArgs = ['--output', out, '--keys', String(KEYS), '--rate', '2000'];
  const linesSoFar = () => finishedLines(out).length;
  const started = async (run: CliRun) => (await run.waitFor(/^STARTED ([0-9a-f]+) (.*)$/m))[1]!;

  try {
    let stopA = '';
    await t.test('a fresh run prints its job id, gets its arguments, and stops with a savepoint', async () => {
      const run = weirRun([...conf(2), JOB, ...jobArgs]);
      const m = await run.waitFor(/^STARTED ([0-9a-f]+) (.*)$/m);
      assert.deepEqual(JSON.parse(m[2]!), jobArgs, 'the arguments after the job file reach the job');
      await sleep(1000);
      stopA = await run.command(`stop ${sps}`, 'STOPPED');
      const exit = await run.exited;
      assert.equal(exit.code, 0, exit.stderr);
      assert.equal(jobIdOf(exit.stderr), m[1], 'weir run printed the job id');
      assert.ok(existsSync(stopA), 'the savepoint _metadata exists');
      assert.ok(linesSoFar() > 0, 'the stop savepoint committed the output');
      assertContinuousCounts(parseCounts(finishedLines(out)), KEYS, 2);
    });

    let retained = '';
    await t.test('restored from the moved savepoint directory, then cancelled with Ctrl-C: exit 130, a retained checkpoint stays', async () => {
      const moved = join(dir, 'moved', 'my-savepoint');
      mkdirSync(dirname(moved), { recursive: true });
      renameSync(dirname(stopA), moved);
      const spId = (JSON.parse(readFileSync(join(moved, '_metadata'), 'utf8')) as { checkpointId: number }).checkpointId;
      const before = linesSoFar();
      const run = weirRun([...conf(restoreP), '-s', moved, JOB, ...jobArgs]);
      const jobId = await started(run);
      // Wait for a checkpoint of this job, and for it to commit some output.
      const jobChk = join(chk, jobId);
      await until('a completed checkpoint', () => (existsSync(jobChk) && readdirSync(jobChk).some((n) => existsSync(join(jobChk, n, '_metadata'))) ? true : undefined));
      await until('output committed by a checkpoint', () => (linesSoFar() > before ? true : undefined));
      run.child.kill('SIGINT');
      const exit = await run.exited;
      assert.equal(exit.code, 130, exit.stderr);
      assert.match(exit.stderr, new RegExp(`Job ${jobId} cancelled`));
      assert.doesNotMatch(exit.stderr, /^\s+at |failed/m, 'a clean cancel: no failure, no stack trace');
      const m = /Latest retained checkpoint: (\S+)/.exec(exit.stderr);
      assert.ok(m, `the retained checkpoint is reported:\n${exit.stderr}`);
      retained = dirname(m[1]!);
      assert.match(retained, new RegExp(`${jobId}/chk-(\\d+)$`));
      assert.ok(existsSync(join(retained, '_metadata')), 'the retained checkpoint is still on disk after the cancel');
      const chkId = Number(/chk-(\d+)$/.exec(retained)![1]);
      assert.ok(chkId > spId, `checkpoint numbering continues after the savepoint (${chkId} > ${spId})`);
      assertContinuousCounts(parseCounts(finishedLines(out)), KEYS, 2);
    });

    let stopC = '';
    await t.test('restored from the retained chk-<n> directory', async () => {
      const before = linesSoFar();
      const run = weirRun([...conf(restoreP), '-s', retained, JOB, ...jobArgs]);
      await started(run);
      await sleep(700);
      stopC = await run.command(`stop ${sps}`, 'STOPPED');
      assert.equal((await run.exited).code, 0);
      assert.ok(linesSoFar() > before, 'the restored job produced more output');
      assertContinuousCounts(parseCounts(finishedLines(out)), KEYS, 2);
    });

    await t.test('restored from a savepoint _metadata file', async () => {
      const before = linesSoFar();
      const run = weirRun([...conf(restoreP), '-s', stopC, JOB, ...jobArgs]);
      await started(run);
      await sleep(700);
      await run.command(`stop ${sps}`, 'STOPPED');
      assert.equal((await run.exited).code, 0);
      assert.ok(linesSoFar() > before, 'the restored job produced more output');
      // Four runs, one output: every index once, no gaps, counts continued through every restore.
      assertContinuousCounts(parseCounts(finishedLines(out)), KEYS, 2);
    });

    await t.test('a stateful operator without its uid fails the restore with advice; -n starts it anyway', async () => {
      const failed = await weirRunToEnd([...conf(restoreP), '-s', stopC, JOB, ...jobArgs, '--counter-uid', 'none']);
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /'counter' \(Counter\)/, 'names the operator whose state has no owner');
      assert.match(failed.stderr, /--allowNonRestoredState/);
      assert.doesNotMatch(failed.stderr, /^\s+at /m, 'no stack trace without --verbose');

      const out2 = join(dir, 'out-n');
      const run = weirRun([...conf(restoreP), '-s', stopC, '-n', JOB, '--output', out2, '--keys', String(KEYS), '--counter-uid', 'none', '--sink-uid', 'sink-2']);
      await started(run);
      await sleep(700);
      await run.command(`stop ${sps}`, 'STOPPED');
      assert.equal((await run.exited).code, 0);
      const records = parseCounts(finishedLines(out2)).sort((a, b) => a.i - b.i);
      assert.ok(records.length > 0);
      assert.ok(records[0]!.i > 0, 'the source resumed from the savepoint');
      const fresh = new Map<number, number>();
      for (const r of records) {
        const expected = (fresh.get(r.key) ?? 0) + 1;
        fresh.set(r.key, expected);
        assert.equal(r.count, expected, `key ${r.key} counts from 1 without the dropped state`);
      }
    });

    await t.test('another pipeline.max-parallelism fails the restore clearly', async () => {
      const failed = await weirRunToEnd([...conf(restoreP), '-D', 'pipeline.max-parallelism=32', '-s', stopC, JOB, ...jobArgs]);
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /max parallelism 128 but the job now has 32/);
      assert.match(failed.stderr, /pipeline\.max-parallelism/);
    });
  } finally {
    killLeftovers();
    removeDir(dir);
  }
}
