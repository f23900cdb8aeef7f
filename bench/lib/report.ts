// How a workload module hands its measurement to bench/run.ts: one `RESULT {json}` line, from the main thread only.
import { isMainThread } from 'node:worker_threads';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RESULT_PREFIX = 'RESULT ';

/** What every workload reports; workloads add their own fields (checkpoints, recovery time). */
export interface WorkloadResult {
  readonly workload: string;
  readonly parallelism: number;
  /** Records the source produced (for recovery: before the failure and after, without replays). */
  readonly records: number;
  /** JobExecutionResult.netRuntime: job start to end, deployment of workers included. */
  readonly netRuntimeMs: number;
  /** CPU time of the whole process (all threads) while the job ran: see jobCpuMeter. */
  readonly jobCpuMs?: number;
  readonly [extra: string]: unknown;
}

/**
 * Starts counting the process's CPU time (user + system, every thread, so worker threads too);
 * call before execute(). On a shared machine, records per CPU-second is the figure that other
 * processes disturb least.
 */
export function jobCpuMeter(): () => number {
  const start = process.cpuUsage();
  return () => {
    const d = process.cpuUsage(start);
    return Math.round((d.user + d.system) / 1000);
  };
}

/** Prints the result for run.ts; a no-op in worker threads, which re-import the module. */
export function reportResult(result: WorkloadResult): void {
  if (!isMainThread) return;
  const perSecond = result.netRuntimeMs > 0 ? Math.round((result.records / result.netRuntimeMs) * 1000) : 0;
  const usage = process.resourceUsage();
  const processCpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ ...result, recordsPerSecond: perSecond, processCpuMs })}\n`);
}

/**
 * A scratch directory for checkpoints and markers, the same in the main thread and in the workers
 * of this process (they share the pid), so every thread of the job agrees on it. `--dir` wins.
 */
export function scratchDir(name: string, given: string | undefined): string {
  const dir = given ?? join(tmpdir(), `weir-bench-${name}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Removes the scratch directory; only the main thread does, after the job has ended. */
export function removeScratchDir(dir: string): void {
  if (isMainThread) rmSync(dir, { recursive: true, force: true });
}
