// Benchmark workload: event-time tumbling windows counting records per key, timestamps from the sequence index.
//
//   node bench/workloads/tumbling-window-count.ts --parallelism 1 --records 20e6 --keys 1000 --window-ms 10000
import { StreamExecutionEnvironment, TumblingEventTimeWindows, WatermarkStrategy, type AggregateFunction } from 'weir';
import { workloadArgs } from '../lib/workload-args.ts';
import { jobCpuMeter, reportResult } from '../lib/report.ts';

const args = workloadArgs({ parallelism: 1, records: 20_000_000, keys: 1000, 'window-ms': 10_000 });
const keys = args.keys;

const count: AggregateFunction<number, number, number> = {
  createAccumulator: () => 0,
  add: (_value, acc) => acc + 1,
  getResult: (acc) => acc,
  merge: (a, b) => a + b,
};

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.setParallelism(args.parallelism);
// Index i has timestamp i (1 ms per record), so a window of W ms holds W records, W / keys per key.
env.fromSequence(0, args.records - 1)
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((i) => i))
  .keyBy((i) => i % keys)
  .window(TumblingEventTimeWindows.of(args['window-ms']))
  .aggregate(count)
  .addSink(() => {});

const cpu = jobCpuMeter();
const result = await env.execute('bench tumbling-window-count');
reportResult({ workload: 'tumbling-window-count', parallelism: args.parallelism, records: args.records, keys, windowMs: args['window-ms'], netRuntimeMs: result.netRuntime, jobCpuMs: cpu() });
