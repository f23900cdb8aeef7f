// global() into an operator of parallelism 2: every record goes to its first instance, the second one
// gets none, and the bounded job still finishes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { JOBS, tempDir, removeDir, weirRunToEnd, finishedLines } from './harness.ts';

test('global() to a parallel operator: all records at instance 0, and the job ends', async () => {
  const dir = tempDir('global');
  try {
    const out = join(dir, 'out');
    const exit = await weirRunToEnd(['-p', '2', join(JOBS, 'topology-job.ts'), '--output', out, '--n', '500'], 20_000);
    assert.equal(exit.code, 0, `the job did not finish:\n${exit.stderr}`);
    const global = finishedLines(out).filter((l) => l.startsWith('global,')).map((l) => l.split(','));
    assert.deepEqual(global.map((f) => Number(f[2])).sort((a, b) => a - b), Array.from({ length: 500 }, (_, i) => i));
    assert.ok(global.every((f) => f[1] === '0'), 'every record at instance 0');
  } finally {
    removeDir(dir);
  }
});
