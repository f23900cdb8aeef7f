// One subtask of a vertex: runs its operator chain on the thread's event loop, combines
// watermarks over its input channels, aligns checkpoint barriers, and drives the end-of-input,
// final-checkpoint and finish protocol.
//
// Lifecycle:  deploy -> open (restore state) -> RUNNING -> end of data -> [final checkpoint]
//             -> finish (sources emit end of partition) -> close -> finished
//             any failure -> reported to the job master, which cancels every task.
import type { Configuration } from '../../core/config.ts';
import { canonicalKey, keyGroupRangeFor } from '../../core/key-group.ts';
import { MAX_WATERMARK, assertNever, type StreamElement, type CheckpointKind } from '../../core/stream-element.ts';
import { AUTO_WATERMARK_INTERVAL } from '../../core/config-options.ts';
import { SystemProcessingTimeService } from '../../time/processing-time-service.ts';
import { WatermarkValve } from '../../time/watermark-valve.ts';
import type { JobGraph, JobVertex } from '../graph/job-graph.ts';
import type { StreamNode } from '../graph/stream-graph.ts';
import { channelSelector, keyGroupSelector } from '../graph/partitioner.ts';
import { NO_KEY_GROUP, type ChannelWriter, type InputReceiver } from '../channel/channel-writer.ts';
import { RecordWriter } from '../channel/record-writer.ts';
import type { SourceSplit } from '../source/source.ts';
import { writeOperatorSnapshot } from '../checkpoint/checkpoint-storage.ts';
import { OperatorChain, type ExternalTargets, type InputFn, type RecordFn } from './operator-chain.ts';
import { BarrierAligner, type AlignmentMode } from './barrier-aligner.ts';
import { SourceDriver } from './source-driver.ts';
import type { TaskGateway } from './task-gateway.ts';
import type { OperatorSnapshot } from './operator-snapshot.ts';

export const SOURCE_SPLITS_STATE = 'source-splits';

/** Errors a task has reported; the upstream tasks they propagate through do not report them again. */
const reported = new WeakSet<object>();

export interface TaskDeployment {
  readonly jobId: string;
  readonly graph: JobGraph;
  readonly vertex: JobVertex;
  readonly subtask: number;
  readonly attempt: number;
  readonly config: Configuration;
  readonly batch: boolean;
  readonly alignment: AlignmentMode;
  readonly restored: Map<string, OperatorSnapshot> | undefined;
  readonly gateway: TaskGateway;
  /** Logical input (0 or 1) of each input channel, by channel index. */
  readonly inputChannelInputs: readonly number[];
  /** Output channel writers per network edge id, in partitioner order. */
  readonly outputs: ReadonlyMap<number, readonly ChannelWriter[]>;
}

/** Backpressure as seen by one task: its remote writers (and those of local tasks downstream). */
export interface Capacity {
  hasBacklog(): boolean;
  whenAvailable(): Promise<void>;
}

type Queued = { readonly record: true; readonly value: unknown; readonly timestamp: number; readonly keyGroup: number } | { readonly record: false; readonly element: StreamElement };

export class StreamTask implements InputReceiver {
  readonly d: TaskDeployment;
  readonly name: string;
  readonly chain: OperatorChain;
  readonly processingTime = new SystemProcessingTimeService();
  readonly accumulators = new Map<string, number>();
  recordsIn = 0;
  recordsOut = 0;
  skipped = 0;
  capacity: Capacity | undefined;

