// A fast endless source (parallelism 1, so in worker thread 0) rebalanced to a sink of parallelism 2 whose
// instance 1 (worker thread 1) blocks --sleep-ms per record: only credit-based flow control between the
// threads can slow the source down. The main thread prints `STATS <rss bytes> <records in> <records out>
// <backlog>` every 500 ms.
//
//   weir run -p 2 tests/e2e-jobs/backpressure-job.ts [--sleep-ms 2]
import { parseArgs } from 'node:util';
import { StreamExecutionEnvironment, type RuntimeContext } from 'weir';

const { values: args } = parseArgs({ options: { 'sleep-ms': { type: 'string', default: '2' } } });
const sleepMs = Number(args['sleep-ms']);
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const payload = 'x'.repeat(1000);

const env = StreamExecutionEnvironment.getExecutionEnvironment();
let subtask = -1;
env.fromSequence(0, Infinity).setParallelism(1)
  .map((i) => ({ i, payload })).setParallelism(1)
  .rebalance()
  .map({
    open(ctx: RuntimeContext) { subtask = ctx.getIndexOfThisSubtask(); },
    map(r: { i: number; payload: string }) {
      if (subtask === 1) Atomics.wait(sleeper, 0, 0, sleepMs);
      return r.i;
    },
  })
  .name('Slow map')
  .addSink(() => {})
  .name('Discard');

const client = await env.executeAsync('backpressure');
const stats = setInterval(() => {
  const m = client.metrics();
  console.log(`STATS ${process.memoryUsage().rss} ${m.recordsIn} ${m.recordsOut} ${m.backlog}`);
}, 500);
try {
  await client.result;
} finally {
  clearInterval(stats);
}
