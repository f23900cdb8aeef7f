// Exactly-once at parallelism 1 (the job runs in the CLI's thread) under injected failures, for fromSequence, fromGenerator and the JSON-lines file source into the file sink.
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { ExactlyOnceHarness, assertSameLines, failureName, type FailureKind, type JobSpec } from './harness.ts';
import { expectedKeyedCountLines } from './expected-counts.ts';
import { writeEventFiles } from './inputs.ts';
import { eventAt, type Event } from '../jobs/events.ts';

const KEYS = 13;
const COUNT = 8_000;
const ROWS_PER_SECOND = 5_000;
const FILES = 6;
const PER_FILE = 1_500;

const harness = new ExactlyOnceHarness();
after(() => harness.dispose());
const seed = harness.seed;
const input = join(harness.root, 'input');
let fileEvents: Event[] = [];
before(() => { fileEvents = writeEventFiles(input, FILES, PER_FILE, KEYS); });

function generated(source: 'sequence' | 'generator', mode?: 'AT_LEAST_ONCE'): JobSpec {
  return {
    module: 'tests/jobs/keyed-count-job.ts',
    args: (out) => ['--source', source, '--count', String(COUNT), '--keys', String(KEYS), '--rows-per-second', String(ROWS_PER_SECOND), '--output', out],
    parallelism: 1,
    mode,
  };
}

function files(mode?: 'AT_LEAST_ONCE'): JobSpec {
  return {
    module: 'tests/jobs/keyed-count-job.ts',
    args: (out) => ['--source', 'file', '--input', input, '--pace-per-second', String(ROWS_PER_SECOND), '--output', out],
    parallelism: 1,
    mode,
  };
}

test(`failure-free runs commit the expected lines (base seed ${seed})`, async (t) => {
  t.diagnostic(`base seed ${seed}`);
  const generatedEvents = expectedKeyedCountLines(Array.from({ length: COUNT }, (_, i) => eventAt(i, KEYS)));
  assertSameLines(generatedEvents, await harness.reference(generated('sequence')), 'fromSequence at p=1, no failure');
  assertSameLines(generatedEvents, await harness.reference(generated('generator')), 'fromGenerator at p=1, no failure');
  assertSameLines(expectedKeyedCountLines(fileEvents), await harness.reference(files()), 'file source at p=1, no failure');
});

const cases: Array<[string, JobSpec, FailureKind, number]> = [
  ['fromSequence', generated('sequence'), 'exception', COUNT],
  ['fromSequence', generated('sequence'), 'commit', COUNT],
  ['fromGenerator', generated('generator'), 'snapshot', COUNT],
  ['fromGenerator', generated('generator'), 'notify', COUNT],
  ['file source', files(), 'exception', FILES * PER_FILE],
  ['file source', files(), 'snapshot', FILES * PER_FILE],
  ['file source', files(), 'notify', FILES * PER_FILE],
  ['file source', files(), 'commit', FILES * PER_FILE],
];
for (const [name, job, kind, records] of cases) {
  test(`${name} at p=1 commits exactly once across ${failureName(kind)}`, async (t) => {
    const r = await harness.checkFailure({ job, kind, maxFailAfter: Math.floor(records * 0.8) });
    t.diagnostic(`seed ${r.seed}: failed after ${r.failAfter} records; ${r.lines} lines committed`);
  });
}

test('file source at p=1 in AT_LEAST_ONCE mode loses nothing across an exception', async (t) => {
  const r = await harness.checkFailure({ job: files('AT_LEAST_ONCE'), kind: 'exception', maxFailAfter: Math.floor(FILES * PER_FILE * 0.8) });
  t.diagnostic(`seed ${r.seed}: failed after ${r.failAfter} records; ${r.lines} lines committed`);
});
