// The main of a worker thread: loads the job module, which rebuilds the job graph and calls
// execute(); instead of starting a job, execute() hands the graph here, and this thread runs the
// subtasks of its slot. A graph that differs from the main thread's fails clearly.
import { parentPort, workerData } from 'node:worker_threads';
import { Configuration } from '../../core/config.ts';
import { WeirError } from '../../core/errors.ts';
import { describeJobGraph, type JobGraph } from '../graph/job-graph.ts';
import { LocalChannelWriter, type ChannelWriter } from '../channel/channel-writer.ts';
import { PeerLink, type RemoteChannelWriter } from '../channel/remote-channel.ts';
import { BUFFER_CREDITS, BUFFER_RECORDS } from '../../core/config-options.ts';
import { planRestore } from '../checkpoint/restore-plan.ts';
import type { StreamTask } from '../task/stream-task.ts';
import type { TaskGateway } from '../task/task-gateway.ts';
import { planChannels, type ChannelInfo } from './channel-plan.ts';
import { createTasks, startTasks, taskKey } from './task-factory.ts';
import { ThreadTasks } from './thread-tasks.ts';
import { setWorkerRuntime, withExecutionContext } from './execution-context.ts';
import type { FromWorker, ToWorker, WorkerData } from './worker-protocol.ts';

const data = workerData as WorkerData;
const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);
const config = Configuration.fromJSON(data.config);
let claimed = false;

const startFailed = (e: unknown) => {
  const err = e instanceof Error ? e : new Error(String(e));
  send({ t: 'startFailed', message: err.message, stack: err.stack });
};

async function runSlot(graph: JobGraph): Promise<void> {
  const plan = planChannels(graph);
  const links = new Map<number, PeerLink>();
  const onCapacity = () => {
    for (const l of links.values()) l.releaseWithheld();
    for (const w of waiting.splice(0)) w();
  };
  const waiting: Array<() => void> = [];
  for (const [slot, p] of Object.entries(data.peers)) links.set(Number(slot), new PeerLink(p, onCapacity));

  const gateway: TaskGateway = {
    acknowledgeCheckpoint: (ack) => send({ t: 'ack', ack }),
    declineCheckpoint: (id, v, s, reason) => send({ t: 'decline', id, v, s, reason }),
    reportEndOfData: (v, s) => send({ t: 'endOfData', v, s }),
    reportFinished: (v, s, acc) => send({ t: 'finished', v, s, acc }),
    reportFailure: (f) => send({ t: 'failure', f }),
    registerReader: (v, s) => send({ t: 'register', v, s }),
    sendSplitRequest: (v, s) => send({ t: 'splitRequest', v, s }),
    collect: (id, values) => send({ t: 'collect', id, values }),
  };

  const batchSize = config.get(BUFFER_RECORDS);
  const credits = config.get(BUFFER_CREDITS);
  const mine = graph.vertices.filter((v) => data.slot < v.parallelism).map((v) => ({ vertex: v.id, subtask: data.slot }));
  const restore = data.restorePath ? await planRestore(data.restorePath, graph, true) : undefined;
  const remote: Array<{ ch: ChannelInfo; writer: RemoteChannelWriter }> = [];
  const tasks = await createTasks({
    jobId: data.jobId, graph, config, attempt: data.attempt, batch: data.batch, alignment: data.alignment,
  }, plan, mine, restore, gateway, (ch, local): ChannelWriter => {
    if (local) return new LocalChannelWriter(local, ch.inputChannel);
    const writer = links.get(ch.receiver)!.writer(ch.id, batchSize, credits);
    remote.push({ ch, writer });
    return writer;
  });
  const threadTasks = new ThreadTasks(tasks, () => remote.reduce((n, r) => n + r.writer.backlog(), 0));

  // A task's backlog: its own remote writers and those of local tasks downstream of it.
  const reachable = new Map<StreamTask, RemoteChannelWriter[]>();
  for (const t of [...tasks.values()].sort((a, b) => b.d.vertex.id - a.d.vertex.id)) {
    const writers = remote.filter((r) => r.ch.senderVertex === t.d.vertex.id).map((r) => r.writer);
    for (const channels of plan.outputs(t.d.vertex.id, data.slot).values()) {
      for (const c of channels) {
        const down = c.receiver === data.slot ? tasks.get(taskKey(c.receiverVertex, c.receiver)) : undefined;
        if (down) writers.push(...(reachable.get(down) ?? []));
      }
    }
    reachable.set(t, writers);
    t.capacity = {
      hasBacklog: () => writers.some((w) => w.backlog() > 0),
      whenAvailable: () => new Promise<void>((resolve) => {
        const check = () => (writers.some((w) => w.backlog() > 0) ? waiting.push(check) : resolve());
        check();
      }),
    };
  }

  port.on('message', (m: ToWorker) => {
    switch (m.t) {
      case 'trigger': threadTasks.triggerCheckpoint(m.v, m.s, m.id, m.ts, m.kind, m.location); break;
      case 'notify': threadTasks.notifyCheckpointComplete(m.id).then(() => send({ t: 'notified', id: m.id })); break;
      case 'abort': threadTasks.notifyCheckpointAborted(m.id); break;
      case 'splits': threadTasks.addSplits(m.v, m.s, m.splits); break;
      case 'noMoreSplits': threadTasks.noMoreSplits(m.v, m.s); break;
      case 'finish': threadTasks.finishSources(); break;
    }
  });
  setInterval(() => send({ t: 'metrics', m: threadTasks.metrics() }), 250).unref();
  await startTasks(tasks);
  // Each receiving channel from another slot is routed to its task (input that came early is replayed).
  for (const ch of plan.channels) {
    if (ch.receiver !== data.slot || ch.sender === data.slot) continue;
    const task = tasks.get(taskKey(ch.receiverVertex, ch.receiver));
    if (task) links.get(ch.sender)!.receiveInto(ch.id, task, ch.inputChannel);
  }
  send({ t: 'started' });
}

setWorkerRuntime({
  run(graph: JobGraph): Promise<never> | undefined {
    // Another job of the same module (run before ours): skip it so the module reaches ours.
    if (graph.jobName !== data.jobName || claimed) return undefined;
    {
      claimed = true;
      if (graph.fingerprint !== data.fingerprint) {
        startFailed(new WeirError(`worker thread ${data.slot} rebuilt a different job graph from ${data.jobModule} than the main thread did ` +
          `(${describeJobGraph(graph)}). The graph must not depend on randomness, time or thread-specific state when it is built.`));
      } else {
        runSlot(graph).catch(startFailed);
      }
    }
    return new Promise<never>(() => {});
  },
});

withExecutionContext({ config }, async () => {
  process.argv.splice(2, process.argv.length, ...data.argv);
  await import(data.jobModule);
}).then(() => {
  // A module that calls execute() later (after an await) gets a moment before we give up.
  setTimeout(() => {
    if (!claimed) startFailed(new WeirError(`the job module ${data.jobModule} did not call execute('${data.jobName}') in worker thread ${data.slot}`));
  }, 10_000).unref();
}, startFailed);
