// Creates the subtasks of one thread: the same code in the calling thread and in each worker.
import type { Configuration } from '../../core/config.ts';
import type { JobGraph } from '../graph/job-graph.ts';
import type { ChannelWriter } from '../channel/channel-writer.ts';
import type { AlignmentMode } from '../task/barrier-aligner.ts';
import type { TaskGateway } from '../task/task-gateway.ts';
import type { RestorePlan } from '../checkpoint/restore-plan.ts';
import type { ChannelInfo, ChannelPlan } from './channel-plan.ts';
import { StreamTask } from '../task/stream-task.ts';

export interface AttemptSpec {
  readonly jobId: string;
  readonly graph: JobGraph;
  readonly config: Configuration;
  readonly attempt: number;
  readonly batch: boolean;
  readonly alignment: AlignmentMode;
}

export const taskKey = (vertex: number, subtask: number): string => `${vertex}/${subtask}`;

/**
 * Creates tasks for the given subtasks, downstream vertices first, so a local channel can point at
 * its receiving task. `writerFor` builds the sending end of a channel whose receiver is elsewhere.
 */
export async function createTasks(
  spec: AttemptSpec,
  plan: ChannelPlan,
  subtasks: readonly { vertex: number; subtask: number }[],
  restore: RestorePlan | undefined,
  gateway: TaskGateway,
  writerFor: (ch: ChannelInfo, local: StreamTask | undefined) => ChannelWriter,
): Promise<Map<string, StreamTask>> {
  const tasks = new Map<string, StreamTask>();
  const ordered = [...subtasks].sort((a, b) => b.vertex - a.vertex || a.subtask - b.subtask);
  for (const { vertex: vid, subtask } of ordered) {
    const vertex = spec.graph.vertices[vid]!;
    const outputs = new Map<number, ChannelWriter[]>();
    for (const [edgeId, channels] of plan.outputs(vid, subtask)) {
      outputs.set(edgeId, channels.map((ch) => writerFor(ch, tasks.get(taskKey(ch.receiverVertex, ch.receiver)))));
    }
    const task = new StreamTask({
      jobId: spec.jobId,
      graph: spec.graph,
      vertex,
      subtask,
      attempt: spec.attempt,
      config: spec.config,
      batch: spec.batch,
      alignment: spec.alignment,
      restored: restore ? await restore.stateFor(vid, subtask) : undefined,
      gateway,
      inputChannelInputs: plan.inputs(vid, subtask).map((ch) => ch.edge.edge.inputIndex),
      outputs,
    });
    tasks.set(taskKey(vid, subtask), task);
  }
  return tasks;
}

/** Starts tasks downstream first, so every receiver is open before a source emits. */
export async function startTasks(tasks: Map<string, StreamTask>): Promise<void> {
  const ordered = [...tasks.values()].sort((a, b) => b.d.vertex.id - a.d.vertex.id);
  for (const t of ordered) await t.start();
}
