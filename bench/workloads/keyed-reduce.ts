// Benchmark workload: a keyed rolling reduce over many keys (heap state, key groups), optionally
// with periodic exactly-once checkpoints; run.ts compares both for the checkpoint overhead.
//
//   node bench/workloads/keyed-reduce.ts --parallelism 2 --records 20e6 --keys 100000 [--checkpoint-interval 1000 --dir /tmp/x]
import { StreamExecutionEnvironment } from 'weir';
import { workloadArgs } from '../lib/workload-args.ts';
import { jobCpuMeter, removeScratchDir, reportResult, scratchDir } from '../lib/report.ts';
import { watchCheckpoints } from '../lib/checkpoint-watch.ts';

interface Count {
  readonly key: number;
  readonly count: number;
}

const args = workloadArgs({ parallelism: 1, records: 20_000_000, keys: 100_000, 'checkpoint-interval': 0 });
const keys = args.keys;
const checkpointing = args['checkpoint-interval'] > 0;
const dir = checkpointing ? scratchDir('keyed-reduce', args.dir) : undefined;

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.setParallelism(args.parallelism);
if (dir !== undefined) env.enableCheckpointing(args['checkpoint-interval'], 'EXACTLY_ONCE', dir);
env.fromGenerator<Count>((i) => ({ key: i % keys, count: 1 }), args.records)
  .keyBy((c) => c.key)
  .reduce((a, b) => ({ key: a.key, count: a.count + b.count }))
  .addSink(() => {});

const cpu = jobCpuMeter();
const client = await env.executeAsync('bench keyed-reduce');
const checkpoints = await watchCheckpoints(client);
const result = await client.result;
reportResult({
  workload: checkpointing ? 'keyed-reduce+checkpoints' : 'keyed-reduce',
  parallelism: args.parallelism,
  records: args.records,
  keys,
  netRuntimeMs: result.netRuntime, jobCpuMs: cpu(),
  checkpointIntervalMs: args['checkpoint-interval'],
  checkpoints: checkpoints.map((c) => ({ id: c.id, durationMs: c.durationMs, stateSize: c.stateSize })),
});
if (dir !== undefined) removeScratchDir(dir);
