// Builds the operators of one subtask's chain and wires them with direct calls: a record goes
// from one operator's output into the next operator's processElement without queues or copies.
import type { Configuration } from '../../core/config.ts';
import { keyGroupRangeFor } from '../../core/key-group.ts';
import { MIN_WATERMARK } from '../../core/stream-element.ts';
import { UserFunctionError } from '../../core/errors.ts';
import { HeapKeyedStateBackend } from '../../state/heap/heap-keyed-state-backend.ts';
import { DefaultOperatorStateStore } from '../../state/operator-state-store.ts';
import type { KeyedStateBackend } from '../../state/keyed-state-backend.ts';
import { HeapTimerService } from '../../time/heap-timer-service.ts';
import type { InternalTimerService, Triggerable } from '../../time/timer-service.ts';
import type { ProcessingTimeService } from '../../time/processing-time-service.ts';
import type { StreamNode } from '../graph/stream-graph.ts';
import type { JobVertex } from '../graph/job-graph.ts';
import type { KeySelector } from '../graph/partitioner.ts';
import type { Output, OutputTag, StreamOperator, OperatorContext, RuntimeInfo } from '../operators/stream-operator.ts';
import { EMPTY_SNAPSHOT, type OperatorSnapshot } from './operator-snapshot.ts';
import { CollectSinkOperator } from '../operators/functions/collect-sink-operator.ts';

export type RecordFn = (value: unknown, timestamp: number) => void;
/** A head input: records from channels, with the key group when a hash partitioner computed it (else -1). */
export type InputFn = (value: unknown, timestamp: number, keyGroup: number) => void;
export type WatermarkFn = (watermark: number) => void;

/** Where a node's records go besides chained operators: the task's network writers. */
export interface ExternalTargets {
  records: RecordFn[];
  watermarks: WatermarkFn[];
  side: Map<string, RecordFn[]>;
}

export interface ChainNode {
  readonly node: StreamNode;
  readonly uid: string;
  /** Undefined for the source node at the head of a source task. */
  readonly operator: StreamOperator<unknown, unknown> | undefined;
  readonly output: Output<unknown>;
  readonly keyedState: KeyedStateBackend | undefined;
  readonly operatorState: DefaultOperatorStateStore;
  readonly timerServices: Map<string, InternalTimerService>;
  /** Entry points per logical input: set the key (keyed inputs), then processElement. */
  readonly inputs: InputFn[];
  processWatermark: WatermarkFn;
  watermark: number;
}

export interface ChainEnvironment {
  readonly vertex: JobVertex;
  readonly subtask: number;
  readonly uids: ReadonlyMap<number, string>;
  readonly runtime: Omit<RuntimeInfo, 'operatorName' | 'subtaskIndex' | 'parallelism' | 'maxParallelism' | 'taskName'>;
  readonly config: Configuration;
  readonly processingTime: ProcessingTimeService;
  readonly restored: ReadonlyMap<string, OperatorSnapshot> | undefined;
  readonly accumulators: Map<string, number>;
  /** External (network, collect) targets of a node, by node id. */
  externalTargets(node: StreamNode): ExternalTargets;
  countSkipped(reason: string): void;
  /** Where collect sinks (executeAndCollect) send their records. */
  collect(collectId: string, value: unknown): void;
}

function wrapFailure(err: unknown, node: StreamNode, subtask: number): unknown {
  return err instanceof UserFunctionError ? err : new UserFunctionError(node.name, subtask, err);
}

export class OperatorChain {
  readonly nodes: ChainNode[] = [];
  readonly #byId = new Map<number, ChainNode>();
  readonly #env: ChainEnvironment;

  constructor(env: ChainEnvironment) {
    this.#env = env;
    const { vertex } = env;
    // Build downstream first so each node's output can point at its chained successors.
    for (const node of [...vertex.nodes].reverse()) this.#build(node);
    this.nodes.reverse();
  }

  get head(): ChainNode {
    return this.#byId.get(this.#env.vertex.head.id)!;
  }

