// Benchmark workload mirroring the Flink SQL W3 group-by (w3_groupby.sql): COUNT(*) and MAX(price) per auction, as a retract stream.
//
//   node bench/workloads/flink-w3-groupby.ts --parallelism 1 --records 20e6
//
// Flink's plan: source -> Calc(auction, price) -> hash exchange on auction -> GroupAggregate (one
// accumulator per key in ValueState) -> sink. Without mini-batch it emits +I for a key's first row
// and -U (old) / +U (new) for every later row, so the sink sees about twice the input.
import { StreamExecutionEnvironment, valueState, type Collector, type KeyedProcessFunction, type RuntimeContext, type ValueState } from 'weir';
import { bidAt } from '../lib/bid-generator.ts';
import { workloadArgs } from '../lib/workload-args.ts';
import { jobCpuMeter, reportResult } from '../lib/report.ts';

interface AuctionPrice {
  readonly auction: number;
  readonly price: number;
}

interface Accumulator {
  readonly cnt: number;
  readonly maxPrice: number;
}

interface AggRow {
  readonly kind: '+I' | '-U' | '+U';
  readonly auction: number;
  readonly cnt: number;
  readonly max_price: number;
}

class GroupAggregate implements KeyedProcessFunction<number, AuctionPrice, AggRow> {
  acc!: ValueState<Accumulator>;

  open(ctx: RuntimeContext): void {
    this.acc = ctx.getState(valueState<Accumulator>('acc'));
  }

  processElement(row: AuctionPrice, _ctx: unknown, out: Collector<AggRow>): void {
    const prev = this.acc.value();
    if (prev === undefined) {
      const first = { cnt: 1, maxPrice: row.price };
      this.acc.update(first);
      out.collect({ kind: '+I', auction: row.auction, cnt: 1, max_price: row.price });
      return;
    }
    const next = { cnt: prev.cnt + 1, maxPrice: row.price > prev.maxPrice ? row.price : prev.maxPrice };
    this.acc.update(next);
    out.collect({ kind: '-U', auction: row.auction, cnt: prev.cnt, max_price: prev.maxPrice });
    out.collect({ kind: '+U', auction: row.auction, cnt: next.cnt, max_price: next.maxPrice });
  }
}

const args = workloadArgs({ parallelism: 1, records: 20_000_000 });

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.setParallelism(args.parallelism);
env.fromGenerator(bidAt, args.records)
  .map((b): AuctionPrice => ({ auction: b.auction, price: b.price }))
  .keyBy((r) => r.auction)
  .process(new GroupAggregate())
  .addSink(() => {});

const cpu = jobCpuMeter();
const result = await env.execute('bench flink-w3-groupby');
reportResult({ workload: 'flink-w3-groupby', parallelism: args.parallelism, records: args.records, netRuntimeMs: result.netRuntime, jobCpuMs: cpu() });
