// In AT_LEAST_ONCE mode a checkpoint overtaken by a newer one in flight is subsumed, not failed: a failure-free job with concurrent checkpoints must finish and lose nothing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ExactlyOnceHarness, assertNoLoss, committedLines, runJob, tail } from './harness.ts';
import { expectedKeyedCountLines } from './expected-counts.ts';
import { eventAt } from '../jobs/events.ts';

const harness = new ExactlyOnceHarness();
after(() => harness.dispose());

test('an AT_LEAST_ONCE job at p=2 with up to 5 concurrent checkpoints every 10 ms finishes without failing', async () => {
  const count = 16_000;
  const work = harness.dir('at-least-once-concurrent');
  const out = join(work, 'out');
  // No restart strategy (the default): a checkpoint counted as failed beyond the tolerance (0) fails the job.
  const r = await runJob({
    module: 'tests/jobs/keyed-count-job.ts',
    args: ['--source', 'sequence', '--count', String(count), '--keys', '13', '--rows-per-second', '8000', '--output', out],
    parallelism: 2,
    config: {
      'execution.checkpointing.interval': '10ms',
      'execution.checkpointing.mode': 'AT_LEAST_ONCE',
      'execution.checkpointing.max-concurrent-checkpoints': 5,
      'state.checkpoints.dir': join(work, 'ckp'),
    },
  });
  assert.equal(r.code, 0, `the failure-free job failed: ${tail(r)}`);
  assertNoLoss(expectedKeyedCountLines(Array.from({ length: count }, (_, i) => eventAt(i, 13))), committedLines(out), 'AT_LEAST_ONCE with concurrent checkpoints');
});
