// Benchmark workload mirroring the Flink SQL W4 tumble (w4_tumble.sql): 10 s event-time windows, COUNT(*) and MAX(price) per auction.
//
//   node bench/workloads/flink-w4-tumble.ts --parallelism 1 --records 20e6
//
// Flink's plan: source with watermarks (dateTime - 4 s) -> Calc(auction, price, dateTime) -> hash
// exchange on auction -> window aggregate -> sink of (window_start, window_end, auction, num, max_price).
import { StreamExecutionEnvironment, TumblingEventTimeWindows, WatermarkStrategy, type AggregateFunction, type ProcessWindowFunction, type TimeWindow } from 'weir';
import { bidAt, type Bid } from '../lib/bid-generator.ts';
import { workloadArgs } from '../lib/workload-args.ts';
import { jobCpuMeter, reportResult } from '../lib/report.ts';

interface AuctionPrice {
  readonly auction: number;
  readonly price: number;
}

interface Accumulator {
  num: number;
  maxPrice: number;
}

interface WindowRow {
  readonly window_start: number;
  readonly window_end: number;
  readonly auction: number;
  readonly num: number;
  readonly max_price: number;
}

const countAndMax: AggregateFunction<AuctionPrice, Accumulator, Accumulator> = {
  createAccumulator: () => ({ num: 0, maxPrice: Number.NEGATIVE_INFINITY }),
  add: (row, acc) => ({ num: acc.num + 1, maxPrice: row.price > acc.maxPrice ? row.price : acc.maxPrice }),
  getResult: (acc) => acc,
  merge: (a, b) => ({ num: a.num + b.num, maxPrice: Math.max(a.maxPrice, b.maxPrice) }),
};

const toRow: ProcessWindowFunction<Accumulator, WindowRow, number, TimeWindow> = {
  process(auction, ctx, results, out) {
    for (const r of results) out.collect({ window_start: ctx.window.start, window_end: ctx.window.end, auction, num: r.num, max_price: r.maxPrice });
  },
};

const args = workloadArgs({ parallelism: 1, records: 20_000_000 });

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.setParallelism(args.parallelism);
const watermarks = WatermarkStrategy.forBoundedOutOfOrderness<Bid>(4000).withTimestampAssigner((b) => b.dateTime);
env.fromGenerator(bidAt, args.records, { watermarks })
  .map((b): AuctionPrice => ({ auction: b.auction, price: b.price }))
  .keyBy((r) => r.auction)
  .window(TumblingEventTimeWindows.of(10_000))
  .aggregate(countAndMax, toRow)
  .addSink(() => {});

const cpu = jobCpuMeter();
const result = await env.execute('bench flink-w4-tumble');
reportResult({ workload: 'flink-w4-tumble', parallelism: args.parallelism, records: args.records, netRuntimeMs: result.netRuntime, jobCpuMs: cpu() });
