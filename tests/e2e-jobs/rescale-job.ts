// A bounded, rate-limited job with a keyed reduce and a CheckpointedFunction holding operator list state,
// written to the file sink, for restoring savepoints at other parallelisms (rescaling).
//
//   weir run -p 2 tests/e2e-jobs/rescale-job.ts --output DIR --n 6000 --rate 2000 --run 1
//
// Lines: `R,key,count,sum,last` after every record (rolling reduce per key = i mod 7), and
// `C,run,subtask,total,entries` after every record, where total is the records this instance and the
// list-state entries it restored have counted, and entries the number of entries it restored.
import { parseArgs } from 'node:util';
import {
  StreamExecutionEnvironment, FileSink, BasePathBucketAssigner, SimpleStringEncoder,
  type RichFlatMapFunction, type CheckpointedFunction, type FunctionInitializationContext, type Collector, type RuntimeContext, type ListState,
} from 'weir';
import { serveControl } from './control.ts';

const { values: args } = parseArgs({
  options: {
    output: { type: 'string' },
    n: { type: 'string', default: '6000' },
    rate: { type: 'string', default: '2000' },
    run: { type: 'string', default: '1' },
  },
});
if (!args.output) throw new Error('--output is required');
const run = args.run!;

interface Sum { k: number; count: number; sum: number; last: number }

/** Counts records per parallel instance; the counts of earlier instances travel as list-state entries. */
class InstanceCounter implements RichFlatMapFunction<number, string>, CheckpointedFunction {
  state!: ListState<number>;
  restored: number[] = [];
  restoredTotal = 0;
  own = 0;
  subtask = -1;

  initializeState(ctx: FunctionInitializationContext): void {
    this.state = ctx.operatorStateStore.getListState<number>('counts');
    this.restored = ctx.isRestored() ? [...this.state.get()] : [];
    this.restoredTotal = this.restored.reduce((a, b) => a + b, 0);
  }

  open(ctx: RuntimeContext): void {
    this.subtask = ctx.getIndexOfThisSubtask();
  }

  flatMap(_i: number, out: Collector<string>): void {
    this.own++;
    out.collect(`C,${run},${this.subtask},${this.restoredTotal + this.own},${this.restored.length}`);
  }

  snapshotState(): void {
    this.state.update([...this.restored, this.own]);
  }
}

const env = StreamExecutionEnvironment.getExecutionEnvironment();
const numbers = env.fromSequence(0, Number(args.n) - 1, { rowsPerSecond: Number(args.rate) }).uid('numbers');
const reduced = numbers
  .map((i): Sum => ({ k: i % 7, count: 1, sum: i, last: i })).uid('to-sum')
  .keyBy((s) => s.k)
  .reduce((a, b) => ({ k: a.k, count: a.count + b.count, sum: a.sum + b.sum, last: b.last })).uid('reduce')
  .map((s) => `R,${s.k},${s.count},${s.sum},${s.last}`).uid('format');
const counted = numbers.rebalance().flatMap(new InstanceCounter()).uid('instance-counter');
reduced.union(counted).uid('union')
  .sinkTo(FileSink.forRowFormat(args.output, new SimpleStringEncoder<string>()).withBucketAssigner(new BasePathBucketAssigner()).build())
  .uid('sink');

await serveControl(await env.executeAsync('rescale'));
