// Runs a CoProcessFunction on two connected, non-keyed inputs: input 0 goes to processElement1,
// input 1 to processElement2; timers are refused (they need a key), as in Flink.
import type { OperatorContext, StreamOperator } from '../stream-operator.ts';
import { ProcessCallContext } from './process-call-context.ts';
import { TimestampedCollector } from './timestamped-collector.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, requireMethods, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import { NonKeyedTimerService } from './user-timer-service.ts';
import type { CoProcessFunction } from './user-functions.ts';

export class CoProcessOperator<I1, I2, O> implements StreamOperator<I1 | I2, O> {
  readonly #fn: CoProcessFunction<I1, I2, O>;
  #collector!: TimestampedCollector<O>;
  #context!: ProcessCallContext<never>;

  constructor(fn: CoProcessFunction<I1, I2, O>) {
    requireMethods(fn, ['processElement1', 'processElement2'], 'CoProcessFunction');
    this.#fn = fn;
  }

  open(ctx: OperatorContext<O>): void | Promise<void> {
    this.#collector = new TimestampedCollector(ctx.output);
    this.#context = new ProcessCallContext(ctx.output, new NonKeyedTimerService(ctx), undefined);
    return openUserFunction(this.#fn, ctx);
  }

  processElement(value: I1 | I2, timestamp: number, input: number): void {
    this.#collector.timestamp = timestamp;
    this.#context.currentTimestamp = timestamp;
    if (input === 0) this.#fn.processElement1(value as I1, this.#context, this.#collector);
    else this.#fn.processElement2(value as I2, this.#context, this.#collector);
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
