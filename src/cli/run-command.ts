// `weir run`: loads a job file under the configuration given on the command line, shows the job
// id and a live status line, cancels cleanly on Ctrl-C, and reports failures without stack dumps
// (unless --verbose).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { Configuration } from '../core/config.ts';
import * as o from '../core/config-options.ts';
import { WeirError } from '../core/errors.ts';
import { withExecutionContext, type JobClient, JobExecutionError } from '../api/index.ts';
import { StatusLine } from './status-line.ts';

export interface RunOptions {
  readonly parallelism: string | undefined;
  readonly dynamicProperties: readonly string[];
  readonly savepoint: string | undefined;
  readonly allowNonRestoredState: boolean;
  readonly verbose: boolean;
}

function configFrom(opts: RunOptions): Configuration {
  const config = Configuration.fromDynamicProperties(opts.dynamicProperties);
  if (opts.parallelism !== undefined) config.set(o.PARALLELISM, opts.parallelism);
  if (opts.savepoint !== undefined) config.set(o.SAVEPOINT_PATH, opts.savepoint);
  if (opts.allowNonRestoredState) config.set(o.ALLOW_NON_RESTORED_STATE, true);
  config.validate(o.ALL_OPTIONS);
  return config;
}

function describe(e: unknown, verbose: boolean): string {
  if (verbose && e instanceof Error && e.stack) return e.stack;
  if (e instanceof JobExecutionError) return e.message;
  if (e instanceof WeirError) return e.message;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** Returns the process exit code. */
export async function runJobFile(job: string, args: readonly string[], opts: RunOptions): Promise<number> {
  let config: Configuration;
  try {
    config = configFrom(opts);
  } catch (e) {
    process.stderr.write(`error: ${describe(e, opts.verbose)}\n`);
    return 1;
  }
  const path = resolve(job);
  if (!existsSync(path)) {
    process.stderr.write(`error: job file not found: ${job}\n`);
    return 1;
  }

  const clients: JobClient[] = [];
  const status = new StatusLine(process.stderr);
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    status.stop();
    process.stderr.write('\nCancelling the job (Ctrl-C again to exit at once)...\n');
    Promise.all(clients.map((c) => c.cancel())).then(() => {
      for (const c of clients) {
        const kept = c.completedCheckpoints().filter((k) => k.kind === 'checkpoint').at(-1);
        process.stderr.write(`Job ${c.jobId} cancelled.${kept && config.get(o.CHECKPOINT_RETENTION) === 'RETAIN_ON_CANCELLATION' ? ` Latest retained checkpoint: ${kept.metadataPath}` : ''}\n`);
      }
      process.exit(130);
    });
  };
  process.on('SIGINT', onSigint);

  process.argv.splice(1, process.argv.length - 1, path, ...args);
  try {
    await withExecutionContext({
      config,
      onJobStarted: (client) => {
        const c = client as JobClient;
        clients.push(c);
        process.stderr.write(`Job has been submitted with JobID ${c.jobId}\n`);
        status.track(c);
        c.result.then((r) => {
          status.stop();
          process.stderr.write(`Job ${r.jobId} ${r.status === 'FINISHED' ? 'finished' : r.status.toLowerCase()} after ${(r.netRuntime / 1000).toFixed(1)} s` +
            `${r.restarts ? ` and ${r.restarts} restart(s)` : ''}.\n`);
        }, () => status.stop());
      },
    }, async () => {
      await import(pathToFileURL(path).href);
    });
    return 0;
  } catch (e) {
    status.stop();
    process.stderr.write(`\nThe job failed: ${describe(e, opts.verbose)}\n`);
    if (!opts.verbose) process.stderr.write('(run with --verbose for the stack trace)\n');
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
