// The jobs that rescaled-restore tests checkpoint at p=2 and resume at other parallelisms.
import type { JobSpec } from './harness.ts';

const keys = 13;
const count = 8_000;
const fileCount = 6;
const perFile = 1_500;

export const rescaleJobs = {
  keys, count, fileCount, perFile,
  /** fromSequence, 4000 records/s over all subtasks: about 2 s. */
  sequence: (): JobSpec => ({
    module: 'tests/jobs/keyed-count-job.ts',
    args: (out) => ['--source', 'sequence', '--count', String(count), '--keys', String(keys), '--rows-per-second', '4000', '--output', out],
    parallelism: 2,
  }),
  /** The JSON-lines files under `input`, paced to 2000 records/s per subtask: about 2 s at p=2. */
  files: (input: string): JobSpec => ({
    module: 'tests/jobs/keyed-count-job.ts',
    args: (out) => ['--source', 'file', '--input', input, '--pace-per-second', '2000', '--output', out],
    parallelism: 2,
  }),
};
