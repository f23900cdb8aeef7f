// Runs a ProcessFunction on a non-keyed stream: results and side outputs keep the element's
// timestamp; timers are refused (they need a key), as in Flink.
import type { OperatorContext, StreamOperator } from '../stream-operator.ts';
import { ProcessCallContext } from './process-call-context.ts';
import { TimestampedCollector } from './timestamped-collector.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, requireMethods, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import { NonKeyedTimerService } from './user-timer-service.ts';
import type { ProcessFunction } from './user-functions.ts';

export class ProcessOperator<I, O> implements StreamOperator<I, O> {
  readonly #fn: ProcessFunction<I, O>;
  #collector!: TimestampedCollector<O>;
  #context!: ProcessCallContext<never>;

  constructor(fn: ProcessFunction<I, O>) {
    requireMethods(fn, ['processElement'], 'ProcessFunction');
    this.#fn = fn;
  }

  open(ctx: OperatorContext<O>): void | Promise<void> {
    this.#collector = new TimestampedCollector(ctx.output);
    this.#context = new ProcessCallContext(ctx.output, new NonKeyedTimerService(ctx), undefined);
    return openUserFunction(this.#fn, ctx);
  }

  processElement(value: I, timestamp: number): void {
    this.#collector.timestamp = timestamp;
    this.#context.currentTimestamp = timestamp;
    this.#fn.processElement(value, this.#context, this.#collector);
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