  readonly #writers: RecordWriter[] = [];
  readonly #headInputs: InputFn[];
  readonly #numChannels: number;
  readonly #valve: WatermarkValve;
  readonly #aligner: BarrierAligner;
  readonly #queues: Queued[][];
  readonly #queueHeads: number[];
  #releasing = false;
  #releaseAgain = false;
  /** The barrier of each checkpoint being aligned, for its timestamp, kind and location. */
  readonly #pendingBarriers = new Map<number, Extract<StreamElement, { kind: 'barrier' }>>();
  #anyBlocked = false;
  readonly #endOfData: boolean[];
  readonly #ended: boolean[];
  #endOfDataCount = 0;
  #endedCount = 0;
  #inputEnded = false;
  #source: SourceDriver<unknown> | undefined;
  #cancelled = false;
  #finished = false;
  #controlQueue: Promise<void> = Promise.resolve();
  /** BATCH: keyed input is held back and processed grouped by key at end of input. */
  readonly #batchBuffer: Map<unknown, Array<[unknown, number, number]>> | undefined;
  readonly #collected = new Map<string, unknown[]>();
  #collectScheduled = false;

  constructor(d: TaskDeployment) {
    this.d = d;
    this.name = `${d.vertex.name} (${d.subtask + 1}/${d.vertex.parallelism})`;
    this.#numChannels = d.inputChannelInputs.length;
    // Source tasks have no input channels; their valve is never consulted.
    this.#valve = new WatermarkValve(Math.max(1, this.#numChannels));
    this.#aligner = new BarrierAligner(this.#numChannels, d.alignment);
    this.#queues = Array.from({ length: this.#numChannels }, () => []);
    this.#queueHeads = new Array<number>(this.#numChannels).fill(0);
    this.#endOfData = new Array<boolean>(this.#numChannels).fill(false);
    this.#ended = new Array<boolean>(this.#numChannels).fill(false);

    this.chain = new OperatorChain({
      vertex: d.vertex,
      subtask: d.subtask,
      uids: d.graph.uids,
      runtime: { jobId: d.jobId, jobName: d.graph.jobName, attemptNumber: d.attempt },
      config: d.config,
      processingTime: this.processingTime,
      restored: d.restored,
      accumulators: this.accumulators,
      externalTargets: (node) => this.#externalTargets(node),
      countSkipped: () => { this.skipped++; },
      collect: (id, v) => this.#collect(id, v),
    });
    const head = this.chain.head;
    const keyedHead = d.vertex.head.keySelectors.some((k) => k !== undefined);
    this.#batchBuffer = d.batch && keyedHead ? new Map() : undefined;
    this.#headInputs = d.inputChannelInputs.map((input) => head.inputs[input]!);
  }

