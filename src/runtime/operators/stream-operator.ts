// The operator contract: a chain is a sequence of operators calling each other's
// processElement directly. Only processElement is required; the task supplies defaults
// (forward the watermark, nothing to snapshot) for the optional hooks.
import type { Configuration } from '../../core/config.ts';
import type { KeyedStateBackend } from '../../state/keyed-state-backend.ts';
import type { OperatorStateStore } from '../../state/operator-state.ts';
import type { InternalTimerService, Triggerable } from '../../time/timer-service.ts';
import type { ProcessingTimeService } from '../../time/processing-time-service.ts';

/** Identifies a side output; the id must be unique within the job. */
export class OutputTag<T> {
  readonly id: string;
  declare readonly _t?: T;
  constructor(id: string) {
    this.id = id;
  }
}

/** Where an operator sends its results. Timestamps are event time, or NO_TIMESTAMP. */
export interface Output<T> {
  collect(value: T, timestamp: number): void;
  collectSide<X>(tag: OutputTag<X>, value: X, timestamp: number): void;
  emitWatermark(watermark: number): void;
}

export interface RuntimeInfo {
  readonly jobId: string;
  readonly jobName: string;
  readonly taskName: string;
  /** The operator's own name (as set with .name()). */
  readonly operatorName: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly attemptNumber: number;
}

/** Accumulators: named values added up over all subtasks and returned by execute(). */
export interface Accumulators {
  add(name: string, value: number): void;
}

export interface OperatorContext<OUT> {
  readonly output: Output<OUT>;
  readonly runtime: RuntimeInfo;
  readonly config: Configuration;
  /** Present for operators on a keyed stream. */
  readonly keyedState: KeyedStateBackend | undefined;
  readonly operatorState: OperatorStateStore;
  readonly processingTime: ProcessingTimeService;
  readonly accumulators: Accumulators;
  /** The latest watermark this operator has received (MIN_WATERMARK before the first). */
  currentWatermark(): number;
  /** Creates (or returns, by name) a timer service whose timers call `target`; keyed operators only. */
  getTimerService(name: string, target: Triggerable): InternalTimerService;
  /** True when restoring from a checkpoint or savepoint. */
  readonly isRestored: boolean;
  /** Counts a record that was skipped (bad input with a skip option); shown as a metric. */
  countSkipped(reason: string): void;
}

export interface StreamOperator<IN, OUT> {
  /**
   * Called once before any element, after state was restored into ctx.keyedState and
   * ctx.operatorState (Flink's initializeState + open).
   */
  open?(ctx: OperatorContext<OUT>): void | Promise<void>;
  /** `input` is 0 for one-input operators, 0 or 1 for two-input operators. */
  processElement(value: IN, timestamp: number, input: number): void;
  /** Called with the combined watermark of all inputs, only when it advances. Default: forward it. */
  processWatermark?(watermark: number): void;
  /** Synchronous part of a snapshot: bring operator state up to date (state backends snapshot themselves). */
  snapshotState?(checkpointId: number): void;
  notifyCheckpointComplete?(checkpointId: number): void | Promise<void>;
  notifyCheckpointAborted?(checkpointId: number): void;
  /** All input is consumed (bounded input); emit what is pending. Called after the final MAX watermark. */
  endInput?(): void;
  /**
   * The job ends normally (after endInput and, with checkpointing, after the final checkpoint
   * completed). Sinks without checkpointing commit here. Not called when the job is cancelled or fails.
   */
  finish?(): void | Promise<void>;
  /** Releases resources; called on every exit, normal or not. */
  close?(): void | Promise<void>;
}

export type OperatorFactory<IN = any, OUT = any> = () => StreamOperator<IN, OUT>;
