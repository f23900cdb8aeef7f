// Benchmark workload: fromSequence -> map -> filter -> discarding sink, all chained (no state, no exchange).
//
//   node bench/workloads/stateless-chain.ts --parallelism 1 --records 300e6
import { StreamExecutionEnvironment } from 'weir';
import { workloadArgs } from '../lib/workload-args.ts';
import { jobCpuMeter, reportResult } from '../lib/report.ts';

const args = workloadArgs({ parallelism: 1, records: 300_000_000 });

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.setParallelism(args.parallelism);
env.fromSequence(0, args.records - 1)
  .map((i) => i * 3)
  .filter((x) => (x & 1) === 0)
  .addSink(() => {});

const cpu = jobCpuMeter();
const result = await env.execute('bench stateless-chain');
reportResult({ workload: 'stateless-chain', parallelism: args.parallelism, records: args.records, netRuntimeMs: result.netRuntime, jobCpuMs: cpu() });
