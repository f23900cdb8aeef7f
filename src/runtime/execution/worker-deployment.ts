// Runs an attempt on worker threads, one per slot; slot i hosts subtask i of every vertex (Flink's
// slot sharing). Each worker loads the job module and rebuilds the graph itself, so user code is
// ordinary closures in the job file.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { WeirError } from '../../core/errors.ts';
import type { RestorePlan } from '../checkpoint/restore-plan.ts';
import type { TaskGateway } from '../task/task-gateway.ts';
import type { Deployment, TaskMetrics } from './deployment.ts';
import type { AttemptSpec } from './task-factory.ts';
import type { FromWorker, ToWorker, WorkerData } from './worker-protocol.ts';

const ENTRY = new URL('./worker-bootstrap.ts', import.meta.url);

/** The module a worker imports to rebuild the job, and the argv it sees (default: the process's). */
export interface JobModule {
  readonly url: string;
  readonly argv?: readonly string[];
}

export async function deployOnWorkers(spec: AttemptSpec, restore: RestorePlan | undefined, gateway: TaskGateway, jobModule: JobModule | undefined): Promise<Deployment> {
  if (!jobModule) {
    throw new WeirError('cannot run with parallelism > 1: the module that called execute() was not found, so worker threads cannot rebuild the job. Run the job from a file (weir run JOB.ts, or node JOB.ts).');
  }
  const slots = Math.max(...spec.graph.vertices.map((v) => v.parallelism));
  const peers: Record<number, MessagePort>[] = Array.from({ length: slots }, () => ({}));
  for (let i = 0; i < slots; i++) {
    for (let j = i + 1; j < slots; j++) {
      const { port1, port2 } = new MessageChannel();
      peers[i]![j] = port1;
      peers[j]![i] = port2;
    }
  }
  const metrics: TaskMetrics[] = Array.from({ length: slots }, () => ({ recordsIn: 0, recordsOut: 0, skipped: 0, backlog: 0 }));
  const notified = new Map<number, { count: number; resolve(): void }>();
  let cancelled = false;

  const workers = Array.from({ length: slots }, (_, slot) => {
    const data: WorkerData = {
      jobModule: jobModule.url,
      argv: [...(jobModule.argv ?? process.argv.slice(2))],
      config: spec.config.toJSON(),
      fingerprint: spec.graph.fingerprint,
      jobName: spec.graph.jobName,
      jobId: spec.jobId,
      slot,
      attempt: spec.attempt,
      batch: spec.batch,
      alignment: spec.alignment,
      restorePath: restore?.metadataPath,
      peers: peers[slot]!,
    };
    return new Worker(ENTRY, { workerData: data, transferList: Object.values(peers[slot]!), stdout: false, stderr: false });
  });

  const started = Promise.all(workers.map((w, slot) => new Promise<void>((resolve, reject) => {
    w.on('message', (m: FromWorker) => {
      switch (m.t) {
        case 'started': resolve(); break;
        case 'startFailed': {
          const e = new WeirError(m.message);
          e.stack = m.stack;
          reject(e);
          break;
        }
        case 'ack': gateway.acknowledgeCheckpoint(m.ack); break;
        case 'decline': gateway.declineCheckpoint(m.id, m.v, m.s, m.reason); break;
        case 'endOfData': gateway.reportEndOfData(m.v, m.s); break;
        case 'finished': gateway.reportFinished(m.v, m.s, m.acc); break;
        case 'failure': gateway.reportFailure(m.f); break;
        case 'register': gateway.registerReader(m.v, m.s); break;
        case 'splitRequest': gateway.sendSplitRequest(m.v, m.s); break;
        case 'collect': gateway.collect(m.id, m.values); break;
        case 'metrics': metrics[slot] = m.m; break;
        case 'notified': {
          const n = notified.get(m.id);
          if (n && --n.count === 0) {
            notified.delete(m.id);
            n.resolve();
          }
          break;
        }
      }
    });
    w.on('error', (e) => {
      reject(e);
      if (!cancelled) gateway.reportFailure({ vertex: -1, subtask: slot, taskName: `worker thread ${slot}`, message: e.message, stack: e.stack });
    });
    w.on('exit', (code) => {
      reject(new WeirError(`worker thread ${slot} exited with code ${code} while starting`));
      if (!cancelled) gateway.reportFailure({ vertex: -1, subtask: slot, taskName: `worker thread ${slot}`, message: `worker thread exited unexpectedly (code ${code})`, stack: undefined });
    });
  })));

  const terminate = async () => {
    cancelled = true;
    for (const n of notified.values()) n.resolve();
    notified.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  };
  try {
    await started;
  } catch (e) {
    await terminate();
    throw e;
  }

  const post = (slot: number, m: ToWorker) => workers[slot]!.postMessage(m);
  const all = (m: ToWorker) => workers.forEach((w) => w.postMessage(m));
  return {
    triggerCheckpoint: (v, s, id, ts, kind, location) => post(s, { t: 'trigger', v, s, id, ts, kind, location }),
    notifyCheckpointComplete: (id) => new Promise<void>((resolve) => {
      if (cancelled) return resolve();
      notified.set(id, { count: slots, resolve });
      all({ t: 'notify', id });
    }),
    notifyCheckpointAborted: (id) => all({ t: 'abort', id }),
    addSplits: (v, s, splits) => post(s, { t: 'splits', v, s, splits }),
    noMoreSplits: (v, s) => post(s, { t: 'noMoreSplits', v, s }),
    finishSources: () => all({ t: 'finish' }),
    metrics: () => metrics.reduce((a, m) => ({ recordsIn: a.recordsIn + m.recordsIn, recordsOut: a.recordsOut + m.recordsOut, skipped: a.skipped + m.skipped, backlog: a.backlog + m.backlog })),
    cancel: terminate,
  };
}
