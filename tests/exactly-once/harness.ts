// A harness for exactly-once tests: runs job modules through `weir run`, with and without injected failures or SIGKILLs, and compares committed file-sink output with a failure-free reference.
import { spawn, type ChildProcess } from 'node:child_process';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FailureKind } from '../jobs/failure-injection.ts';

export type { FailureKind };

/** The repository root: `weir run` is started there, and job module paths are relative to it. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(REPO_ROOT, 'src', 'cli', 'main.ts');

export type CheckpointingMode = 'EXACTLY_ONCE' | 'AT_LEAST_ONCE';

/** A job module and how to run it; `args` gets the output directory of the run. */
export interface JobSpec {
  /** Path of the job module, relative to the repository root. */
  readonly module: string;
  readonly args: (outputDir: string) => readonly string[];
  readonly parallelism: number;
  /** Extra `-D` settings; the harness adds checkpointing, restart strategy and retention. */
  readonly config?: Readonly<Record<string, string | number>>;
  readonly mode?: CheckpointingMode;
}

export interface RunOptions {
  readonly module: string;
  readonly args: readonly string[];
  readonly parallelism: number;
  readonly config: Readonly<Record<string, string | number>>;
  /** `-s`: a savepoint or retained checkpoint to start from. */
  readonly savepoint?: string;
  /** The run is killed (and reported with its signal) after this long. */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Restarts reported by `weir run` when the job finished; undefined when it did not finish. */
  readonly restarts: number | undefined;
  /** Wall-clock milliseconds from spawn to exit. */
  readonly ms: number;
}

export interface StartedRun {
  readonly child: ChildProcess;
  readonly done: Promise<RunResult>;
}

/** Starts `weir run` as a child process of the test. */
export function startRun(o: RunOptions): StartedRun {
  const argv = [CLI, 'run', '-p', String(o.parallelism)];
  for (const [k, v] of Object.entries(o.config)) argv.push('-D', `${k}=${v}`);
  if (o.savepoint !== undefined) argv.push('-s', o.savepoint);
  argv.push('--verbose', o.module, ...o.args);
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, argv, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 30_000);
  const done = new Promise<RunResult>((resolveRun, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const finished = /Job \w+ finished after [\d.]+ s(?: and (\d+) restart\(s\))?\./.exec(stderr);
      resolveRun({ code, signal, stdout, stderr, restarts: finished ? Number(finished[1] ?? 0) : undefined, ms: Math.round(performance.now() - spawnedAt) });
    });
  });
  return { child, done };
}

export function runJob(o: RunOptions): Promise<RunResult> {
  return startRun(o).done;
}

/** The last lines of a run's output, for assertion messages. */
export function tail(r: RunResult, lines = 15): string {
  return `exit code ${r.code}, signal ${r.signal}\n--- stderr (tail) ---\n${r.stderr.split('\n').slice(-lines).join('\n')}`;
}

/** Lines of the finished part files under `dir` (names not starting with '.' or '_', any depth), sorted. */
export function committedLines(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const lines: string[] = [];
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || e.name.startsWith('.') || e.name.startsWith('_')) continue;
    const rel = join(e.parentPath, e.name).slice(dir.length + 1);
    if (rel.split('/').some((part) => part.startsWith('.') || part.startsWith('_'))) continue;
    for (const line of readFileSync(join(e.parentPath, e.name), 'utf8').split('\n')) if (line !== '') lines.push(line);
  }
  return lines.sort();
}

/** What `got` lacks of `expected` and has beyond it, counting repeats (both sorted). */
export function multisetDiff(expected: readonly string[], got: readonly string[]): { missing: string[]; extra: string[] } {
  const missing: string[] = [];
  const extra: string[] = [];
  let i = 0;
  let j = 0;
  while (i < expected.length || j < got.length) {
    if (j >= got.length || (i < expected.length && expected[i]! < got[j]!)) missing.push(expected[i++]!);
    else if (i >= expected.length || got[j]! < expected[i]!) extra.push(got[j++]!);
    else { i++; j++; }
  }
  return { missing, extra };
}

