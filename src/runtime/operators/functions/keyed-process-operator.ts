// Runs a KeyedProcessFunction: keyed state and timers of the current key. Results of processElement
// keep the element's timestamp; results of an event-time timer carry the timer's timestamp, those
// of a processing-time timer none (Flink's KeyedProcessOperator).
import type { OperatorContext, StreamOperator } from '../stream-operator.ts';
import { UserTimers } from './user-timers.ts';
import { ProcessCallContext } from './process-call-context.ts';
import { TimestampedCollector } from './timestamped-collector.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, requireMethods, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import { KeyedTimerService } from './user-timer-service.ts';
import type { KeyedProcessFunction } from './user-functions.ts';
import { requireKeyedState } from './require-keyed-state.ts';

export class KeyedProcessOperator<K, I, O> implements StreamOperator<I, O> {
  readonly #fn: KeyedProcessFunction<K, I, O>;
  #timers!: UserTimers<ProcessCallContext<K>, O>;
  #collector!: TimestampedCollector<O>;
  #context!: ProcessCallContext<K>;

  constructor(fn: KeyedProcessFunction<K, I, O>) {
    requireMethods(fn, ['processElement'], 'KeyedProcessFunction');
    this.#fn = fn;
  }

  open(ctx: OperatorContext<O>): void | Promise<void> {
    const keyed = requireKeyedState(ctx, 'KeyedProcessFunction');
    this.#collector = new TimestampedCollector(ctx.output);
    this.#timers = new UserTimers(ctx, this.#collector, (ts, c, out) => this.#fn.onTimer?.(ts, c, out));
    this.#context = new ProcessCallContext(ctx.output, new KeyedTimerService(this.#timers.service), keyed);
    this.#timers.bind(this.#context);
    return openUserFunction(this.#fn, ctx);
  }

  processElement(value: I, timestamp: number): void {
    this.#collector.timestamp = timestamp;
    this.#context.currentTimestamp = timestamp;
    this.#fn.processElement(value, this.#context, this.#collector);
  }

  processWatermark(watermark: number): void {
    this.#timers.advanceWatermark(watermark);
  }

  snapshotState(checkpointId: number): void {
    snapshotUserFunction(this.#fn, checkpointId);
  }

  notifyCheckpointComplete(checkpointId: number): void | Promise<void> {
    return notifyUserFunctionComplete(this.#fn, checkpointId);
  }

  notifyCheckpointAborted(checkpointId: number): void {
    notifyUserFunctionAborted(this.#fn, checkpointId);
  }

  close(): void | Promise<void> {
    return closeUserFunction(this.#fn);
  }
}