  #build(node: StreamNode): void {
    const env = this.#env;
    const { vertex, subtask } = env;
    const uid = env.uids.get(node.id)!;
    const restored = env.restored?.get(uid) ?? EMPTY_SNAPSHOT;
    const keyed = node.keySelectors.some((k) => k !== undefined);
    const keyedState = keyed
      ? new HeapKeyedStateBackend({ keyGroupRange: keyGroupRangeFor(subtask, vertex.parallelism, vertex.maxParallelism), maxParallelism: vertex.maxParallelism, now: () => env.processingTime.now() })
      : undefined;
    if (keyedState && restored.keyed.length) keyedState.restore(restored.keyed);
    const operatorState = new DefaultOperatorStateStore(restored.operator);

    const output = this.#outputOf(node);
    const collectId = node.collectId;
    const operator: StreamOperator<unknown, unknown> | undefined = collectId !== undefined
      ? new CollectSinkOperator((v) => env.collect(collectId, v))
      : node.operatorFactory?.();
    const timerServices = new Map<string, InternalTimerService>();
    const chainNode: ChainNode = {
      node, uid, operator, output, keyedState, operatorState, timerServices,
      inputs: [],
      processWatermark: output.emitWatermark.bind(output),
      watermark: MIN_WATERMARK,
    };

