// The benchmark driver (`npm run bench`): runs each workload module in a child process at each parallelism, several times, and reports medians against the targets.
//
//   npm run bench                                   all workloads, parallelism 1 and 2, 3 runs each
//   npm run bench -- --only keyed-reduce --parallelism 1
//   npm run bench -- --only flink-w0,flink-w3 --runs 1 --scale 0.2
//   npm run bench -- --list
//
// Options: --only NAME[,NAME], --parallelism 1,2, --runs 3, --scale 1 (multiplies record counts),
// --timeout 180 (s per run), --idle-wait 30 (s to wait before each run for other processes to leave
// the CPUs idle; 0 = don't wait). The same settings can come from the environment: WEIR_BENCH_ONLY,
// WEIR_BENCH_PARALLELISM, WEIR_BENCH_RUNS, WEIR_BENCH_SCALE, WEIR_BENCH_IDLE_WAIT. Progress goes to
// stderr; stdout gets one JSON line per measurement as it completes, then a Markdown table of all.
// Besides records/s, each measurement has records per CPU-second of the job's process, and how many
// cores other processes used meanwhile: on a shared machine the first figure drops, the second less.
//
// Each workload is its own module because at parallelism > 1 the engine's worker threads re-import
// the module that called execute() to rebuild the job; a module prints its RESULT line from the
// main thread only. Throughput is records / JobExecutionResult.netRuntime (deployment of the worker
// threads included, process start-up not).
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { busyCores, runChild, type ChildOutcome } from './lib/child-run.ts';
import { bytes, mean, median, seconds, si } from './lib/stats.ts';

/** One line of the report: a workload at one parallelism, over all its runs. */
interface Measurement {
  readonly workload: string;
  readonly parallelism: number;
  readonly records: number;
  /** Median of the runs' JobExecutionResult.netRuntime. */
  readonly jobMs: number | undefined;
  /** Median of the runs' records per second. */
  readonly recordsPerSecond: number | undefined;
  readonly runsRecordsPerSecond: readonly number[];
  /** Median of records per CPU-second of the job's process (all threads): less disturbed by other load. */
  readonly recordsPerCpuSecond: number | undefined;
  /** Mean number of cores other processes kept busy during the runs. */
  readonly otherCores: number | undefined;
  readonly failures: readonly string[];
  readonly notes: string;
  readonly target?: string;
  met?: boolean;
  readonly [extra: string]: unknown;
}

interface Settings {
  readonly runs: number;
  readonly scale: number;
  readonly timeoutMs: number;
  /** How long to wait, before each run, for other processes to leave the CPUs idle. */
  readonly idleWaitMs: number;
}

/** Other processes may use this many cores before a run starts anyway once idleWaitMs has passed. */
const IDLE_CORES = 0.3;

