// Test-only: runs one operator the way a task does (Flink's operator test harness) — real state
// backends and timer services, a manual clock, output collected into arrays — and can snapshot it
// and restore the snapshot into a fresh operator instance.
import { Configuration } from '../../../core/config.ts';
import { keyGroupRangeFor } from '../../../core/key-group.ts';
import { MIN_WATERMARK, NO_TIMESTAMP } from '../../../core/stream-element.ts';
import { HeapKeyedStateBackend } from '../../../state/heap/heap-keyed-state-backend.ts';
import type { KeyedStateBackend, KeyGroupBlob } from '../../../state/keyed-state-backend.ts';
import type { OperatorStateEntry } from '../../../state/operator-state.ts';
import { DefaultOperatorStateStore } from '../../../state/operator-state-store.ts';
import { HeapTimerService } from '../../../time/heap-timer-service.ts';
import { ManualProcessingTimeService } from '../../../time/processing-time-service.ts';
import type { InternalTimerService, Triggerable } from '../../../time/timer-service.ts';
import type { OperatorContext, Output, OutputTag, StreamOperator } from '../stream-operator.ts';

export interface HarnessRecord<T> {
  readonly value: T;
  readonly timestamp: number;
}

/** Everything the operator emitted, in order: records, side output records and watermarks interleaved. */
export type HarnessElement<T> =
  | { readonly kind: 'record'; readonly value: T; readonly timestamp: number }
  | { readonly kind: 'side'; readonly tag: string; readonly value: unknown; readonly timestamp: number }
  | { readonly kind: 'watermark'; readonly timestamp: number };

/** One operator's state, shaped as a task's checkpoint holds it. */
export interface HarnessSnapshot {
  readonly keyed: readonly KeyGroupBlob[];
  readonly timers: Readonly<Record<string, readonly KeyGroupBlob[]>>;
  readonly operator: readonly OperatorStateEntry[];
}

export interface HarnessOptions {
  /**
   * Key selector per input, as keyBy() gives them; a keyed backend is created when any is set, and
   * the harness sets the current key before processElement, as the runtime does. Leave an input's
   * entry undefined for the broadcast side of a keyed-broadcast connection.
   */
  readonly keySelectors?: readonly (((value: any) => unknown) | undefined)[];
  readonly subtaskIndex?: number;
  readonly parallelism?: number;
  readonly maxParallelism?: number;
  readonly attemptNumber?: number;
  readonly operatorName?: string;
  /** Start of the manual processing-time clock (default 0). */
  readonly processingTime?: number;
  /** Restore this snapshot before open (ctx.isRestored is then true). */
  readonly restoreFrom?: HarnessSnapshot;
}

export class OperatorTestHarness<IN, OUT> {
  readonly operator: StreamOperator<IN, OUT>;
  readonly output: HarnessElement<OUT>[] = [];
  readonly records: HarnessRecord<OUT>[] = [];
  readonly watermarks: number[] = [];
  /** Side output records by tag id. */
  readonly sideOutputs = new Map<string, HarnessRecord<unknown>[]>();
  readonly accumulators = new Map<string, number>();
  readonly skipped: string[] = [];
  readonly keyedState: KeyedStateBackend | undefined;
  readonly operatorState: DefaultOperatorStateStore;
  readonly processingTime: ManualProcessingTimeService;
  readonly timerServices = new Map<string, InternalTimerService>();
  readonly #keySelectors: readonly (((value: any) => unknown) | undefined)[];
  #watermark = MIN_WATERMARK;

  private constructor(operator: StreamOperator<IN, OUT>, options: HarnessOptions) {
    const subtaskIndex = options.subtaskIndex ?? 0;
    const parallelism = options.parallelism ?? 1;
    const maxParallelism = options.maxParallelism ?? 128;
    this.operator = operator;
    this.#keySelectors = options.keySelectors ?? [];
    this.processingTime = new ManualProcessingTimeService(options.processingTime ?? 0);
    const restored = options.restoreFrom;
    this.keyedState = this.#keySelectors.some((k) => k !== undefined)
      ? new HeapKeyedStateBackend({
        keyGroupRange: keyGroupRangeFor(subtaskIndex, parallelism, maxParallelism),
        maxParallelism,
        now: () => this.processingTime.now(),
      })
      : undefined;
    if (this.keyedState && restored) this.keyedState.restore(restored.keyed);
    this.operatorState = new DefaultOperatorStateStore(restored?.operator ?? []);
  }

