// `weir run` basics not covered by the savepoint scenario: a missing job file, and Ctrl-C without
// RETAIN_ON_CANCELLATION removing the job's checkpoints (with it, savepoint-chain.ts shows they stay).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { JOBS, tempDir, removeDir, killLeftovers, weirRun, weirRunToEnd, until } from './harness.ts';

test('a job file that does not exist is reported, exit code 1', async () => {
  const exit = await weirRunToEnd(['-p', '1', 'tests/e2e-jobs/no-such-job.ts']);
  assert.equal(exit.code, 1);
  assert.match(exit.stderr, /job file not found: tests\/e2e-jobs\/no-such-job\.ts/);
});

test('Ctrl-C cancels with exit code 130 and, with DELETE_ON_CANCELLATION, removes the checkpoints', async () => {
  const dir = tempDir('cli');
  try {
    const chk = join(dir, 'checkpoints');
    const run = weirRun([
      '-p', '1', '-D', 'execution.checkpointing.interval=100ms', '-D', `state.checkpoints.dir=${chk}`,
      '-D', 'execution.checkpointing.externalized-checkpoint-retention=DELETE_ON_CANCELLATION',
      join(JOBS, 'keyed-count.ts'), '--output', join(dir, 'out'),
    ]);
    const jobId = (await run.waitFor(/^STARTED ([0-9a-f]+)/m))[1]!;
    const jobDir = join(chk, jobId);
    await until('a completed checkpoint', () => (existsSync(jobDir) && readdirSync(jobDir).some((n) => existsSync(join(jobDir, n, '_metadata'))) ? true : undefined));
    run.child.kill('SIGINT');
    const exit = await run.exited;
    assert.equal(exit.code, 130);
    assert.match(exit.stderr, new RegExp(`Job ${jobId} cancelled\\.`));
    assert.doesNotMatch(exit.stderr, /retained checkpoint/);
    assert.ok(!existsSync(jobDir), 'the checkpoints of the cancelled job are gone');
  } finally {
    killLeftovers();
    removeDir(dir);
  }
});
