// Benchmark workload: time to recover from a user-function failure, with ~10 MB of keyed state in the latest checkpoint.
//
//   node bench/workloads/recovery.ts --parallelism 1 --keys 100000 --value-bytes 90 [--dir /tmp/x]
//
// A keyed process function keeps a string per key. After the first checkpoint that completes once
// every key has state, one subtask throws, exactly once across attempts and threads (it creates a
// marker file exclusively and writes the time of the throw into it). The job restarts with
// fixed-delay 0 ms from that checkpoint; each subtask appends the time of its first record after the
// restore. Recovery time = first record after the restore - throw.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StreamExecutionEnvironment, valueState, type KeyedProcessFunction, type RuntimeContext, type ValueState } from 'weir';
import { workloadArgs } from '../lib/workload-args.ts';
import { jobCpuMeter, removeScratchDir, reportResult, scratchDir } from '../lib/report.ts';
import { watchCheckpoints } from '../lib/checkpoint-watch.ts';

const args = workloadArgs({ parallelism: 1, keys: 100_000, 'value-bytes': 90, records: 0, 'rows-per-second': 400_000, 'checkpoint-interval': 1000 });
const keys = args.keys;
// Enough records for the first checkpoint to complete well before the end of the input.
const records = args.records > 0 ? args.records : Math.max(keys * 4, args['rows-per-second'] * 4);
const dir = scratchDir('recovery', args.dir);
const checkpointsDir = join(dir, 'checkpoints');
const thrownFile = join(dir, 'thrown-at');
const restoredFile = join(dir, 'first-record-after-restore');

class PayloadPerKey implements KeyedProcessFunction<number, number, never> {
  payload!: ValueState<string>;
  attempt = 0;
  keysSeen = 0;
  /** Set when a checkpoint completes after this subtask has given every one of its keys state. */
  armed = false;
  fullAtCheckpoint = false;
  sawFirstRecord = false;

  open(ctx: RuntimeContext): void {
    // The same object serves every attempt at parallelism 1, so each attempt starts from scratch.
    this.payload = ctx.getState(valueState<string>('payload'));
    this.attempt = ctx.getAttemptNumber();
    this.keysSeen = 0;
    this.armed = false;
    this.fullAtCheckpoint = false;
    this.sawFirstRecord = false;
  }

  processElement(i: number): void {
    if (!this.sawFirstRecord) {
      this.sawFirstRecord = true;
      if (this.attempt > 0) appendFileSync(restoredFile, `${Date.now()}\n`);
    }
    if (this.armed && this.attempt === 0 && throwOnce()) throw new Error('bench: injected failure');
    const key = i % keys;
    if (this.payload.value() === undefined) {
      this.keysSeen++;
      this.payload.update(String(key).padEnd(args['value-bytes'], '#'));
    }
  }

  snapshotState(): void {
    // Each subtask gets about keys / parallelism keys; a little slack for the uneven hash split.
    this.fullAtCheckpoint = this.keysSeen >= (keys / args.parallelism) * 0.9;
  }

  notifyCheckpointComplete(): void {
    if (this.fullAtCheckpoint) this.armed = true;
  }
}

/** True for exactly one caller over all threads and attempts: the one that creates the marker. */
function throwOnce(): boolean {
  try {
    writeFileSync(thrownFile, String(Date.now()), { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.setParallelism(args.parallelism);
env.enableCheckpointing(args['checkpoint-interval'], 'EXACTLY_ONCE', checkpointsDir);
// A short checkpoint timeout turns a stuck checkpoint into a failed run instead of a 10-minute hang.
env.configure({ 'execution.checkpointing.timeout': 20_000, 'restart-strategy.type': 'fixed-delay', 'restart-strategy.fixed-delay.attempts': 1, 'restart-strategy.fixed-delay.delay': 0 });
env.fromSequence(0, records - 1, { rowsPerSecond: args['rows-per-second'] })
  .keyBy((i) => i % keys)
  .process(new PayloadPerKey())
  .uid('payload-per-key')
  .addSink(() => {});

const cpu = jobCpuMeter();
const client = await env.executeAsync('bench recovery');
const checkpoints = await watchCheckpoints(client);
const result = await client.result;
let thrownAt: number | undefined;
let restoredAt: number[] = [];
try {
  thrownAt = Number(readFileSync(thrownFile, 'utf8'));
  restoredAt = readFileSync(restoredFile, 'utf8').trim().split('\n').map(Number);
} catch {
  // No failure happened (input too short for a checkpoint): reported as a missing recovery time.
}
const first = restoredAt.length ? Math.min(...restoredAt) : undefined;
const last = restoredAt.length ? Math.max(...restoredAt) : undefined;
const restoredFrom = checkpoints.filter((c) => thrownAt !== undefined && c.triggeredAt + c.durationMs <= thrownAt).at(-1);
reportResult({
  workload: 'recovery',
  parallelism: args.parallelism,
  records,
  keys,
  netRuntimeMs: result.netRuntime, jobCpuMs: cpu(),
  restarts: result.restarts,
  recoveryMs: thrownAt !== undefined && first !== undefined ? first - thrownAt : null,
  recoveryAllSubtasksMs: thrownAt !== undefined && last !== undefined ? last - thrownAt : null,
  restoredStateSize: restoredFrom?.stateSize ?? null,
  checkpoints: checkpoints.map((c) => ({ id: c.id, durationMs: c.durationMs, stateSize: c.stateSize })),
});
removeScratchDir(dir);
