// Failures that exactly-once tests inject into job modules, chosen by command-line arguments and fired once per marker directory.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type {
  Committer, FunctionSnapshotContext, RichMapFunction, RuntimeContext, Sink, SinkWriter, SinkWriterContext,
} from 'weir';

/**
 * exception: a map function throws after `failAfter` records of its subtask.
 * worker-exit: the worker thread running the map dies (process.exit(1)) after `failAfter` records; p > 1 only.
 * snapshot: the map's snapshotState throws at the first checkpoint after `failAfter` records.
 * notify: the map's notifyCheckpointComplete throws for the first checkpoint completed after `failAfter` records.
 * commit: the sink's committer commits, then throws, at its first commit after `failAfter` records (in this thread).
 */
export type FailureKind = 'exception' | 'worker-exit' | 'snapshot' | 'notify' | 'commit';
export const FAILURE_KINDS: readonly FailureKind[] = ['exception', 'worker-exit', 'snapshot', 'notify', 'commit'];

/** parseArgs options every failure-injecting job module accepts. */
export const failureArgs = {
  'fail-kind': { type: 'string' },
  'fail-after': { type: 'string', default: '0' },
  marker: { type: 'string' },
  'pace-per-second': { type: 'string', default: '0' },
} as const;

export interface FailurePlan {
  readonly kind: FailureKind | undefined;
  readonly failAfter: number;
  readonly markerDir: string | undefined;
  /** Records per second per subtask that the injector map lets through (0: no limit). */
  readonly pacePerSecond: number;
}

export function failurePlanFrom(args: { 'fail-kind'?: string; 'fail-after'?: string; marker?: string; 'pace-per-second'?: string }): FailurePlan {
  const kind = args['fail-kind'];
  if (kind !== undefined && !FAILURE_KINDS.includes(kind as FailureKind)) throw new Error(`unknown --fail-kind '${kind}'; expected one of ${FAILURE_KINDS.join(', ')}`);
  if (kind !== undefined && args.marker === undefined) throw new Error('--fail-kind needs --marker DIR (remembers across restarts that the failure fired)');
  return { kind: kind as FailureKind | undefined, failAfter: Number(args['fail-after'] ?? 0), markerDir: args.marker, pacePerSecond: Number(args['pace-per-second'] ?? 0) };
}

/** Claims the one failure of the marker directory; true for exactly one caller over all threads and attempts. */
function claimFailure(markerDir: string, what: string): boolean {
  mkdirSync(markerDir, { recursive: true });
  try {
    closeSync(openSync(join(markerDir, 'fired'), 'wx'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  closeSync(openSync(join(markerDir, `fired-${what}`), 'w'));
  return true;
}

/** Records seen by injector maps of this thread: the commit failure waits for them. */
let recordsSeenInThread = 0;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** The injected failure (if any) as an identity map, which also paces records when asked. */
export function failureInjector<T>(plan: FailurePlan): RichMapFunction<T, T> {
  let seen = 0;
  let armed = false;
  let pacingStart = 0;
  let subtask = 0;
  const due = () => plan.kind !== undefined && seen >= plan.failAfter;
  return {
    open(ctx: RuntimeContext) {
      subtask = ctx.getIndexOfThisSubtask();
    },
    map(value: T): T {
      seen++;
      recordsSeenInThread++;
      if (plan.pacePerSecond > 0) pace();
      if (!due()) return value;
      if (plan.kind === 'exception' && claimFailure(plan.markerDir!, 'exception')) {
        throw new Error(`injected failure: exception in map of subtask ${subtask} after ${seen} records`);
      }
      if (plan.kind === 'worker-exit' && !isMainThread && claimFailure(plan.markerDir!, 'worker-exit')) process.exit(1);
      if (plan.kind === 'notify') armed = true;
      return value;
    },
    snapshotState(ctx: FunctionSnapshotContext) {
      if (plan.kind === 'snapshot' && due() && claimFailure(plan.markerDir!, 'snapshot')) {
        throw new Error(`injected failure: snapshotState of checkpoint ${ctx.checkpointId} in subtask ${subtask}`);
      }
    },
    notifyCheckpointComplete(checkpointId: number) {
      if (plan.kind === 'notify' && armed && claimFailure(plan.markerDir!, 'notify')) {
        throw new Error(`injected failure: notifyCheckpointComplete(${checkpointId}) in subtask ${subtask}`);
      }
    },
  };

  /** Blocks the thread while this subtask is ahead of its pace (barriers wait too, as under a slow operator). */
  function pace(): void {
    const now = performance.now();
    if (pacingStart === 0) pacingStart = now;
    const aheadMs = (seen / plan.pacePerSecond) * 1000 - (now - pacingStart);
    if (aheadMs >= 5) Atomics.wait(sleeper, 0, 0, aheadMs);
  }
}

/** Wraps a sink so that, for the 'commit' failure, its committer commits and then throws once. */
export function withCommitFailure<T, C>(sink: Sink<T, C>, plan: FailurePlan): Sink<T, C> {
  if (plan.kind !== 'commit') return sink;
  return {
    createWriter: (ctx: SinkWriterContext, restored: readonly unknown[]): SinkWriter<T, C> => sink.createWriter(ctx, restored),
    createCommitter: (): Committer<C> => {
      const inner = sink.createCommitter!();
      return {
        async commit(committables: readonly C[]) {
          await inner.commit(committables);
          if (committables.length > 0 && recordsSeenInThread >= plan.failAfter && claimFailure(plan.markerDir!, 'commit')) {
            throw new Error(`injected failure: committer threw after committing ${committables.length} committable(s)`);
          }
        },
      };
    },
  };
}