function describeDiff(d: { missing: string[]; extra: string[] }): string {
  const show = (xs: string[]) => xs.slice(0, 8).map((x) => `    ${x}`).join('\n') + (xs.length > 8 ? `\n    ... ${xs.length - 8} more` : '');
  return `${d.missing.length} line(s) missing${d.missing.length ? `:\n${show(d.missing)}` : ''}\n${d.extra.length} extra line(s)${d.extra.length ? `:\n${show(d.extra)}` : ''}`;
}

/** Exactly once: the committed lines equal the expected multiset. */
export function assertSameLines(expected: readonly string[], got: readonly string[], context: string): void {
  const d = multisetDiff(expected, got);
  assert.ok(d.missing.length === 0 && d.extra.length === 0, `${context}: committed output differs from the reference (${expected.length} lines, got ${got.length}):\n${describeDiff(d)}`);
}

/** At least once: every expected line is there, as often as expected; extra lines are allowed. */
export function assertNoLoss(expected: readonly string[], got: readonly string[], context: string): void {
  const d = multisetDiff(expected, got);
  assert.ok(d.missing.length === 0, `${context}: committed output lost lines of the reference (${expected.length} lines, got ${got.length}):\n${describeDiff({ missing: d.missing, extra: [] })}`);
}

/** A small seeded PRNG (mulberry32): the same seed gives the same failure points. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The base seed of a test file: WEIR_EO_SEED if set (to replay a failure), else a fresh one. */
export function baseSeed(): number {
  const fromEnv = process.env['WEIR_EO_SEED'];
  return fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
}

