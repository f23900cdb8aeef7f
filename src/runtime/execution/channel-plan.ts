// Which channels connect which subtasks: computed the same way in every thread from the job
// graph, so a channel id means the same thing everywhere.
import type { JobGraph, NetworkEdge } from '../graph/job-graph.ts';
import { receiversOf } from '../graph/partitioner.ts';

export interface ChannelInfo {
  readonly id: number;
  readonly edge: NetworkEdge;
  readonly senderVertex: number;
  readonly sender: number;
  readonly receiverVertex: number;
  readonly receiver: number;
  /** Position among the receiving subtask's input channels. */
  readonly inputChannel: number;
}

export interface ChannelPlan {
  readonly channels: readonly ChannelInfo[];
  /** Output channels of a subtask, per network edge, in the order the partitioner indexes them. */
  outputs(vertex: number, subtask: number): Map<number, ChannelInfo[]>;
  /** Input channels of a subtask, indexed by inputChannel. */
  inputs(vertex: number, subtask: number): ChannelInfo[];
}

export function planChannels(graph: JobGraph): ChannelPlan {
  const channels: ChannelInfo[] = [];
  const inputsByTask = new Map<string, ChannelInfo[]>();
  const outputsByTask = new Map<string, Map<number, ChannelInfo[]>>();
  const key = (v: number, s: number) => `${v}/${s}`;

  // Receivers' input channel order: by edge, then sender — deterministic in every thread.
  for (const ne of graph.networkEdges) {
    const up = graph.vertices[ne.sourceVertex]!;
    const down = graph.vertices[ne.targetVertex]!;
    for (let s = 0; s < up.parallelism; s++) {
      const outs: ChannelInfo[] = [];
      for (const r of receiversOf(ne.partitioner, s, up.parallelism, down.parallelism)) {
        const ins = inputsByTask.get(key(down.id, r)) ?? [];
        inputsByTask.set(key(down.id, r), ins);
        const ch: ChannelInfo = { id: channels.length, edge: ne, senderVertex: up.id, sender: s, receiverVertex: down.id, receiver: r, inputChannel: ins.length };
        ins.push(ch);
        outs.push(ch);
        channels.push(ch);
      }
      const byEdge = outputsByTask.get(key(up.id, s)) ?? new Map<number, ChannelInfo[]>();
      byEdge.set(ne.id, outs);
      outputsByTask.set(key(up.id, s), byEdge);
    }
  }
  return {
    channels,
    outputs: (v, s) => outputsByTask.get(key(v, s)) ?? new Map(),
    inputs: (v, s) => inputsByTask.get(key(v, s)) ?? [],
  };
}
