// Counts events and sums amounts per user in 60-second event-time windows, exactly once.
//
//   weir run -D execution.checkpointing.interval=1s -D state.checkpoints.dir=file:///tmp/ckp \
//     examples/event-counts.ts --input DIR --output DIR [--out-of-orderness-ms 5000]
//
// Input: JSON lines {"user": string, "ts": epoch millis, "amount": number}.
// Output: CSV lines user,window_start,window_end,count,sum_amount (window bounds in epoch millis),
// written by the file sink, which makes a line visible only when the checkpoint that covers it
// completes: killed at any moment and resumed with -s from the latest retained checkpoint, the job
// produces exactly the lines of a run without failures.
import { parseArgs } from 'node:util';
import {
  StreamExecutionEnvironment, FileSource, FileSink, BasePathBucketAssigner, SimpleStringEncoder, WatermarkStrategy,
  TumblingEventTimeWindows, type AggregateFunction, type ProcessWindowFunction, type TimeWindow,
} from 'weir';

interface Event { user: string; ts: number; amount: number }
interface Totals { count: number; sum: number }

const { values: args } = parseArgs({ options: { input: { type: 'string' }, output: { type: 'string' }, 'out-of-orderness-ms': { type: 'string', default: '5000' } } });
if (!args.input || !args.output) {
  console.error('usage: weir run examples/event-counts.ts --input DIR --output DIR [--out-of-orderness-ms 5000]');
  process.exit(2);
}

const totals: AggregateFunction<Event, Totals, Totals> = {
  createAccumulator: () => ({ count: 0, sum: 0 }),
  add: (e, acc) => ({ count: acc.count + 1, sum: acc.sum + e.amount }),
  getResult: (acc) => acc,
  merge: (a, b) => ({ count: a.count + b.count, sum: a.sum + b.sum }),
};

const toCsv: ProcessWindowFunction<Totals, string, string, TimeWindow> = {
  process(user, ctx, [t], out) {
    // Rounded so that the order in which amounts were added cannot show in the last digits.
    out.collect(`${user},${ctx.window.start},${ctx.window.end},${t!.count},${Number(t!.sum.toFixed(6))}`);
  },
};

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.configure({ 'execution.checkpointing.externalized-checkpoint-retention': 'RETAIN_ON_CANCELLATION' });
const watermarks = WatermarkStrategy.forBoundedOutOfOrderness<Event>(Number(args['out-of-orderness-ms'])).withTimestampAssigner((e) => e.ts);

env.fromSource(FileSource.jsonLines<Event>(args.input).build(), watermarks, 'Events')
  .uid('events')
  .keyBy((e) => e.user)
  .window(TumblingEventTimeWindows.of(60_000))
  .aggregate(totals, toCsv)
  .name('Counts per user and minute')
  .uid('window-counts')
  .sinkTo(FileSink.forRowFormat(args.output, new SimpleStringEncoder<string>()).withBucketAssigner(new BasePathBucketAssigner()).build())
  .name('CSV files')
  .uid('csv-sink');

await env.execute('Event counts');
