// Benchmark workload mirroring the Flink SQL W0 passthrough (w0_passthrough.sql): every generated bid row goes to a discarding sink.
//
//   node bench/workloads/flink-w0-passthrough.ts --parallelism 1 --records 20e6
import { StreamExecutionEnvironment } from 'weir';
import { bidAt, type Bid } from '../lib/bid-generator.ts';
import { workloadArgs } from '../lib/workload-args.ts';
import { jobCpuMeter, reportResult } from '../lib/report.ts';

const args = workloadArgs({ parallelism: 1, records: 20_000_000 });

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.setParallelism(args.parallelism);
// `SELECT * FROM bid` into a blackhole table: source and sink, nothing between.
env.fromGenerator<Bid>(bidAt, args.records).addSink(() => {});

const cpu = jobCpuMeter();
const result = await env.execute('bench flink-w0-passthrough');
reportResult({ workload: 'flink-w0-passthrough', parallelism: args.parallelism, records: args.records, netRuntimeMs: result.netRuntime, jobCpuMs: cpu() });
