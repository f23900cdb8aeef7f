// A bounded job with checkpointing must finish without failing: a periodic checkpoint racing the final checkpoint must not fail the job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamExecutionEnvironment, FileSink, BasePathBucketAssigner, SimpleStringEncoder } from 'weir';
import { committedLines } from './harness.ts';

const RUNS = 100;
const COUNT = 2_000;

test(`${RUNS} failure-free bounded runs with 2 ms checkpoints all finish without a restart and commit every record once`, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'weir-final-checkpoint-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const expected = Array.from({ length: COUNT }, (_, i) => String(i)).sort();
  const failures: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    const out = join(root, `out-${run}`);
    // No restart strategy (the default): any failure ends the job.
    const env = new StreamExecutionEnvironment({
      'parallelism.default': 1,
      'execution.checkpointing.interval': '2ms',
      'state.checkpoints.dir': join(root, `ckp-${run}`),
    });
    env.fromSequence(0, COUNT - 1, { rowsPerSecond: 40_000 })
      .map((i) => String(i))
      .sinkTo(FileSink.forRowFormat(out, new SimpleStringEncoder<string>()).withBucketAssigner(new BasePathBucketAssigner()).build());
    try {
      await env.execute(`final checkpoint run ${run}`);
      assert.deepEqual(committedLines(out), expected, `run ${run}: committed output`);
    } catch (e) {
      failures.push(`run ${run}: ${(e as Error).message}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${RUNS} failure-free runs failed:\n${failures.join('\n')}`);
});