  /** Builds the context from real backends and opens the operator (awaiting an async open). */
  static async open<IN, OUT>(operator: StreamOperator<IN, OUT>, options: HarnessOptions = {}): Promise<OperatorTestHarness<IN, OUT>> {
    const h = new OperatorTestHarness(operator, options);
    await operator.open?.(h.#context(options));
    return h;
  }

  #context(options: HarnessOptions): OperatorContext<OUT> {
    const output: Output<OUT> = {
      collect: (value, timestamp) => {
        this.records.push({ value, timestamp });
        this.output.push({ kind: 'record', value, timestamp });
      },
      collectSide: (tag, value, timestamp) => {
        const list = this.sideOutputs.get(tag.id) ?? [];
        list.push({ value, timestamp });
        this.sideOutputs.set(tag.id, list);
        this.output.push({ kind: 'side', tag: tag.id, value, timestamp });
      },
      emitWatermark: (watermark) => { this.#emitWatermark(watermark); },
    };
    const restoredTimers = options.restoreFrom?.timers ?? {};
    return {
      output,
      runtime: {
        jobId: 'test-job',
        jobName: 'test job',
        taskName: options.operatorName ?? 'test operator',
        operatorName: options.operatorName ?? 'test operator',
        subtaskIndex: options.subtaskIndex ?? 0,
        parallelism: options.parallelism ?? 1,
        maxParallelism: options.maxParallelism ?? 128,
        attemptNumber: options.attemptNumber ?? 0,
      },
      config: new Configuration(),
      keyedState: this.keyedState,
      operatorState: this.operatorState,
      processingTime: this.processingTime,
      accumulators: { add: (name, n) => { this.accumulators.set(name, (this.accumulators.get(name) ?? 0) + n); } },
      currentWatermark: () => this.#watermark,
      getTimerService: (name: string, target: Triggerable) => {
        const existing = this.timerServices.get(name);
        if (existing) return existing;
        if (!this.keyedState) throw new Error(`timer service '${name}' needs a keyed stream: pass keySelectors to the harness`);
        const service = new HeapTimerService(this.keyedState, this.processingTime, target);
        const blobs = restoredTimers[name];
        if (blobs) service.restore(blobs);
        this.timerServices.set(name, service);
        return service;
      },
      isRestored: options.restoreFrom !== undefined,
      countSkipped: (reason) => { this.skipped.push(reason); },
    };
  }

  /** Sets the current key when the input is keyed, then calls processElement, as the task's chain does. */
  processElement(value: IN, timestamp = NO_TIMESTAMP, input = 0): void {
    const select = this.#keySelectors[input];
    if (select && this.keyedState) this.keyedState.setCurrentKey(select(value));
    this.operator.processElement(value, timestamp, input);
  }

  /** The combined watermark advances: the operator's hook, or the task's default (forward it). */
  processWatermark(watermark: number): void {
    this.#watermark = watermark;
    if (this.operator.processWatermark) this.operator.processWatermark(watermark);
    else this.#emitWatermark(watermark);
  }

  #emitWatermark(watermark: number): void {
    this.watermarks.push(watermark);
    this.output.push({ kind: 'watermark', timestamp: watermark });
  }

  /** Moves the manual clock, firing due processing-time timers and callbacks. */
  setProcessingTime(time: number): void {
    this.processingTime.advanceTo(time);
  }

  /** The operator's synchronous snapshot, then a consistent copy of its state, as at a barrier. */
  snapshot(checkpointId: number): HarnessSnapshot {
    this.operator.snapshotState?.(checkpointId);
    const timers: Record<string, KeyGroupBlob[]> = {};
    for (const [name, service] of this.timerServices) timers[name] = service.snapshot();
    return { keyed: this.keyedState?.snapshot() ?? [], timers, operator: this.operatorState.snapshot() };
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    await this.operator.notifyCheckpointComplete?.(checkpointId);
  }

  notifyCheckpointAborted(checkpointId: number): void {
    this.operator.notifyCheckpointAborted?.(checkpointId);
  }

  endInput(): void {
    this.operator.endInput?.();
  }

  async finish(): Promise<void> {
    await this.operator.finish?.();
  }

  async close(): Promise<void> {
    for (const service of this.timerServices.values()) service.close();
    await this.operator.close?.();
  }

  /** The main output's values, without timestamps. */
  values(): OUT[] {
    return this.records.map((r) => r.value);
  }

  sideValues<X>(tag: OutputTag<X>): X[] {
    return (this.sideOutputs.get(tag.id) ?? []).map((r) => r.value as X);
  }

  /** Clears collected output, to look only at what follows. */
  clearOutput(): void {
    this.output.length = 0;
    this.records.length = 0;
    this.watermarks.length = 0;
    this.sideOutputs.clear();
  }
}
