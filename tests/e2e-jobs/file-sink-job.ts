// A bounded, rate-limited sequence written as one number per line by the file sink, so a test can watch
// part files go from hidden (in progress, pending) to finished as checkpoints complete.
//
//   weir run -p 2 -D execution.checkpointing.interval=700ms -D state.checkpoints.dir=DIR \
//     tests/e2e-jobs/file-sink-job.ts --output DIR [--n 2000] [--rate 500]
import { parseArgs } from 'node:util';
import { StreamExecutionEnvironment, FileSink, BasePathBucketAssigner, SimpleStringEncoder } from 'weir';

const { values: args } = parseArgs({ options: { output: { type: 'string' }, n: { type: 'string', default: '2000' }, rate: { type: 'string', default: '500' } } });
if (!args.output) throw new Error('--output is required');

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.fromSequence(0, Number(args.n) - 1, { rowsPerSecond: Number(args.rate) }).uid('numbers')
  .map((i) => String(i))
  .sinkTo(FileSink.forRowFormat(args.output, new SimpleStringEncoder<string>()).withBucketAssigner(new BasePathBucketAssigner()).build())
  .name('Numbers files')
  .uid('sink');
await env.execute('file sink');
