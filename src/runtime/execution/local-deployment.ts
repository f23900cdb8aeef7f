// Runs every subtask of an attempt in the calling thread, connected by local channels (direct
// calls). Used when the job's parallelism is 1, and by tests at any parallelism.
import { LocalChannelWriter } from '../channel/channel-writer.ts';
import type { RestorePlan } from '../checkpoint/restore-plan.ts';
import type { TaskGateway } from '../task/task-gateway.ts';
import { planChannels } from './channel-plan.ts';
import type { Deployment } from './deployment.ts';
import { createTasks, startTasks, taskKey, type AttemptSpec } from './task-factory.ts';

export async function deployLocal(spec: AttemptSpec, restore: RestorePlan | undefined, master: TaskGateway): Promise<Deployment> {
  const plan = planChannels(spec.graph);
  // Task -> master calls are deferred, so the master never re-enters a task that is mid-record.
  const gateway: TaskGateway = {
    acknowledgeCheckpoint: (a) => queueMicrotask(() => master.acknowledgeCheckpoint(a)),
    declineCheckpoint: (...a) => queueMicrotask(() => master.declineCheckpoint(...a)),
    reportEndOfData: (...a) => queueMicrotask(() => master.reportEndOfData(...a)),
    reportFinished: (...a) => queueMicrotask(() => master.reportFinished(...a)),
    reportFailure: (f) => queueMicrotask(() => master.reportFailure(f)),
    registerReader: (...a) => queueMicrotask(() => master.registerReader(...a)),
    sendSplitRequest: (...a) => queueMicrotask(() => master.sendSplitRequest(...a)),
    collect: (id, values) => master.collect(id, values),
  };
  const subtasks = spec.graph.vertices.flatMap((v) => Array.from({ length: v.parallelism }, (_, s) => ({ vertex: v.id, subtask: s })));
  const tasks = await createTasks(spec, plan, subtasks, restore, gateway, (ch, local) => new LocalChannelWriter(local!, ch.inputChannel));
  const task = (v: number, s: number) => tasks.get(taskKey(v, s))!;
  const all = [...tasks.values()];
  const guard = (t: { fail(e: unknown): void }, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      t.fail(e);
    }
  };

  try {
    await startTasks(tasks);
  } catch (e) {
    await Promise.all(all.map((t) => t.cancel()));
    throw e;
  }

  return {
    triggerCheckpoint: (v, s, id, ts, kind, location) => {
      const t = task(v, s);
      guard(t, () => t.triggerCheckpoint(id, ts, kind, location));
    },
    notifyCheckpointComplete: async (id) => {
      await Promise.all(all.map((t) => t.notifyCheckpointComplete(id)));
    },
    notifyCheckpointAborted: (id) => all.forEach((t) => t.notifyCheckpointAborted(id)),
    addSplits: (v, s, splits) => queueMicrotask(() => {
      const t = task(v, s);
      guard(t, () => t.addSplits(splits));
    }),
    noMoreSplits: (v, s) => queueMicrotask(() => {
      const t = task(v, s);
      guard(t, () => t.noMoreSplits());
    }),
    finishSources: () => all.filter((t) => t.isSource).forEach((t) => t.finishSource()),
    metrics: () => ({
      recordsIn: all.reduce((n, t) => n + t.recordsIn, 0),
      recordsOut: all.reduce((n, t) => n + t.recordsOut, 0),
      skipped: all.reduce((n, t) => n + t.skipped, 0),
      backlog: 0,
    }),
    cancel: async () => {
      await Promise.all(all.map((t) => t.cancel()));
    },
  };
}
