// Exactly-once at p=2 and p=3, where restored subtasks run on worker threads: every injected failure kind (a dying worker thread included), AT_LEAST_ONCE without loss, a checkpoint from p=2 resumed at p=3, and SIGKILLs of event-counts at p=2.
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { ExactlyOnceHarness, assertSameLines, failureName, checkRescaledRestores, type FailureKind, type JobSpec } from './harness.ts';
import { expectedKeyedCountLines } from './expected-counts.ts';
import { writeEventFiles } from './inputs.ts';
import { rescaleJobs } from './rescale-jobs.ts';
import { checkEventCountsUnderKills } from './event-counts-kills.ts';
import { eventAt, type Event } from '../jobs/events.ts';

const harness = new ExactlyOnceHarness();
after(() => harness.dispose());
const seed = harness.seed;
const input = join(harness.root, 'input');
let fileEvents: Event[] = [];
before(() => { fileEvents = writeEventFiles(input, rescaleJobs.fileCount, rescaleJobs.perFile, rescaleJobs.keys); });

const sequence = rescaleJobs.sequence();
const files = (): JobSpec => rescaleJobs.files(input);
const filesAtLeastOnce = (): JobSpec => ({ ...rescaleJobs.files(input), mode: 'AT_LEAST_ONCE' });
/** Records per subtask at p=2. */
const perSubtask = { sequence: rescaleJobs.count / 2, files: (rescaleJobs.fileCount * rescaleJobs.perFile) / 2 };

test(`failure-free runs at p=2 commit the expected lines (base seed ${seed})`, async (t) => {
  t.diagnostic(`base seed ${seed}`);
  assertSameLines(expectedKeyedCountLines(Array.from({ length: rescaleJobs.count }, (_, i) => eventAt(i, rescaleJobs.keys))), await harness.reference(sequence), 'fromSequence at p=2, no failure');
  assertSameLines(expectedKeyedCountLines(fileEvents), await harness.reference(files()), 'file source at p=2, no failure');
});

const cases: Array<[string, () => JobSpec, FailureKind, number]> = [
  ['fromSequence', () => sequence, 'exception', perSubtask.sequence],
  ['fromSequence', () => sequence, 'worker-exit', perSubtask.sequence],
  ['fromSequence', () => sequence, 'snapshot', perSubtask.sequence],
  ['fromSequence', () => sequence, 'notify', perSubtask.sequence],
  ['fromSequence', () => sequence, 'commit', perSubtask.sequence],
  ['file source', files, 'exception', perSubtask.files],
  ['file source', files, 'worker-exit', perSubtask.files],
  ['file source', files, 'commit', perSubtask.files],
];
for (const [name, job, kind, records] of cases) {
  test(`${name} at p=2 commits exactly once across ${failureName(kind)}`, async (t) => {
    const r = await harness.checkFailure({ job: job(), kind, maxFailAfter: Math.floor(records * 0.8) });
    t.diagnostic(`seed ${r.seed}: failed after ${r.failAfter} records; ${r.lines} lines committed`);
  });
}

for (const kind of ['exception', 'worker-exit'] as const) {
  test(`file source at p=2 in AT_LEAST_ONCE mode loses nothing across ${failureName(kind)}`, async (t) => {
    const r = await harness.checkFailure({ job: filesAtLeastOnce(), kind, maxFailAfter: Math.floor(perSubtask.files * 0.8) });
    t.diagnostic(`seed ${r.seed}: failed after ${r.failAfter} records; ${r.lines} lines committed`);
  });
}

test('the sequence source checkpointed at p=2 resumes at p=3 exactly once', async (t) => {
  t.diagnostic(`restored ${await checkRescaledRestores(harness, { job: sequence, resumeAt: [3], minCheckpointId: 3 })}`);
});

test('the file source checkpointed at p=2 resumes at p=3 exactly once', async (t) => {
  t.diagnostic(`restored ${await checkRescaledRestores(harness, { job: files(), resumeAt: [3], minCheckpointId: 3 })}`);
});

test('event-counts at p=2 commits every window exactly once across repeated SIGKILLs and resumes', async (t) => {
  t.diagnostic(await checkEventCountsUnderKills(harness, { parallelism: 2, maxKills: 5 }));
});
