// Where a job's environment gets its settings from: the context that `weir run` (or a worker
// thread) establishes around the job module, and whether this thread is a worker that should run
// its share of a job instead of starting one.
import { fileURLToPath } from 'node:url';
import { dirname, resolve, sep } from 'node:path';
import type { Configuration } from '../../core/config.ts';
import type { JobGraph } from '../graph/job-graph.ts';

export interface ExecutionContext {
  readonly config: Configuration;
  /** Called with each job started in the context (the CLI shows progress and handles Ctrl-C). */
  onJobStarted?(client: unknown): void;
}

let contextStack: ExecutionContext[] = [];

/** Environments created while `fn` runs take their configuration from `ctx`. */
export async function withExecutionContext<R>(ctx: ExecutionContext, fn: () => Promise<R>): Promise<R> {
  contextStack = [...contextStack, ctx];
  try {
    return await fn();
  } finally {
    contextStack = contextStack.filter((c) => c !== ctx);
  }
}

export function currentExecutionContext(): ExecutionContext | undefined {
  return contextStack.at(-1);
}

/**
 * Set in a worker thread: instead of starting a job, execute() hands the rebuilt graph here. For the
 * worker's job it never resolves (the thread runs its share); for other jobs of the same module it
 * returns undefined and execute() returns an empty result, so the module goes on to the next job.
 */
export interface WorkerRuntime {
  run(graph: JobGraph): Promise<never> | undefined;
}

let worker: WorkerRuntime | undefined;

export function setWorkerRuntime(w: WorkerRuntime): void {
  worker = w;
}

export function workerRuntime(): WorkerRuntime | undefined {
  return worker;
}

const srcRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..') + sep;

/** The module that called execute(): the first stack frame outside Weir's own source. */
export function jobModuleOf(stack: string): string | undefined {
  for (const m of stack.matchAll(/(file:\/\/[^\s)]+?):\d+:\d+/g)) {
    const url = m[1]!;
    if (!fileURLToPath(url).startsWith(srcRoot)) return url;
  }
  return undefined;
}
