// The file sink end to end at parallelism 2: part files are hidden while in progress or pending, become
// visible only when a checkpoint that covers them has completed, never change afterwards, and at the end
// of bounded input every record is in a finished file exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { JOBS, tempDir, removeDir, killLeftovers, weirRun, finishedFiles, hiddenFiles, finishedLines, sleep } from './harness.ts';

const N = 2000;
const P = 2;

/** The highest id of a completed checkpoint (one with _metadata) of any job under `dir`; 0 if none. */
function completedCheckpoint(dir: string): number {
  let max = 0;
  if (!existsSync(dir)) return 0;
  for (const job of readdirSync(dir)) {
    let names: string[] = [];
    try { names = readdirSync(join(dir, job)); } catch { continue; }
    for (const n of names) {
      const m = /^chk-(\d+)$/.exec(n);
      if (m && existsSync(join(dir, job, n, '_metadata'))) max = Math.max(max, Number(m[1]));
    }
  }
  return max;
}

test('file sink: hidden until a checkpoint completes, finished files never change, all records at the end', async () => {
  const dir = tempDir('file-sink');
  const out = join(dir, 'out');
  const chk = join(dir, 'checkpoints');
  try {
    const run = weirRun([
      '-p', String(P), '-D', 'execution.checkpointing.interval=700ms', '-D', `state.checkpoints.dir=${chk}`,
      join(JOBS, 'file-sink-job.ts'), '--output', out, '--n', String(N), '--rate', '500',
    ]);
    let done = false;
    void run.exited.then(() => { done = true; });
    const firstSeen = new Map<string, string>();
    let sawHiddenBeforeAnyCheckpoint = false;
    let sawHiddenBesideFinished = false;
    const visibleCounts: number[] = [];
    let checkpoint = 0; // the highest seen
    while (!done) {
      // Output first, then checkpoints: a commit that is visible here had completed its checkpoint before.
      const visible = finishedFiles(out);
      const hidden = hiddenFiles(out);
      const contents = new Map(visible.map((f) => [f, readFileSync(f, 'utf8')]));
      const now = completedCheckpoint(chk);
      // A finished job discards its checkpoints right after the final one committed: gone means one more.
      const discarded = checkpoint > 0 && now === 0;
      checkpoint = Math.max(checkpoint, now);
      const bound = P * (checkpoint + (discarded ? 1 : 0));
      assert.ok(visible.length <= bound, `${visible.length} finished files after ${checkpoint} completed checkpoints${discarded ? ' and the final one' : ''}`);
      for (const h of hidden) assert.ok(basename(h).startsWith('.'), `in-progress file ${h} is hidden`);
      if (checkpoint === 0 && hidden.length > 0) sawHiddenBeforeAnyCheckpoint = true;
      if (visible.length > 0 && hidden.length > 0) sawHiddenBesideFinished = true;
      for (const [f, text] of contents) {
        const before = firstSeen.get(f);
        if (before === undefined) firstSeen.set(f, text);
        else assert.equal(text, before, `finished file ${f} never changes`);
        assert.ok(text === '' || text.endsWith('\n'), `finished file ${f} holds whole lines`);
      }
      if (visibleCounts.at(-1) !== visible.length) visibleCounts.push(visible.length);
      await sleep(25);
    }
    const exit = await run.exited;
    assert.equal(exit.code, 0, exit.stderr);
    assert.ok(sawHiddenBeforeAnyCheckpoint, 'records are written to hidden files before the first checkpoint');
    assert.ok(sawHiddenBesideFinished, 'new hidden files are written while earlier ones are finished');
    assert.ok(visibleCounts.length >= 4, `finished files appeared in steps, checkpoint by checkpoint: ${visibleCounts}`);

    assert.deepEqual(hiddenFiles(out), [], 'at the end nothing is in progress or pending');
    const numbers = finishedLines(out).map(Number).sort((a, b) => a - b);
    assert.deepEqual(numbers, Array.from({ length: N }, (_, i) => i), 'every record exactly once');
    for (const [f, text] of firstSeen) assert.equal(readFileSync(f, 'utf8'), text, `${f} unchanged at the end`);
    for (const f of finishedFiles(out)) assert.ok(statSync(f).size > 0);
  } finally {
    killLeftovers();
    removeDir(dir);
  }
});
