// Runs a KeyedCoProcessFunction on two connected inputs keyed the same way: input 0 goes to
// processElement1, input 1 to processElement2; both share the key's state and timers. Timer output
// timestamps follow KeyedProcessOperator (event time: the timer's; processing time: none).
import type { OperatorContext, StreamOperator } from '../stream-operator.ts';
import { UserTimers } from './user-timers.ts';
import { ProcessCallContext } from './process-call-context.ts';
import { requireKeyedState } from './require-keyed-state.ts';
import { TimestampedCollector } from './timestamped-collector.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, requireMethods, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import { KeyedTimerService } from './user-timer-service.ts';
import type { KeyedCoProcessFunction } from './user-functions.ts';

export class KeyedCoProcessOperator<K, I1, I2, O> implements StreamOperator<I1 | I2, O> {
  readonly #fn: KeyedCoProcessFunction<K, I1, I2, O>;
  #timers!: UserTimers<ProcessCallContext<K>, O>;
  #collector!: TimestampedCollector<O>;
  #context!: ProcessCallContext<K>;

  constructor(fn: KeyedCoProcessFunction<K, I1, I2, O>) {
    requireMethods(fn, ['processElement1', 'processElement2'], 'KeyedCoProcessFunction');
    this.#fn = fn;
  }

  open(ctx: OperatorContext<O>): void | Promise<void> {
    const keyed = requireKeyedState(ctx, 'KeyedCoProcessFunction');
    this.#collector = new TimestampedCollector(ctx.output);
    this.#timers = new UserTimers(ctx, this.#collector, (ts, c, out) => this.#fn.onTimer?.(ts, c, out));
    this.#context = new ProcessCallContext(ctx.output, new KeyedTimerService(this.#timers.service), keyed);
    this.#timers.bind(this.#context);
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
