// Runs every subtask of an attempt in the calling thread, connected by local channels (direct
// calls). Used when the job's parallelism is 1, and by tests at any parallelism.
import { LocalChannelWriter } from '../channel/channel-writer.ts';
import type { RestorePlan } from '../checkpoint/restore-plan.ts';
import type { TaskGateway } from '../task/task-gateway.ts';
import { planChannels } from './channel-plan.ts';
import type { Deployment } from './deployment.ts';
import { createTasks, startTasks, type AttemptSpec } from './task-factory.ts';
import { ThreadTasks } from './thread-tasks.ts';

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
  const threadTasks = new ThreadTasks(tasks);
  try {
    await startTasks(tasks);
  } catch (e) {
    await threadTasks.cancel();
    throw e;
  }
  return threadTasks;
}