/** A seed per test case derived from the base seed and the case name, so cases do not share failure points. */
export function caseSeed(base: number, name: string): number {
  let h = base ^ 0x9e3779b9;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** The newest `_metadata` under a checkpoints directory (any job id), by the time its checkpoint completed. */
export function latestCheckpoint(checkpointsDir: string): { path: string; id: number } | undefined {
  if (!existsSync(checkpointsDir)) return undefined;
  let best: { path: string; id: number; mtime: number } | undefined;
  for (const job of readdirSync(checkpointsDir)) {
    const jobDir = join(checkpointsDir, job);
    let entries: string[];
    try {
      entries = readdirSync(jobDir);
    } catch {
      continue;
    }
    for (const chk of entries) {
      const m = /^chk-(\d+)$/.exec(chk);
      if (!m) continue;
      const path = join(jobDir, chk, '_metadata');
      let mtime: number;
      try {
        mtime = statSync(path).mtimeMs;
      } catch {
        continue; // not complete, or discarded meanwhile
      }
      if (!best || mtime > best.mtime || (mtime === best.mtime && Number(m[1]) > best.id)) best = { path, id: Number(m[1]), mtime };
    }
  }
  return best && { path: best.path, id: best.id };
}

/** Settings of every harness run: checkpoints every `intervalMs` into `dir`, restarts without delay, retained checkpoints. */
export function checkpointConfig(dir: string, opts: { intervalMs?: number; mode?: CheckpointingMode; attempts?: number } = {}): Record<string, string | number> {
  return {
    'execution.checkpointing.interval': `${opts.intervalMs ?? 200}ms`,
    'execution.checkpointing.mode': opts.mode ?? 'EXACTLY_ONCE',
    'state.checkpoints.dir': dir,
    'execution.checkpointing.externalized-checkpoint-retention': 'RETAIN_ON_CANCELLATION',
    'restart-strategy.type': 'fixed-delay',
    'restart-strategy.fixed-delay.attempts': opts.attempts ?? 5,
    'restart-strategy.fixed-delay.delay': 0,
  };
}

/** 'an exception failure', 'a commit failure': for test names. */
export function failureName(kind: FailureKind): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} failure`;
}

export interface FailureCase {
  readonly job: JobSpec;
  readonly kind: FailureKind;
  /** The failure fires after 1..maxFailAfter records of a subtask (uniform, from the case's seed). */
  readonly maxFailAfter: number;
}

/** Runs jobs in a private temporary directory; references are computed once per job spec. */
export class ExactlyOnceHarness {
  readonly root: string;
  /** The base seed of the test file; every case derives its own from it and its name. */
  readonly seed = baseSeed();
  readonly #references = new Map<string, Promise<string[]>>();
  #runs = 0;

  constructor(prefix = 'weir-exactly-once-') {
    this.root = mkdtempSync(join(tmpdir(), prefix));
  }

  /** A fresh directory under the harness root. */
  dir(name: string): string {
    return join(this.root, `${String(++this.#runs).padStart(3, '0')}-${name}`);
  }

  /** A seed for one case, from the base seed and the case's name. */
  caseSeed(name: string): number {
    return caseSeed(this.seed, name);
  }

  /** How a case's seed is shown in assertion messages: with the base seed that replays it. */
  describeSeed(seed: number): string {
    return `seed ${seed}; replay with WEIR_EO_SEED=${this.seed}`;
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /**
   * The committed output of a failure-free run of the job in EXACTLY_ONCE mode (cached per spec). An
   * AT_LEAST_ONCE job gets the same reference: its own run could restart and duplicate lines.
   */
  reference(spec: JobSpec): Promise<string[]> {
    const job: JobSpec = { ...spec, mode: 'EXACTLY_ONCE' };
    const key = JSON.stringify({ m: job.module, a: job.args('<out>'), p: job.parallelism, c: job.config ?? {} });
    let ref = this.#references.get(key);
    if (!ref) {
      ref = (async () => {
        const work = this.dir('reference');
        const out = join(work, 'out');
        const r = await runJob({ module: job.module, args: job.args(out), parallelism: job.parallelism, config: { ...checkpointConfig(join(work, 'ckp')), ...job.config } });
        assert.equal(r.code, 0, `the failure-free reference run of ${job.module} failed: ${tail(r)}`);
        // Restarts are not asserted: a periodic checkpoint racing the final one can make a failure-free
        // run restart (an engine bug at the time of writing), and the output must be right regardless.
        assert.notEqual(r.restarts, undefined, `the reference run of ${job.module} did not report its end: ${tail(r)}`);
        return committedLines(out);
      })();
      this.#references.set(key, ref);
    }
    return ref;
  }

  /**
   * Runs the job with one injected failure at a seeded random point, lets it restart, and checks the
   * committed output against the reference: equal in EXACTLY_ONCE mode, a superset in AT_LEAST_ONCE.
   * Returns the failure point, for the test's own diagnostics.
   */
  async checkFailure(c: FailureCase): Promise<{ seed: number; failAfter: number; lines: number }> {
    const reference = await this.reference(c.job);
    const seed = this.caseSeed(`${c.kind} ${c.job.module} ${c.job.args('<out>').join(' ')} p=${c.job.parallelism} ${c.job.mode ?? ''}`);
    const failAfter = 1 + Math.floor(seededRandom(seed)() * c.maxFailAfter);
    const work = this.dir(c.kind);
    const out = join(work, 'out');
    const marker = join(work, 'marker');
    const what = `${c.kind} failure after ${failAfter} records, p=${c.job.parallelism}, ${c.job.mode ?? 'EXACTLY_ONCE'}, ${c.job.module} (${this.describeSeed(seed)})`;
    const r = await runJob({
      module: c.job.module,
      args: [...c.job.args(out), '--fail-kind', c.kind, '--fail-after', String(failAfter), '--marker', marker],
      parallelism: c.job.parallelism,
      config: { ...checkpointConfig(join(work, 'ckp'), { mode: c.job.mode }), ...c.job.config },
    });
    assert.equal(r.code, 0, `${what}: the job did not finish after its restart: ${tail(r)}`);
    assert.ok(existsSync(join(marker, 'fired')), `${what}: the failure was never injected (the job ended before the failure point)`);
    // At least one: the injected failure; a spurious one is tolerated here, as in reference runs.
    assert.ok((r.restarts ?? 0) >= 1, `${what}: the job did not restart after the failure: ${tail(r)}`);
    const got = committedLines(out);
    if ((c.job.mode ?? 'EXACTLY_ONCE') === 'EXACTLY_ONCE') assertSameLines(reference, got, what);
    else assertNoLoss(reference, got, what);
    return { seed, failAfter, lines: got.length };
  }
}

/** How a kill-and-resume loop went. */
export interface KillLoopResult {
  readonly kills: number;
  /** The checkpoint ids each resumed run started from (undefined: started fresh). */
  readonly resumedFrom: ReadonlyArray<number | undefined>;
  readonly final: RunResult;
  /** The last run was killed only after its job had finished (its checkpoints were already discarded). */
  readonly finishedBeforeKill: boolean;
}

/**
 * Watches a run's job checkpoint directory while it runs. A FINISHED job discards its directory
 * (as Flink discards a finished job's checkpoints); SIGKILL leaves it. So a directory that existed
 * during the run and is gone after a kill means the kill landed after the job had finished and
 * committed everything — resuming from an older retained checkpoint would then commit it twice.
 */
function watchJobDirectory(run: StartedRun, checkpointsDir: string): () => boolean {
  let jobId: string | undefined;
  let seen = false;
  run.child.stderr!.on('data', (d: string) => {
    jobId ??= /submitted with JobID (\w+)/.exec(d)?.[1];
  });
  const poll = setInterval(() => {
    if (jobId !== undefined && !seen) seen = existsSync(join(checkpointsDir, jobId));
  }, 5);
  return () => {
    clearInterval(poll);
    return seen && jobId !== undefined && !existsSync(join(checkpointsDir, jobId));
  };
}

/**
 * Runs the job, SIGKILLs the whole `weir run` process after a seeded random delay, and resumes it
 * with `-s <newest retained checkpoint>`; repeats until the job finishes on its own. After
 * `maxKills` kills (or `killBudgetMs`), the run is left to finish.
 */
export async function runWithKills(o: {
  readonly job: Omit<RunOptions, 'savepoint'>;
  readonly checkpointsDir: string;
  readonly seed: number;
  readonly maxKills: number;
  readonly killDelayMs: readonly [number, number];
  /** An upper bound for the first kill's delay. */
  readonly firstKillBeforeMs?: number;
  readonly killBudgetMs: number;
}): Promise<KillLoopResult> {
  const random = seededRandom(o.seed);
  const started = Date.now();
  const resumedFrom: Array<number | undefined> = [];
  let kills = 0;
  for (;;) {
    const latest = latestCheckpoint(o.checkpointsDir);
    resumedFrom.push(latest?.id);
    const run = startRun({ ...o.job, savepoint: latest?.path });
    const mayKill = kills < o.maxKills && Date.now() - started < o.killBudgetMs;
    let delay = o.killDelayMs[0] + random() * (o.killDelayMs[1] - o.killDelayMs[0]);
    // The first run has all the work ahead of it: kill it early enough that it is surely still running.
    if (resumedFrom.length === 1) delay = Math.min(delay, o.firstKillBeforeMs ?? delay);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let killed = false;
    if (mayKill) timer = setTimeout(() => { killed = run.child.kill('SIGKILL'); }, delay);
    const finishedBefore = watchJobDirectory(run, o.checkpointsDir);
    const r = await run.done;
    clearTimeout(timer);
    if (killed && r.signal === 'SIGKILL' && finishedBefore()) return { kills, resumedFrom, final: r, finishedBeforeKill: true };
    if (killed && r.signal === 'SIGKILL') {
      kills++;
      continue;
    }
    finishedBefore();
    return { kills, resumedFrom, final: r, finishedBeforeKill: false };
  }
}

/**
 * Runs the job until a checkpoint with id >= `minCheckpointId` is retained, then SIGKILLs it; returns
 * that checkpoint's _metadata. Fails if the job finishes first (the input is too small for the test).
 */
export async function checkpointThenKill(o: { readonly job: RunOptions; readonly checkpointsDir: string; readonly minCheckpointId: number }): Promise<string> {
  const run = startRun(o.job);
  let killedAt: { path: string; id: number } | undefined;
  const poll = setInterval(() => {
    const latest = latestCheckpoint(o.checkpointsDir);
    if (latest && latest.id >= o.minCheckpointId && killedAt === undefined) {
      killedAt = latest;
      run.child.kill('SIGKILL');
    }
  }, 20);
  const r = await run.done;
  clearInterval(poll);
  assert.ok(killedAt !== undefined && r.signal === 'SIGKILL', `${o.job.module} ended before checkpoint ${o.minCheckpointId} was retained: ${tail(r)}`);
  // A newer checkpoint may have completed between the poll and the kill: take the newest one.
  return latestCheckpoint(o.checkpointsDir)!.path;
}

/**
 * Resumes a killed job from `checkpoint` at another parallelism, writing into a copy of the killed
 * run's output directory (pending files included, since the checkpoint's committables name them),
 * and returns the committed lines once the resumed job finished.
 */
export async function resumeInCopy(o: {
  readonly job: JobSpec;
  readonly killedOutput: string;
  readonly work: string;
  readonly checkpoint: string;
  readonly parallelism: number;
}): Promise<string[]> {
  const out = join(o.work, 'out');
  cpSync(o.killedOutput, out, { recursive: true });
  const r = await runJob({
    module: o.job.module,
    args: o.job.args(out),
    parallelism: o.parallelism,
    config: { ...checkpointConfig(join(o.work, 'ckp'), { mode: o.job.mode }), ...o.job.config },
    savepoint: o.checkpoint,
  });
  assert.equal(r.code, 0, `resuming ${o.job.module} at p=${o.parallelism} from ${o.checkpoint} failed: ${tail(r)}`);
  return committedLines(out);
}

/**
 * Takes a retained checkpoint of `job` at its own parallelism (by SIGKILL once checkpoint
 * `minCheckpointId` exists), resumes it from there at each parallelism of `resumeAt`, each into a
 * copy of the killed run's output, and asserts every resumed output equals the failure-free reference
 * (a run at p=1).
 */
export async function checkRescaledRestores(h: ExactlyOnceHarness, o: { readonly job: JobSpec; readonly resumeAt: readonly number[]; readonly minCheckpointId: number }): Promise<string> {
  // The jobs' output does not depend on parallelism; at p=1 the reference needs no worker threads.
  const reference = await h.reference({ ...o.job, parallelism: 1 });
  const work = h.dir(`rescale-from-p${o.job.parallelism}`);
  const killedOutput = join(work, 'out');
  const checkpointsDir = join(work, 'ckp');
  const checkpoint = await checkpointThenKill({
    job: { module: o.job.module, args: o.job.args(killedOutput), parallelism: o.job.parallelism, config: { ...checkpointConfig(checkpointsDir, { mode: o.job.mode }), ...o.job.config } },
    checkpointsDir,
    minCheckpointId: o.minCheckpointId,
  });
  const name = checkpoint.slice(checkpointsDir.length + 1);
  for (const p of o.resumeAt) {
    const got = await resumeInCopy({ job: o.job, killedOutput, work: h.dir(`resume-at-p${p}`), checkpoint, parallelism: p });
    assertSameLines(reference, got, `${o.job.module} checkpointed at p=${o.job.parallelism} (${name}), resumed at p=${p}`);
  }
  return name;
}