  #externalTargets(node: StreamNode): ExternalTargets {
    const d = this.d;
    const targets: ExternalTargets = { records: [], watermarks: [], side: new Map() };
    for (const ne of d.vertex.outputs) {
      if (ne.edge.source !== node.id) continue;
      const channels = d.outputs.get(ne.id) ?? [];
      const receiver = d.graph.vertices[ne.targetVertex]!;
      const writer = new RecordWriter(channels, ne.partitioner === 'hash'
        ? { keyGroup: keyGroupSelector(ne.edge.keySelector!, channels.length, receiver.maxParallelism) }
        : { select: channelSelector(ne.partitioner, d.subtask, channels.length), broadcast: ne.partitioner === 'broadcast' });
      this.#writers.push(writer);
      const emit: RecordFn = (v, ts) => {
        this.recordsOut++;
        writer.emit(v, ts);
      };
      if (ne.edge.sideOutputTag !== undefined) {
        targets.side.set(ne.edge.sideOutputTag, [...(targets.side.get(ne.edge.sideOutputTag) ?? []), emit]);
      } else {
        targets.records.push(emit);
      }
      targets.watermarks.push((wm) => writer.broadcastControl({ kind: 'watermark', timestamp: wm }));
    }
    return targets;
  }

  /** Collected records go to the job master in batches, once per turn of the event loop. */
  #collect(collectId: string, value: unknown): void {
    let buf = this.#collected.get(collectId);
    if (!buf) this.#collected.set(collectId, (buf = []));
    buf.push(value);
    if (!this.#collectScheduled) {
      this.#collectScheduled = true;
      setImmediate(() => this.#flushCollected());
    }
  }

  #flushCollected(): void {
    this.#collectScheduled = false;
    for (const [id, values] of this.#collected) if (values.length) this.d.gateway.collect(id, values.splice(0));
  }

  hasBacklog(): boolean {
    return this.capacity?.hasBacklog() ?? false;
  }

  get isSource(): boolean {
    return this.d.vertex.head.kind === 'source';
  }

  /** Restores and opens operators, then starts reading (source tasks). */
  async start(): Promise<void> {
    await this.chain.open();
    const head = this.d.vertex.head;
    if (head.kind !== 'source') return;
    const headNode = this.chain.head;
    this.#source = new SourceDriver(head.source!, head.watermarkStrategy, {
      subtask: this.d.subtask,
      parallelism: this.d.vertex.parallelism,
      output: headNode.output,
      generateWatermarks: !this.d.batch,
      autoWatermarkInterval: this.d.config.get(AUTO_WATERMARK_INTERVAL),
      now: () => this.processingTime.now(),
      sendSplitRequest: () => this.d.gateway.sendSplitRequest(this.d.vertex.id, this.d.subtask),
      countSkipped: () => { this.skipped++; },
      waitForCapacity: () => (this.capacity?.hasBacklog() ? this.capacity.whenAvailable() : undefined),
      onIdle: (idle) => this.#broadcast({ kind: 'idle', idle }),
      onEndOfInput: () => this.#sourceEnded(),
      onFailure: (e) => this.fail(e),
    });
    const restoredSplits = headNode.operatorState.getListState<SourceSplit>(SOURCE_SPLITS_STATE).get();
    await this.#source.start(restoredSplits);
    this.d.gateway.registerReader(this.d.vertex.id, this.d.subtask);
  }

  addSplits(splits: readonly SourceSplit[]): void {
    this.#source?.addSplits(splits);
  }

  noMoreSplits(): void {
    this.#source?.notifyNoMoreSplits();
  }

  // ---- input ----

  receiveRecord(channel: number, value: unknown, timestamp: number, keyGroup: number): void {
    if (this.#anyBlocked && this.#aligner.isBlocked(channel)) {
      this.#queues[channel]!.push({ record: true, value, timestamp, keyGroup });
      return;
    }
    try {
      this.#record(channel, value, timestamp, keyGroup);
    } catch (e) {
      this.fail(e); // this task failed, not the upstream one whose call delivered the record
      throw e;
    }
  }

  #record(channel: number, value: unknown, timestamp: number, keyGroup: number): void {
    this.recordsIn++;
    if (this.#batchBuffer !== undefined) {
      this.#bufferForBatch(channel, value, timestamp);
      return;
    }
    this.#headInputs[channel]!(value, timestamp, keyGroup);
  }

  #bufferForBatch(channel: number, value: unknown, timestamp: number): void {
    const input = this.d.inputChannelInputs[channel]!;
    const select = this.d.vertex.head.keySelectors[input];
    if (select === undefined) {
      this.#headInputs[channel]!(value, timestamp, NO_KEY_GROUP); // the non-keyed (broadcast) side is not sorted
      return;
    }
    const k = select(value);
    const mapKey = typeof k === 'object' && k !== null ? canonicalKey(k) : k;
    let group = this.#batchBuffer!.get(mapKey);
    if (!group) this.#batchBuffer!.set(mapKey, (group = []));
    group.push([value, timestamp, channel]);
  }

  receiveControl(channel: number, element: StreamElement): void {
    if (this.#anyBlocked && this.#aligner.isBlocked(channel)) {
      this.#queues[channel]!.push({ record: false, element });
      return;
    }
    try {
      this.#control(channel, element);
    } catch (e) {
      this.fail(e);
      throw e;
    }
  }

  #control(channel: number, element: StreamElement): void {
    switch (element.kind) {
      case 'record':
        this.#record(channel, element.value, element.timestamp, NO_KEY_GROUP);
        break;
      case 'watermark': {
        if (this.d.batch) break;
        const wm = this.#valve.inputWatermark(channel, element.timestamp);
        if (wm !== undefined) this.chain.head.processWatermark(wm);
        break;
      }
      case 'idle': {
        const r = this.#valve.inputIdle(channel, element.idle);
        if (r.watermark !== undefined) this.chain.head.processWatermark(r.watermark);
        if (r.idle !== undefined) this.#broadcast({ kind: 'idle', idle: r.idle });
        break;
      }
      case 'barrier': {
        if (!this.#pendingBarriers.has(element.checkpointId)) this.#pendingBarriers.set(element.checkpointId, element);
        const r = this.#aligner.onBarrier(channel, element.checkpointId);
        if (r.aborted !== undefined) this.d.gateway.declineCheckpoint(r.aborted, this.d.vertex.id, this.d.subtask, `checkpoint ${element.checkpointId} overtook it`);
        this.#onAlignment(r.complete);
        break;
      }
      case 'endOfData':
        if (!this.#endOfData[channel]) {
          this.#endOfData[channel] = true;
          if (++this.#endOfDataCount === this.#numChannels) this.#inputsEnded();
        }
        break;
      case 'endOfPartition': {
        if (this.#ended[channel]) break;
        this.#ended[channel] = true;
        this.#onAlignment(this.#aligner.onChannelFinished(channel).complete);
        if (++this.#endedCount === this.#numChannels) void this.#enqueueControl(() => this.#finish());
        break;
      }
      default:
        assertNever(element, 'stream element');
    }
  }

  /** Replays what blocked channels held during alignment, each until it blocks again. */
  #releaseQueues(): void {
    if (this.#releasing) {
      this.#releaseAgain = true; // a replayed barrier completed another alignment: the outer loop goes on
      return;
    }
    this.#releasing = true;
    do {
      this.#releaseAgain = false;
      for (let ch = 0; ch < this.#queues.length; ch++) {
        const q = this.#queues[ch]!;
        while (this.#queueHeads[ch]! < q.length && !this.#aligner.isBlocked(ch)) {
          const item = q[this.#queueHeads[ch]!++]!;
          if (item.record) this.#record(ch, item.value, item.timestamp, item.keyGroup);
          else this.#control(ch, item.element);
        }
        if (this.#queueHeads[ch] === q.length) {
          q.length = 0;
          this.#queueHeads[ch] = 0;
        }
      }
    } while (this.#releaseAgain);
    this.#releasing = false;
    this.#updateBlocked();
  }

  #updateBlocked(): void {
    this.#anyBlocked = this.#aligner.aligning && this.d.alignment === 'exactly-once';
  }

  #onAlignment(complete: readonly number[]): void {
    this.#updateBlocked();
    if (complete.length === 0) return;
    for (const id of complete) {
      const b = this.#pendingBarriers.get(id)!;
      for (const older of this.#pendingBarriers.keys()) if (older <= id) this.#pendingBarriers.delete(older);
      this.#checkpoint(b.checkpointId, b.timestamp, b.checkpointKind, b.location);
    }
    this.#releaseQueues();
  }

  #inputsEnded(): void {
    if (this.#batchBuffer) {
      for (const group of this.#batchBuffer.values()) {
        for (const [v, ts, ch] of group) this.#headInputs[ch]!(v, ts, NO_KEY_GROUP);
      }
      this.#batchBuffer.clear();
    }
    this.chain.head.processWatermark(MAX_WATERMARK);
    this.chain.endInput(0);
    this.#endOfOutput();
  }

  #sourceEnded(): void {
    this.chain.head.output.emitWatermark(MAX_WATERMARK);
    this.chain.endInput(1);
    this.#endOfOutput();
  }

  #endOfOutput(): void {
    this.#inputEnded = true;
    this.#flushCollected();
    this.#broadcast({ kind: 'endOfData' });
    if (this.d.vertex.outputs.length === 0) this.d.gateway.reportEndOfData(this.d.vertex.id, this.d.subtask);
  }

  #broadcast(element: StreamElement): void {
    for (const w of this.#writers) w.broadcastControl(element);
  }

  // ---- checkpoints ----

  /** Source tasks: the coordinator asks for a checkpoint; other tasks get it as barriers. */
  triggerCheckpoint(checkpointId: number, timestamp: number, kind: CheckpointKind, location: string): void {
    if (this.#cancelled || this.#finished) return;
    this.#checkpoint(checkpointId, timestamp, kind, location);
  }

  #checkpoint(checkpointId: number, timestamp: number, kind: CheckpointKind, location: string): void {
    const d = this.d;
    if (this.#source) {
      const splits = this.#source.snapshotSplits(checkpointId);
      this.chain.head.operatorState.getListState<SourceSplit>(SOURCE_SPLITS_STATE).update(splits);
    }
    const snapshots = this.chain.snapshot(checkpointId);
    this.#broadcast({ kind: 'barrier', checkpointId, timestamp, checkpointKind: kind, location });
    const range = keyGroupRangeFor(d.subtask, d.vertex.parallelism, d.vertex.maxParallelism);
    Promise.all([...snapshots].map(([uid, snap]) => writeOperatorSnapshot(location, uid, d.subtask, snap, range.start, range.end)))
      .then(
        (operators) => d.gateway.acknowledgeCheckpoint({ checkpointId, vertex: d.vertex.id, subtask: d.subtask, operators }),
        (e: Error) => d.gateway.declineCheckpoint(checkpointId, d.vertex.id, d.subtask, `writing state failed: ${e.message}`),
      );
  }

  /** Resolves when handled (or failed, which is reported). */
  notifyCheckpointComplete(checkpointId: number): Promise<void> {
    return this.#enqueueControl(async () => {
      await this.chain.notifyCheckpointComplete(checkpointId);
      this.#source?.reader.notifyCheckpointComplete?.(checkpointId);
    });
  }

  notifyCheckpointAborted(checkpointId: number): void {
    void this.#enqueueControl(() => this.chain.notifyCheckpointAborted(checkpointId));
  }

  // ---- end ----

  /** Source tasks: all sinks have committed; emit end of partition and finish. */
  finishSource(): void {
    void this.#enqueueControl(() => this.#finish());
  }

  async #finish(): Promise<void> {
    if (this.#finished || this.#cancelled) return;
    if (!this.#inputEnded && !this.isSource) this.#inputsEnded();
    this.#finished = true;
    await this.chain.finish();
    this.#broadcast({ kind: 'endOfPartition' });
    await this.#source?.close();
    this.processingTime.close();
    const errors = await this.chain.close();
    if (errors.length) throw errors[0];
    this.d.gateway.reportFinished(this.d.vertex.id, this.d.subtask, Object.fromEntries(this.accumulators));
  }

  #enqueueControl(fn: () => void | Promise<void>): Promise<void> {
    this.#controlQueue = this.#controlQueue.then(async () => {
      if (this.#cancelled) return;
      try {
        await fn();
      } catch (e) {
        this.fail(e);
      }
    });
    return this.#controlQueue;
  }

  /** Reports a failure; an error already reported by a downstream task in this thread is not reported again. */
  fail(e: unknown): void {
    if (this.#cancelled) return;
    if (typeof e === 'object' && e !== null) {
      if (reported.has(e)) return;
      reported.add(e);
    }
    const err = e instanceof Error ? e : new Error(String(e));
    this.d.gateway.reportFailure({ vertex: this.d.vertex.id, subtask: this.d.subtask, taskName: this.name, message: err.message, stack: err.stack });
  }

  /** Stops without finishing: no commits, state is whatever the last checkpoint holds. */
  async cancel(): Promise<void> {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.#source?.stop();
    this.processingTime.close();
    try {
      await this.#source?.close();
    } catch { /* closing after a failure may fail again */ }
    await this.chain.close();
  }

  get cancelled(): boolean {
    return this.#cancelled;
  }
}
