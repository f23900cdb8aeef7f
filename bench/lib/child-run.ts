// Runs one workload module in a child Node process and returns the RESULT it printed, or why it failed.
import { spawn } from 'node:child_process';
import { RESULT_PREFIX, type WorkloadResult } from './report.ts';

export type RecordsPerSecond = number;

export interface ChildOutcome {
  readonly result: (WorkloadResult & { readonly recordsPerSecond: RecordsPerSecond }) | undefined;
  /** Why there is no result: exit code, signal or timeout, with the end of stderr. */
  readonly error: string | undefined;
  readonly wallMs: number;
}

/** Runs `node <module> <args>` with this process's environment; kills it after `timeoutMs`. */
export function runChild(module: string, args: readonly string[], timeoutMs: number): Promise<ChildOutcome> {
  const started = performance.now();
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
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) {
        resolve({ result: JSON.parse(line.slice(RESULT_PREFIX.length)), error: undefined, wallMs });
        return;
      }
      const why = timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s` : signal ? `killed by ${signal}` : code !== 0 ? `exit code ${code}` : 'no RESULT line';
      const tail = stderr.trim().split('\n').filter((l) => l.trim() && !l.includes('npm warn')).slice(-6).join(' | ');
      resolve({ result: undefined, error: tail ? `${why}: ${tail}` : why, wallMs });
    });
  });
}
