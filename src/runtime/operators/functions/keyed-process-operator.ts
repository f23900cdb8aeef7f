// Runs a KeyedProcessFunction: keyed state and timers of the current key. Results of processElement
// keep the element's timestamp; results of an event-time timer carry the timer's timestamp, those
// of a processing-time timer none (Flink's KeyedProcessOperator).
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import type { InternalTimerService, Timer, Triggerable } from '../../../time/timer-service.ts';
import type { OperatorContext, Output, StreamOperator } from '../stream-operator.ts';
import { ProcessCallContext } from './process-call-context.ts';
import { TimestampedCollector } from './timestamped-collector.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, requireMethods, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import { KeyedTimerService } from './user-timer-service.ts';
import type { KeyedProcessFunction } from './user-functions.ts';
import { requireKeyedState } from './require-keyed-state.ts';

export class KeyedProcessOperator<K, I, O> implements StreamOperator<I, O>, Triggerable {
  readonly #fn: KeyedProcessFunction<K, I, O>;
  #output!: Output<O>;
  #timers!: InternalTimerService;
  #collector!: TimestampedCollector<O>;
  #context!: ProcessCallContext<K>;

  constructor(fn: KeyedProcessFunction<K, I, O>) {
    requireMethods(fn, ['processElement'], 'KeyedProcessFunction');
    this.#fn = fn;
  }

  open(ctx: OperatorContext<O>): void | Promise<void> {
    const keyed = requireKeyedState(ctx, 'KeyedProcessFunction');
    this.#output = ctx.output;
    this.#timers = ctx.getTimerService('user-timers', this);
    this.#collector = new TimestampedCollector(ctx.output);
    this.#context = new ProcessCallContext(ctx.output, new KeyedTimerService(this.#timers), keyed);
    return openUserFunction(this.#fn, ctx);
  }

  processElement(value: I, timestamp: number): void {
    this.#collector.timestamp = timestamp;
    this.#context.currentTimestamp = timestamp;
    this.#fn.processElement(value, this.#context, this.#collector);
  }

  processWatermark(watermark: number): void {
    this.#timers.advanceWatermark(watermark);
    this.#output.emitWatermark(watermark);
  }

  onEventTime(timer: Timer): void {
    this.#collector.timestamp = timer.timestamp;
    this.#fire(timer, 'EVENT_TIME');
  }

  onProcessingTime(timer: Timer): void {
    this.#collector.timestamp = NO_TIMESTAMP;
    this.#fire(timer, 'PROCESSING_TIME');
  }

  #fire(timer: Timer, domain: 'EVENT_TIME' | 'PROCESSING_TIME'): void {
    this.#context.currentTimestamp = timer.timestamp;
    this.#context.currentDomain = domain;
    this.#fn.onTimer?.(timer.timestamp, this.#context, this.#collector);
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
