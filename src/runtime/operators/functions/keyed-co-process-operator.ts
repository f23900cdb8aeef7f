// Runs a KeyedCoProcessFunction on two connected inputs keyed the same way: input 0 goes to
// processElement1, input 1 to processElement2; both share the key's state and timers. Timer output
// timestamps follow KeyedProcessOperator (event time: the timer's; processing time: none).
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import type { InternalTimerService, Timer, Triggerable } from '../../../time/timer-service.ts';
import type { OperatorContext, Output, StreamOperator } from '../stream-operator.ts';
import { ProcessCallContext } from './process-call-context.ts';
import { requireKeyedState } from './require-keyed-state.ts';
import { TimestampedCollector } from './timestamped-collector.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, requireMethods, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import { KeyedTimerService } from './user-timer-service.ts';
import type { KeyedCoProcessFunction } from './user-functions.ts';

export class KeyedCoProcessOperator<K, I1, I2, O> implements StreamOperator<I1 | I2, O>, Triggerable {
  readonly #fn: KeyedCoProcessFunction<K, I1, I2, O>;
  #output!: Output<O>;
  #timers!: InternalTimerService;
  #collector!: TimestampedCollector<O>;
  #context!: ProcessCallContext<K>;

  constructor(fn: KeyedCoProcessFunction<K, I1, I2, O>) {
    requireMethods(fn, ['processElement1', 'processElement2'], 'KeyedCoProcessFunction');
    this.#fn = fn;
  }

  open(ctx: OperatorContext<O>): void | Promise<void> {
    const keyed = requireKeyedState(ctx, 'KeyedCoProcessFunction');
    this.#output = ctx.output;
    this.#timers = ctx.getTimerService('user-timers', this);
    this.#collector = new TimestampedCollector(ctx.output);
    this.#context = new ProcessCallContext(ctx.output, new KeyedTimerService(this.#timers), keyed);
    return openUserFunction(this.#fn, ctx);
  }

  processElement(value: I1 | I2, timestamp: number, input: number): void {
    this.#collector.timestamp = timestamp;
    this.#context.currentTimestamp = timestamp;
    if (input === 0) this.#fn.processElement1(value as I1, this.#context, this.#collector);
    else this.#fn.processElement2(value as I2, this.#context, this.#collector);
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
