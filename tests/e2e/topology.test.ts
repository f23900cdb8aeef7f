// The same job at parallelism 1, 2 and 3 gives the same result, equal to a direct computation: keyBy/reduce,
// union, connect + keyed CoProcess, the broadcast state pattern, side outputs, and rebalance, rescale,
// shuffle, global and broadcast partitioning (tests/e2e-jobs/topology-job.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { JOBS, tempDir, removeDir, weirRunToEnd, finishedLines, hiddenFiles } from './harness.ts';

const N = 3000;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The job's results computed directly from its input definition, in normalized form. */
function reference(): string[] {
  const lines: string[] = [];
  for (let k = 0; k < 11; k++) {
    const mine = range(N).filter((i) => i % 11 === k);
    lines.push(`reduce,${k},${mine.length},${mine.reduce((a, b) => a + b, 0)}`);
  }
  for (const i of range(N)) if (i % 3 === 0) lines.push(`union,a,${i}`);
  for (const i of range(100)) lines.push(`union,b,${i}`);
  lines.push('union,c,x', 'union,c,y');
  for (const i of range(N)) if (i % 5 === 0) lines.push(`join,${i},${((i % 4) + 1) * ((i % 7) + 1) * 10}`);
  const limits = [Math.floor(N / 4), Math.floor(N / 2), Math.floor((3 * N) / 4)];
  for (let u = 0; u < 13; u++) lines.push(`bcast,${u},${range(N).filter((i) => i % 13 === u && i > limits[u % 3]!).length}`);
  for (const i of range(N)) lines.push(i % 2 === 0 ? `side,even,${i}` : `side,odd,${i}`);
  for (const tag of ['rebalance', 'rescale', 'shuffle', 'global']) for (const i of range(N)) lines.push(`${tag},${i}`);
  for (const i of range(200)) lines.push(`broadcast,${i}`);
  return lines.sort();
}

/**
 * Normalizes one run's output so that it does not depend on the parallelism, checking on the way what
 * does: rolling reduce results become count and final sum per key; the instance tags of the partitioning
 * branches are checked (global: only instance 0; broadcast: every instance once) and dropped.
 */
function normalize(lines: readonly string[], p: number): string[] {
  const out: string[] = [];
  const reduce = new Map<number, { count: number; max: number }>();
  const instances = new Map<string, Set<number>>();
  const broadcast = new Map<number, number[]>();
  for (const line of lines) {
    const f = line.split(',');
    switch (f[0]) {
      case 'reduce': {
        const r = reduce.get(Number(f[1])) ?? { count: 0, max: -1 };
        reduce.set(Number(f[1]), { count: r.count + 1, max: Math.max(r.max, Number(f[2])) });
        break;
      }
      case 'rebalance': case 'rescale': case 'shuffle': case 'global': {
        const s = Number(f[1]);
        assert.ok(s >= 0 && s < (f[0] === 'global' ? 1 : p), `${f[0]}: record at instance ${s} of ${p}`);
        let set = instances.get(f[0]);
        if (!set) instances.set(f[0], (set = new Set()));
        set.add(s);
        out.push(`${f[0]},${f[2]}`);
        break;
      }
      case 'broadcast': {
        const i = Number(f[2]);
        broadcast.set(i, [...(broadcast.get(i) ?? []), Number(f[1])]);
        break;
      }
      default:
        out.push(line);
    }
  }
  for (const [k, r] of reduce) out.push(`reduce,${k},${r.count},${r.max}`);
  for (const tag of ['rebalance', 'rescale', 'shuffle']) {
    assert.deepEqual([...(instances.get(tag) ?? [])].sort(), range(p), `${tag}: every instance gets records`);
  }
  for (const [i, subtasks] of broadcast) {
    assert.deepEqual(subtasks.sort(), range(p), `broadcast: record ${i} reaches every instance once`);
    out.push(`broadcast,${i}`);
  }
  return out.sort();
}

test('topology: parallelism 1, 2 and 3 give the same results as a direct computation', async (t) => {
  const dir = tempDir('topology');
  try {
    const expected = reference();
    const results: string[][] = [];
    for (const p of [1, 2, 3]) {
      await t.test(`parallelism ${p}`, async () => {
        const out = join(dir, `p${p}`);
        // Run the operator after global() at parallelism 1: wider, its instances other than the first get no
        // input channel at all and never finish (an engine bug, reported with a test kept out of the suite).
        const exit = await weirRunToEnd(['-p', String(p), join(JOBS, 'topology-job.ts'), '--output', out, '--n', String(N), '--global-p', '1']);
        assert.equal(exit.code, 0, exit.stderr);
        assert.deepEqual(hiddenFiles(out), [], 'all part files finished');
        const got = normalize(finishedLines(out), p);
        assert.deepEqual(got, expected);
        results.push(got);
      });
    }
    assert.deepEqual(results[1], results[0], 'p=2 equals p=1');
    assert.deepEqual(results[2], results[0], 'p=3 equals p=1');
  } finally {
    removeDir(dir);
  }
});
