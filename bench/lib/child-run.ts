// Runs one workload module in a child Node process and returns the RESULT it printed, or why it failed.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { RESULT_PREFIX, type WorkloadResult } from './report.ts';

export type RecordsPerSecond = number;

export interface ChildOutcome {
  readonly result: (WorkloadResult & { readonly recordsPerSecond: RecordsPerSecond; readonly processCpuMs: number }) | undefined;
  /** Why there is no result: exit code, signal or timeout, with the error line from stderr. */
  readonly error: string | undefined;
  readonly wallMs: number;
  /**
   * Cores that other processes kept busy, on average, while the child ran: all CPU time the
   * machine spent minus the child's own. Undefined when the child reported no CPU time.
   */
  readonly otherCores: number | undefined;
}

/** CPU milliseconds the machine has spent busy (not idle) since boot, over all cores. */
export function machineBusyMs(): number {
  let busy = 0;
  for (const c of cpus()) busy += c.times.user + c.times.nice + c.times.sys + c.times.irq;
  return busy;
}

/** Cores kept busy on average over the next `ms` milliseconds (by anyone). */
export async function busyCores(ms: number): Promise<number> {
  const b0 = machineBusyMs();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  return (machineBusyMs() - b0) / (performance.now() - t0);
}

/** The line that says what failed (`SomeError: message`), else the last lines of stderr. */
function failureLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.includes('npm warn'));
  return lines.find((l) => /^\w*Error\b.*?:/.test(l)) ?? lines.slice(-3).join(' | ');
}

/** Runs `node <module> <args>` with this process's environment; kills it after `timeoutMs`. */
export function runChild(module: string, args: readonly string[], timeoutMs: number): Promise<ChildOutcome> {
  const started = performance.now();
  const busyAtStart = machineBusyMs();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [module, ...args], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr = (stderr + d).slice(-8000); });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const busyMs = machineBusyMs() - busyAtStart;
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) {
        const result = JSON.parse(line.slice(RESULT_PREFIX.length)) as NonNullable<ChildOutcome['result']>;
        resolve({ result, error: undefined, wallMs, otherCores: Math.max(0, (busyMs - result.processCpuMs) / wallMs) });
        return;
      }
      const why = timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s` : signal ? `killed by ${signal}` : code !== 0 ? `exit code ${code}` : 'no RESULT line';
      const what = failureLine(stderr);
      resolve({ result: undefined, error: what ? `${why}: ${what}` : why, wallMs, otherCores: undefined });
    });
  });
}
