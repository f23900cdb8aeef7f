// A keyed counting job over a built-in source (sequence, generator or JSON-lines files) into the file sink, with optional injected failures, for exactly-once tests.
//
//   weir run -p 2 -D ... tests/jobs/keyed-count-job.ts --source sequence|generator|file --output DIR
//     [--count N --rows-per-second R --keys K] [--input DIR] [--pace-per-second R]
//     [--fail-kind KIND --fail-after N --marker DIR]
//
// Each event {id, user, amount} yields two lines: `rec,<id>,<user>,<amount>` and `cnt,<user>,<n>`, where n is
// the number of events of that user so far (keyed state). Both multisets are independent of record order,
// so every correct run, at any parallelism, with or without restarts, commits the same lines.
import { parseArgs } from 'node:util';
import {
  StreamExecutionEnvironment, FileSource, FileSink, BasePathBucketAssigner, SimpleStringEncoder, valueState,
  type Collector, type DataStream, type KeyedProcessContext, type KeyedProcessFunction, type RuntimeContext, type ValueState,
} from 'weir';
import { eventAt, type Event } from './events.ts';
import { failureArgs, failureInjector, failurePlanFrom, withCommitFailure } from './failure-injection.ts';

const { values: args } = parseArgs({
  options: {
    source: { type: 'string' },
    output: { type: 'string' },
    input: { type: 'string' },
    count: { type: 'string', default: '10000' },
    'rows-per-second': { type: 'string', default: '0' },
    keys: { type: 'string', default: '13' },
    ...failureArgs,
  },
});
if (!args.output || !args.source) throw new Error('usage: keyed-count-job.ts --source sequence|generator|file --output DIR [...]');
const count = Number(args.count);
const keys = Number(args.keys);
const rate = Number(args['rows-per-second']) || undefined;
const plan = failurePlanFrom(args);

const env = StreamExecutionEnvironment.getExecutionEnvironment();
let events: DataStream<Event>;
switch (args.source) {
  case 'sequence':
    events = env.fromSequence(0, count - 1, { rowsPerSecond: rate }).uid('sequence').map((i) => eventAt(i, keys)).uid('to-event');
    break;
  case 'generator':
    events = env.fromGenerator((i) => eventAt(i, keys), count, { rowsPerSecond: rate }).uid('generator');
    break;
  case 'file':
    if (!args.input) throw new Error('--source file needs --input DIR');
    events = env.fromSource(FileSource.jsonLines<Event>(args.input).withMaxLinesPerPoll(100).build(), undefined, 'Events').uid('file-source');
    break;
  default:
    throw new Error(`unknown --source '${args.source}'`);
}

class CountPerUser implements KeyedProcessFunction<string, Event, string> {
  count!: ValueState<number>;
  open(ctx: RuntimeContext) {
    this.count = ctx.getState(valueState<number>('count'));
  }
  processElement(e: Event, _ctx: KeyedProcessContext<string>, out: Collector<string>) {
    const n = (this.count.value() ?? 0) + 1;
    this.count.update(n);
    out.collect(`rec,${e.id},${e.user},${e.amount}`);
    out.collect(`cnt,${e.user},${n}`);
  }
}

const sink = FileSink.forRowFormat(args.output, new SimpleStringEncoder<string>()).withBucketAssigner(new BasePathBucketAssigner()).build();
events
  .map(failureInjector<Event>(plan)).uid('failure-injector').name('Failure injector')
  .keyBy((e) => e.user)
  .process(new CountPerUser()).uid('count-per-user').name('Count per user')
  .sinkTo(withCommitFailure(sink, plan)).uid('file-sink').name('File sink');

await env.execute('Keyed counts');
