// A bounded job that uses every kind of edge and multi-input operator (keyBy/reduce, union, connect with a
// keyed CoProcess join, the broadcast state pattern, side outputs, rebalance/rescale/shuffle/global/
// broadcast), writing tagged lines to one file sink, so that runs at parallelism 1, 2 and 3 can be compared.
//
//   weir run -p 3 tests/e2e-jobs/topology-job.ts --output DIR [--n 3000] [--global-p P]
//
// --global-p sets the parallelism of the operator after global() (default: the job's).
//
// The input is defined in tests/e2e/topology.test.ts's reference, which computes the expected lines.
import { parseArgs } from 'node:util';
import {
  StreamExecutionEnvironment, FileSink, BasePathBucketAssigner, SimpleStringEncoder, OutputTag, MAX_WATERMARK,
  valueState, listState, broadcastStateDescriptor,
  type KeyedCoProcessFunction, type KeyedBroadcastProcessFunction, type RichMapFunction, type RuntimeContext, type Collector,
  type KeyedBroadcastReadOnlyContext, type KeyedBroadcastContext, type KeyedBroadcastOnTimerContext,
  type ValueState, type ListState, type DataStream,
} from 'weir';

const { values: args } = parseArgs({ options: { output: { type: 'string' }, n: { type: 'string', default: '3000' }, 'global-p': { type: 'string' } } });
if (!args.output) throw new Error('--output is required');
const N = Number(args.n);

interface Order { id: number; product: number; qty: number }
interface Price { product: number; price: number }

/** Joins each order with its product's price, whichever arrives first. */
class PriceJoin implements KeyedCoProcessFunction<number, Order, Price, string> {
  price!: ValueState<number>;
  waiting!: ListState<Order>;
  open(ctx: RuntimeContext): void {
    this.price = ctx.getState(valueState<number>('price'));
    this.waiting = ctx.getListState(listState<Order>('waiting'));
  }
  processElement1(o: Order, _ctx: unknown, out: Collector<string>): void {
    const p = this.price.value();
    if (p === undefined) this.waiting.add(o);
    else out.collect(`join,${o.id},${o.qty * p}`);
  }
  processElement2(p: Price, _ctx: unknown, out: Collector<string>): void {
    this.price.update(p.price);
    for (const o of this.waiting.get()) out.collect(`join,${o.id},${o.qty * p.price}`);
    this.waiting.clear();
  }
}

const limits = broadcastStateDescriptor<number, number>('limits');

/** Per user, counts values above the limit of the user's category, once all input (and every rule) is in. */
class OverLimit implements KeyedBroadcastProcessFunction<number, number, [number, number], string> {
  values!: ListState<number>;
  open(ctx: RuntimeContext): void {
    this.values = ctx.getListState(listState<number>('values'));
  }
  processElement(i: number, ctx: KeyedBroadcastReadOnlyContext<number>): void {
    this.values.add(i);
    ctx.timerService().registerEventTimeTimer(MAX_WATERMARK);
  }
  processBroadcastElement([category, limit]: [number, number], ctx: KeyedBroadcastContext<number>): void {
    ctx.getBroadcastState(limits).put(category, limit);
  }
  onTimer(_ts: number, ctx: KeyedBroadcastOnTimerContext<number>, out: Collector<string>): void {
    const user = ctx.getCurrentKey();
    const limit = ctx.getBroadcastState(limits).get(user % 3);
    if (limit === undefined) throw new Error(`no limit for category ${user % 3} at the end of input`);
    out.collect(`bcast,${user},${this.values.get().filter((v) => v > limit).length}`);
  }
}

/** Tags each record with the parallel instance that saw it. */
function tagged(tag: string): RichMapFunction<number, string> {
  let subtask = -1;
  return {
    open(ctx: RuntimeContext) { subtask = ctx.getIndexOfThisSubtask(); },
    map: (i: number) => `${tag},${subtask},${i}`,
  };
}

const env = StreamExecutionEnvironment.getExecutionEnvironment();
const numbers = env.fromSequence(0, N - 1).uid('numbers');
const outputs: DataStream<string>[] = [];

// keyBy + rolling reduce
outputs.push(numbers.map((i): [number, number] => [i % 11, i]).keyBy((t) => t[0]).reduce((a, b) => [a[0], a[1] + b[1]]).map((t) => `reduce,${t[0]},${t[1]}`));

// union of three streams of different parallelism
outputs.push(numbers.filter((i) => i % 3 === 0).map((i) => `union,a,${i}`)
  .union(env.fromSequence(0, 99).map((i) => `union,b,${i}`), env.fromElements('union,c,x', 'union,c,y')));

// connect + keyed CoProcess
const orders = numbers.filter((i) => i % 5 === 0).map((i): Order => ({ id: i, product: i % 7, qty: (i % 4) + 1 }));
const prices = env.fromElements<Price>(...Array.from({ length: 7 }, (_, p) => ({ product: p, price: (p + 1) * 10 })));
outputs.push(orders.connect(prices).keyBy((o) => o.product, (p) => p.product).process(new PriceJoin()));

// broadcast state pattern
const rules = env.fromElements<[number, number]>([0, Math.floor(N / 4)], [1, Math.floor(N / 2)], [2, Math.floor((3 * N) / 4)]).broadcast(limits);
outputs.push(numbers.keyBy((i) => i % 13).connect(rules).process(new OverLimit()));

// side outputs
const odd = new OutputTag<string>('odd');
const evens = numbers.process<string>({
  processElement(i, ctx, out) {
    if (i % 2 === 0) out.collect(`side,even,${i}`);
    else ctx.output(odd, `side,odd,${i}`);
  },
});
outputs.push(evens, evens.getSideOutput(odd));

// partitioning
outputs.push(numbers.rebalance().map(tagged('rebalance')));
outputs.push(numbers.rescale().map(tagged('rescale')));
outputs.push(numbers.shuffle().map(tagged('shuffle')));
const afterGlobal = numbers.global().map(tagged('global'));
if (args['global-p'] !== undefined) afterGlobal.setParallelism(Number(args['global-p']));
outputs.push(afterGlobal);
outputs.push(numbers.filter((i) => i < 200).broadcast().map(tagged('broadcast')));

outputs[0]!.union(...outputs.slice(1))
  .sinkTo(FileSink.forRowFormat(args.output, new SimpleStringEncoder<string>()).withBucketAssigner(new BasePathBucketAssigner()).build())
  .uid('sink');

await env.execute('topology');