interface Workload {
  readonly name: string;
  readonly description: string;
  measure(parallelism: number, s: Settings): Promise<Measurement>;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const scaled = (records: number, s: Settings) => Math.max(1000, Math.round(records * s.scale));

let progressStep = 0;
let progressTotal = 0;
function progress(text: string): void {
  process.stderr.write(`[${String(progressStep).padStart(2)}/${progressTotal}] ${text}\n`);
}

/** Runs a module `runs` times, printing progress; returns the outcomes. */
async function repeat(label: string, module: string, args: string[], s: Settings): Promise<ChildOutcome[]> {
  const outcomes: ChildOutcome[] = [];
  for (let run = 1; run <= s.runs; run++) {
    await waitForIdle(s.idleWaitMs);
    const o = await runChild(module, args, s.timeoutMs);
    outcomes.push(o);
    const r = o.result;
    const figure = !r ? `FAILED ${o.error}`
      : typeof r.recoveryMs === 'number' ? `recovery ${r.recoveryMs} ms (job ${seconds(r.netRuntimeMs)} s)`
      : `${si(r.recordsPerSecond)} rec/s, ${si(perCpuSecond(r))} rec/CPU-s (job ${seconds(r.netRuntimeMs)} s)`;
    progress(`${label} run ${run}/${s.runs}: ${figure}; other processes ${o.otherCores?.toFixed(2) ?? '-'} cores`);
  }
  return outcomes;
}

function perCpuSecond(r: { records: number; jobCpuMs?: number }): number | undefined {
  return r.jobCpuMs ? (r.records / r.jobCpuMs) * 1000 : undefined;
}

/** Waits until other processes leave the CPUs (nearly) idle, at most `maxMs`; the machine may be shared. */
async function waitForIdle(maxMs: number): Promise<void> {
  const until = performance.now() + maxMs;
  let busy = await busyCores(500);
  if (busy < IDLE_CORES || maxMs <= 0) return;
  process.stderr.write(`      waiting for other processes to go idle (${busy.toFixed(2)} cores busy)`);
  while (busy >= IDLE_CORES && performance.now() < until) busy = await busyCores(1000);
  process.stderr.write(busy < IDLE_CORES ? ': idle\n' : `: still ${busy.toFixed(2)} cores busy, running anyway\n`);
}

function summarize(workload: string, parallelism: number, records: number, outcomes: readonly ChildOutcome[], notes = '', target?: string): Measurement {
  const ok = outcomes.flatMap((o) => (o.result ? [o.result] : []));
  return {
    workload, parallelism, records,
    jobMs: median(ok.map((r) => r.netRuntimeMs)),
    recordsPerSecond: median(ok.map((r) => r.recordsPerSecond)),
    runsRecordsPerSecond: ok.map((r) => r.recordsPerSecond),
    recordsPerCpuSecond: median(ok.flatMap((r) => perCpuSecond(r) ?? [])),
    otherCores: mean(outcomes.flatMap((o) => o.otherCores ?? [])),
    failures: outcomes.flatMap((o) => (o.error ? [o.error] : [])),
    notes, target,
  };
}

/** A workload whose figure is its throughput. */
function throughput(name: string, description: string, file: string, records: number, extraArgs: string[] = [], targetAtP1?: number): Workload {
  return {
    name, description,
    async measure(p, s) {
      const n = scaled(records, s);
      const outcomes = await repeat(`${name} p=${p}`, here(file), ['--parallelism', String(p), '--records', String(n), ...extraArgs], s);
      const m = summarize(name, p, n, outcomes, '', p === 1 && targetAtP1 ? `>= ${si(targetAtP1, 0)}/s` : undefined);
      if (p === 1 && targetAtP1 && m.recordsPerSecond !== undefined) m.met = m.recordsPerSecond >= targetAtP1;
      return m;
    },
  };
}

interface CheckpointStat { readonly id: number; readonly durationMs: number; readonly stateSize: number }

const checkpointOverhead: Workload = {
  name: 'checkpoint-overhead',
  description: 'keyed-reduce with 1M keys, exactly-once checkpoints every 1 s vs none: throughput ratio, checkpoint duration and size',
  async measure(p, s) {
    const n = scaled(6_000_000, s);
    const module = here('./workloads/keyed-reduce.ts');
    const base = ['--parallelism', String(p), '--records', String(n), '--keys', '1000000'];
    const without: ChildOutcome[] = [];
    const withCk: ChildOutcome[] = [];
    // Interleaved, so that drift of the machine affects both sides alike.
    for (let run = 1; run <= s.runs; run++) {
      without.push(...await repeat(`checkpoint-overhead p=${p} without checkpoints`, module, base, { ...s, runs: 1 }));
      withCk.push(...await repeat(`checkpoint-overhead p=${p} checkpoints every 1 s`, module, [...base, '--checkpoint-interval', '1000'], { ...s, runs: 1 }));
    }
    const a = summarize('keyed-reduce (1M keys)', p, n, without);
    const b = summarize('checkpoint-overhead', p, n, withCk);
    const ratio = a.recordsPerSecond && b.recordsPerSecond ? b.recordsPerSecond / a.recordsPerSecond : undefined;
    const cpuRatio = a.recordsPerCpuSecond && b.recordsPerCpuSecond ? b.recordsPerCpuSecond / a.recordsPerCpuSecond : undefined;
    const cks = withCk.flatMap((o) => (o.result?.checkpoints as CheckpointStat[] | undefined) ?? []);
    const durations = cks.map((c) => c.durationMs);
    const stateSize = median(cks.map((c) => c.stateSize));
    const perRun = cks.length / Math.max(1, withCk.filter((o) => o.result).length);
    const notes = `${ratio === undefined ? '-' : (ratio * 100).toFixed(0) + '%'} of ${si(a.recordsPerSecond)}/s without checkpoints ` +
      `(per CPU-second: ${cpuRatio === undefined ? '-' : (cpuRatio * 100).toFixed(0) + '%'} of ${si(a.recordsPerCpuSecond)}); ` +
      `${perRun.toFixed(1)} checkpoints/run, duration median ${durations.length ? median(durations)!.toFixed(0) : '-'} ms, max ${durations.length ? Math.max(...durations) : '-'} ms, size ${bytes(stateSize)}`;
    return {
      ...b, notes, target: '>= 90% of no-checkpoint throughput', met: ratio === undefined ? undefined : ratio >= 0.9,
      failures: [...a.failures, ...b.failures],
      baselineRecordsPerSecond: a.recordsPerSecond, baselineRunsRecordsPerSecond: a.runsRecordsPerSecond, ratio,
      baselineRecordsPerCpuSecond: a.recordsPerCpuSecond, cpuRatio,
      otherCores: mean([...without, ...withCk].flatMap((o) => o.otherCores ?? [])),
      checkpointCount: cks.length, checkpointDurationMedianMs: median(durations), checkpointDurationMaxMs: durations.length ? Math.max(...durations) : undefined,
      checkpointStateSize: stateSize,
    };
  },
};

const recovery: Workload = {
  name: 'recovery',
  description: '~10 MB of keyed state, checkpoints every 1 s, one injected failure, fixed-delay 0 ms: time from the throw to the first record after the restore',
  async measure(p, s) {
    const outcomes = await repeat(`recovery p=${p}`, here('./workloads/recovery.ts'), ['--parallelism', String(p)], s);
    const ok = outcomes.flatMap((o) => (o.result && typeof o.result.recoveryMs === 'number' ? [o.result] : []));
    const failures = outcomes.flatMap((o) => (o.error ? [o.error] : o.result && typeof o.result.recoveryMs !== 'number' ? ['no failure was injected (no checkpoint completed in time)'] : []));
    const rec = median(ok.map((r) => r.recoveryMs as number));
    const all = median(ok.map((r) => r.recoveryAllSubtasksMs as number));
    const size = median(ok.map((r) => r.restoredStateSize as number));
    return {
      ...summarize('recovery', p, ok[0]?.records ?? 0, outcomes),
      recordsPerSecond: undefined, runsRecordsPerSecond: [], recordsPerCpuSecond: undefined, failures,
      notes: `recovery median ${rec === undefined ? '-' : rec.toFixed(0)} ms (runs: ${ok.map((r) => r.recoveryMs).join(', ') || '-'} ms; all subtasks ${all === undefined ? '-' : all.toFixed(0)} ms), restored state ${bytes(size)}`,
      target: '< 1000 ms', met: rec === undefined ? undefined : rec < 1000,
      recoveryMs: rec, recoveryRunsMs: ok.map((r) => r.recoveryMs), recoveryAllSubtasksMs: all, restoredStateSize: size,
    };
  },
};

const WORKLOADS: readonly Workload[] = [
  throughput('stateless-chain', 'fromSequence -> map -> filter -> discarding sink', './workloads/stateless-chain.ts', 1_000_000_000, [], 20e6),
  throughput('keyed-reduce', 'keyBy + rolling reduce over 100k keys (heap state)', './workloads/keyed-reduce.ts', 8_000_000, ['--keys', '100000'], 4e6),
  throughput('window-count', 'event-time tumbling 10 s windows, count per key, 1000 keys, monotonous timestamps from the index', './workloads/tumbling-window-count.ts', 6_000_000, ['--keys', '1000', '--window-ms', '10000'], 3e6),
  checkpointOverhead,
  recovery,
  throughput('flink-w0', 'Flink W0 passthrough: generated bid rows -> discarding sink', './workloads/flink-w0-passthrough.ts', 12_000_000),
  throughput('flink-w3', 'Flink W3 group-by: COUNT(*), MAX(price) per auction, retract stream', './workloads/flink-w3-groupby.ts', 4_000_000),
  throughput('flink-w4', 'Flink W4 tumble: 10 s windows, COUNT(*), MAX(price) per auction', './workloads/flink-w4-tumble.ts', 1_500_000),
  // The shared Flink SQL workloads run unchanged through Weir SQL (compare with ../shared/bench/flink/run.sh).
  ...(['w0_passthrough', 'w1_projection', 'w2_filter', 'w3_groupby', 'w3_groupby_minibatch', 'w4_tumble', 'w5_join'] as const).map((w) =>
    throughput(`sql-${w}`, `Flink SQL workload ${w}.sql run by Weir SQL (datagen -> blackhole)`, './workloads/sql-workload.ts', w.startsWith('w0') || w.startsWith('w1') || w.startsWith('w2') ? 10_000_000 : 4_000_000, ['--workload', w])),
];

function settingsFromArgs() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      only: { type: 'string', multiple: true },
      parallelism: { type: 'string', short: 'p' },
      runs: { type: 'string' },
      scale: { type: 'string' },
      timeout: { type: 'string' },
      'idle-wait': { type: 'string' },
      list: { type: 'boolean' },
    },
  });
  const env = process.env;
  const only = (values.only?.join(',') ?? env.WEIR_BENCH_ONLY ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  for (const name of only) {
    if (!WORKLOADS.some((w) => w.name === name)) throw new Error(`unknown workload '${name}'; known: ${WORKLOADS.map((w) => w.name).join(', ')}`);
  }
  const parallelisms = (values.parallelism ?? env.WEIR_BENCH_PARALLELISM ?? '1,2').split(',').map(Number);
  if (parallelisms.some((p) => !Number.isInteger(p) || p < 1)) throw new Error(`--parallelism takes positive integers like 1,2`);
  const settings: Settings = {
    runs: Number(values.runs ?? env.WEIR_BENCH_RUNS ?? 3),
    scale: Number(values.scale ?? env.WEIR_BENCH_SCALE ?? 1),
    timeoutMs: Number(values.timeout ?? 180) * 1000,
    idleWaitMs: Number(values['idle-wait'] ?? env.WEIR_BENCH_IDLE_WAIT ?? 30) * 1000,
  };
  if (!(settings.runs >= 1) || !(settings.scale > 0) || !(settings.timeoutMs > 0) || !(settings.idleWaitMs >= 0)) throw new Error('--runs, --scale, --timeout and --idle-wait must be positive');
  return { workloads: only.length ? WORKLOADS.filter((w) => only.includes(w.name)) : WORKLOADS, parallelisms, settings, list: values.list === true };
}

