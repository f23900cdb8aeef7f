// Rescaled restores: a checkpoint retained from a run at p=2 (killed mid-job) resumed at p=1 commits exactly the failure-free output, for the sequence and file sources.
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { ExactlyOnceHarness, assertSameLines, checkRescaledRestores, type JobSpec } from './harness.ts';
import { expectedKeyedCountLines } from './expected-counts.ts';
import { writeEventFiles } from './inputs.ts';
import { eventAt, type Event } from '../jobs/events.ts';
import { rescaleJobs } from './rescale-jobs.ts';

const harness = new ExactlyOnceHarness();
after(() => harness.dispose());
const input = join(harness.root, 'input');
let fileEvents: Event[] = [];
before(() => { fileEvents = writeEventFiles(input, rescaleJobs.fileCount, rescaleJobs.perFile, rescaleJobs.keys); });

test('the sequence source checkpointed at p=2 resumes at p=1 exactly once', async (t) => {
  const job: JobSpec = rescaleJobs.sequence();
  const expected = expectedKeyedCountLines(Array.from({ length: rescaleJobs.count }, (_, i) => eventAt(i, rescaleJobs.keys)));
  assertSameLines(expected, await harness.reference({ ...job, parallelism: 1 }), 'sequence source at p=1, no failure');
  t.diagnostic(`restored ${await checkRescaledRestores(harness, { job, resumeAt: [1], minCheckpointId: 3 })}`);
});

test('the file source checkpointed at p=2 resumes at p=1 exactly once', async (t) => {
  const job: JobSpec = rescaleJobs.files(input);
  assertSameLines(expectedKeyedCountLines(fileEvents), await harness.reference({ ...job, parallelism: 1 }), 'file source at p=1, no failure');
  t.diagnostic(`restored ${await checkRescaledRestores(harness, { job, resumeAt: [1], minCheckpointId: 3 })}`);
});
