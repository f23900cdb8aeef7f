// An endless keyed count (key = i mod --keys) over a rate-limited sequence, written as `i,key,count`
// lines by the file sink; steered over stdin (savepoint/stop) for the savepoint and CLI tests.
//
//   weir run -p 2 tests/e2e-jobs/keyed-count.ts --output DIR [--keys 4] [--rate 2000] [--counter-uid counter|none] [--sink-uid sink]
import { parseArgs } from 'node:util';
import {
  StreamExecutionEnvironment, FileSink, BasePathBucketAssigner, SimpleStringEncoder, valueState,
  type KeyedProcessFunction, type KeyedProcessContext, type Collector, type RuntimeContext, type ValueState,
} from 'weir';
import { serveControl } from './control.ts';

const { values: args } = parseArgs({
  options: {
    output: { type: 'string' },
    keys: { type: 'string', default: '4' },
    rate: { type: 'string', default: '2000' },
    'counter-uid': { type: 'string', default: 'counter' },
    'sink-uid': { type: 'string', default: 'sink' },
  },
});
if (!args.output) throw new Error('--output is required');
const keys = Number(args.keys);

class Count implements KeyedProcessFunction<number, number, string> {
  count!: ValueState<number>;

  open(ctx: RuntimeContext): void {
    this.count = ctx.getState(valueState<number>('count'));
  }

  processElement(i: number, ctx: KeyedProcessContext<number>, out: Collector<string>): void {
    const n = (this.count.value() ?? 0) + 1;
    this.count.update(n);
    out.collect(`${i},${ctx.getCurrentKey()},${n}`);
  }
}

const env = StreamExecutionEnvironment.getExecutionEnvironment();
const counted = env.fromSequence(0, Infinity, { rowsPerSecond: Number(args.rate) })
  .uid('numbers')
  .keyBy((i) => i % keys)
  .process(new Count())
  .name('Counter');
if (args['counter-uid'] !== 'none') counted.uid(args['counter-uid']);
counted
  .sinkTo(FileSink.forRowFormat(args.output, new SimpleStringEncoder<string>()).withBucketAssigner(new BasePathBucketAssigner()).build())
  .name('Count files')
  .uid(args['sink-uid']);

await serveControl(await env.executeAsync('keyed-count'));