function machine(): string {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim();
    if (dirty) commit += ' + uncommitted changes in src/';
  } catch {
    // not a git checkout
  }
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus()[0]?.model ?? 'unknown CPU'} x ${availableParallelism()}, ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, weir ${commit}`;
}

function table(ms: readonly Measurement[]): string {
  const head = ['workload', 'p', 'records', 'job s (median)', 'records/s (median)', 'runs (records/s)', 'records/CPU-s', 'other load (cores)', 'target', 'met', 'notes'];
  const rows = ms.map((m) => [
    m.workload, String(m.parallelism), si(m.records, 1), seconds(m.jobMs), si(m.recordsPerSecond),
    m.runsRecordsPerSecond.map((r) => si(r)).join(', ') || '-',
    si(m.recordsPerCpuSecond), m.otherCores === undefined ? '-' : m.otherCores.toFixed(2),
    m.target ?? '-', m.met === undefined ? '-' : m.met ? 'yes' : '**no**',
    [m.notes, m.failures.length ? `${m.failures.length} failed run(s): ${m.failures.join('; ')}` : ''].filter(Boolean).join('; '),
  ]);
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

const { workloads, parallelisms, settings, list } = settingsFromArgs();
if (list) {
  for (const w of WORKLOADS) console.log(`${w.name.padEnd(20)} ${w.description}`);
  process.exit(0);
}
const header = machine();
process.stderr.write(`weir bench: ${header}\n${workloads.length} workload(s) x parallelism ${parallelisms.join(',')} x ${settings.runs} run(s), scale ${settings.scale}\n`);
progressTotal = workloads.length * parallelisms.length;
const results: Measurement[] = [];
const started = performance.now();
for (const w of workloads) {
  for (const p of parallelisms) {
    progressStep++;
    progress(`${w.name} p=${p}: ${w.description}`);
    const m = await w.measure(p, settings);
    // Scaling target of the keyed job: p=2 at least 1.4x p=1 (when both were measured).
    if (w.name === 'keyed-reduce' && p === 2) {
      const p1 = results.find((r) => r.workload === 'keyed-reduce' && r.parallelism === 1)?.recordsPerSecond;
      const target = { ...m, target: '>= 1.4x p=1', met: p1 && m.recordsPerSecond ? m.recordsPerSecond >= 1.4 * p1 : undefined, notes: p1 && m.recordsPerSecond ? `${(m.recordsPerSecond / p1).toFixed(2)}x p=1` : '' };
      results.push(target);
    } else {
      results.push(m);
    }
    process.stdout.write(JSON.stringify(results.at(-1)) + '\n');
  }
}
process.stdout.write(`\n${header}; ${settings.runs} run(s) per configuration, median; total ${((performance.now() - started) / 1000).toFixed(0)} s\n\n${table(results)}\n`);
if (results.some((r) => r.failures.length > 0)) process.exitCode = 1;