    if (operator) {
      const op = operator;
      const fail = (e: unknown) => wrapFailure(e, node, subtask);
      for (let input = 0; input < Math.max(1, node.keySelectors.length); input++) {
        const select: KeySelector | undefined = node.keySelectors[input];
        const idx = input;
        chainNode.inputs.push(select && keyedState
          ? (v, ts, kg) => {
            try {
              if (kg >= 0) keyedState.setCurrentKeyInGroup(select(v), kg);
              else keyedState.setCurrentKey(select(v));
              op.processElement(v, ts, idx);
            } catch (e) { throw fail(e); }
          }
          : (v, ts) => {
            try { op.processElement(v, ts, idx); } catch (e) { throw fail(e); }
          });
      }
      const onWatermark = op.processWatermark?.bind(op);
      chainNode.processWatermark = (wm) => {
        chainNode.watermark = wm;
        try {
          if (onWatermark) onWatermark(wm);
          else output.emitWatermark(wm);
        } catch (e) { throw fail(e); }
      };
    }
    this.nodes.push(chainNode);
    this.#byId.set(node.id, chainNode);
  }

  #outputOf(node: StreamNode): Output<unknown> {
    const { vertex } = this.#env;
    const ext = this.#env.externalTargets(node);
    const records: RecordFn[] = [...ext.records];
    const watermarks: WatermarkFn[] = [...ext.watermarks];
    const side = new Map<string, RecordFn[]>(ext.side);
    for (const e of vertex.chainedEdges) {
      if (e.source !== node.id) continue;
      const target = this.#byId.get(e.target)!;
      const headInput = target.inputs[e.inputIndex]!;
      const input: RecordFn = (v, ts) => headInput(v, ts, -1);
      if (e.sideOutputTag !== undefined) {
        side.set(e.sideOutputTag, [...(side.get(e.sideOutputTag) ?? []), input]);
      } else {
        records.push(input);
      }
      watermarks.push((wm) => target.processWatermark(wm));
    }
    const collect: RecordFn = records.length === 0 ? () => {} : records.length === 1 ? records[0]! : (v, ts) => {
      for (let i = 0; i < records.length; i++) records[i]!(v, ts);
    };
    return {
      collect,
      collectSide<X>(tag: OutputTag<X>, value: X, timestamp: number) {
        const targets = side.get(tag.id);
        if (targets) for (const t of targets) t(value, timestamp);
      },
      emitWatermark(wm: number) {
        for (const w of watermarks) w(wm);
      },
    };
  }

  /** Opens operators tail first, so downstream operators are ready before upstream ones emit. */
  async open(): Promise<void> {
    const env = this.#env;
    for (const cn of [...this.nodes].reverse()) {
      if (!cn.operator?.open) continue;
      try {
        await cn.operator.open(this.#contextOf(cn));
      } catch (e) {
        throw wrapFailure(e, cn.node, env.subtask);
      }
    }
  }

  #contextOf(cn: ChainNode): OperatorContext<unknown> {
    const env = this.#env;
    const restored = env.restored?.get(cn.uid);
    return {
      output: cn.output,
      runtime: {
        ...env.runtime,
        taskName: env.vertex.name,
        operatorName: cn.node.name,
        subtaskIndex: env.subtask,
        parallelism: env.vertex.parallelism,
        maxParallelism: env.vertex.maxParallelism,
      },
      config: env.config,
      keyedState: cn.keyedState,
      operatorState: cn.operatorState,
      processingTime: env.processingTime,
      accumulators: { add: (name, v) => env.accumulators.set(name, (env.accumulators.get(name) ?? 0) + v) },
      currentWatermark: () => cn.watermark,
      getTimerService: (name: string, target: Triggerable) => {
        const existing = cn.timerServices.get(name);
        if (existing) return existing;
        if (!cn.keyedState) throw new Error(`timers need a keyed stream: operator '${cn.node.name}' is not keyed (use keyBy() before it)`);
        const service = new HeapTimerService(cn.keyedState, env.processingTime, target);
        const blobs = restored?.timers[name];
        if (blobs) service.restore(blobs);
        cn.timerServices.set(name, service);
        return service;
      },
      isRestored: env.restored !== undefined,
      countSkipped: (reason) => env.countSkipped(reason),
    };
  }

  /** The synchronous part of a checkpoint: a consistent copy of every operator's state. */
  snapshot(checkpointId: number, extra?: (cn: ChainNode) => OperatorSnapshot['operator']): Map<string, OperatorSnapshot> {
    const out = new Map<string, OperatorSnapshot>();
    for (const cn of this.nodes) {
      try {
        cn.operator?.snapshotState?.(checkpointId);
      } catch (e) {
        throw wrapFailure(e, cn.node, this.#env.subtask);
      }
      const timers: Record<string, OperatorSnapshot['keyed']> = {};
      for (const [name, t] of cn.timerServices) timers[name] = t.snapshot();
      out.set(cn.uid, {
        keyed: cn.keyedState?.snapshot() ?? [],
        timers,
        operator: [...cn.operatorState.snapshot(), ...(extra?.(cn) ?? [])],
      });
    }
    return out;
  }

  async notifyCheckpointComplete(id: number): Promise<void> {
    for (const cn of this.nodes) {
      try {
        await cn.operator?.notifyCheckpointComplete?.(id);
      } catch (e) {
        throw wrapFailure(e, cn.node, this.#env.subtask);
      }
    }
  }

  notifyCheckpointAborted(id: number): void {
    for (const cn of this.nodes) cn.operator?.notifyCheckpointAborted?.(id);
  }

  /** End of input: every operator after `from` (the head) flushes, in chain order. */
  endInput(fromIndex = 0): void {
    for (let i = fromIndex; i < this.nodes.length; i++) {
      const cn = this.nodes[i]!;
      try {
        cn.operator?.endInput?.();
      } catch (e) {
        throw wrapFailure(e, cn.node, this.#env.subtask);
      }
    }
  }

  async finish(): Promise<void> {
    for (const cn of this.nodes) {
      try {
        await cn.operator?.finish?.();
      } catch (e) {
        throw wrapFailure(e, cn.node, this.#env.subtask);
      }
    }
  }

  /** Closes everything; errors are collected, not thrown, so every operator gets closed. */
  async close(): Promise<unknown[]> {
    const errors: unknown[] = [];
    for (const cn of this.nodes) {
      for (const t of cn.timerServices.values()) t.close();
      try {
        await cn.operator?.close?.();
      } catch (e) {
        errors.push(e);
      }
    }
    return errors;
  }
}
