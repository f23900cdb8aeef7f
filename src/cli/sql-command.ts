// `weir sql`: Flink's sql-client.sh for Weir — an interactive session, or a script (-f) whose
// INSERT jobs are submitted and keep running after the script (the process stays until they end
// or Ctrl-C cancels them), after an optional init script (-i).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Configuration } from '../core/config.ts';
import { PARALLELISM } from '../core/config-options.ts';
import { SqlClient } from '../sql/client/sql-client.ts';
import { runScript } from '../sql/client/script-runner.ts';
import { runInteractive } from '../sql/client/interactive-shell.ts';
import { MESSAGES } from '../sql/client/client-messages.ts';

export interface SqlCommandOptions {
  readonly file: string | undefined;
  readonly init: string | undefined;
  readonly dynamicProperties: readonly string[];
  readonly parallelism: string | undefined;
  readonly verbose: boolean;
}

const out = (s: string) => void process.stdout.write(s);

function readScript(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read SQL file '${path}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** Returns the exit code. */
export async function runSqlCommand(opts: SqlCommandOptions): Promise<number> {
  let client: SqlClient;
  let init: string | undefined;
  let script: string | undefined;
  try {
    const config = Configuration.fromDynamicProperties(opts.dynamicProperties).toJSON() as Record<string, string>;
    if (opts.parallelism !== undefined) config[PARALLELISM.key] = opts.parallelism;
    const terminal = process.stdin.isTTY && process.stdout.isTTY ? { input: process.stdin, output: process.stdout } : undefined;
    client = new SqlClient({ config, verbose: opts.verbose, write: out, terminal });
    if (opts.init !== undefined) init = readScript(opts.init);
    if (opts.file !== undefined) script = readScript(opts.file);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }

  let interrupted = false;
  const onSigint = () => {
    if (client.interrupt()) return;
    if (interrupted) process.exit(130);
    interrupted = true;
    const running = client.detachedJobs.filter((j) => j.getJobStatus() === 'RUNNING' || j.getJobStatus() === 'CREATED');
    process.stderr.write(`\nCancelling ${running.length} running job(s) (Ctrl-C again to exit at once)...\n`);
    Promise.allSettled(running.map((j) => j.cancel())).then(() => process.exit(130));
  };
  if (opts.file !== undefined || !process.stdin.isTTY) process.on('SIGINT', onSigint);

  if (init !== undefined && !(await runScript(client, init, opts.init!, { quiet: true, write: out }))) return 1;
  if (script === undefined) {
    await runInteractive(client, {
      input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      historyFile: join(homedir(), '.weir', 'sql-history'),
    });
    if (!process.stdin.isTTY) process.stdin.destroy();
  } else {
    out(`${MESSAGES.executeFile}\n`);
    if (!(await runScript(client, script, opts.file!, { quiet: false, write: out }))) return 1;
  }
  return awaitDetachedJobs(client);
}

/** Detached INSERT jobs keep the process alive until they end; a failed one makes the exit code 1. */
async function awaitDetachedJobs(client: SqlClient): Promise<number> {
  const jobs = client.detachedJobs;
  if (jobs.length === 0) return 0;
  const running = jobs.filter((j) => !['FINISHED', 'CANCELED', 'FAILED'].includes(j.getJobStatus()));
  if (running.length) process.stderr.write(`[INFO] ${running.length} submitted job(s) still running; the client stays until they end (Ctrl-C cancels them).\n`);
  const results = await Promise.allSettled(jobs.map((j) => j.result));
  let code = 0;
  results.forEach((r, i) => {
    if (r.status === 'rejected') {
      code = 1;
      process.stderr.write(`[ERROR] Job ${jobs[i]!.jobId} failed: ${(r.reason as Error).message}\n`);
    }
  });
  return code;
}
