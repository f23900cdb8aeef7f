// Runs a BroadcastProcessFunction on a non-keyed stream connected with a broadcast stream: input 0
// (elements) reads the broadcast state, input 1 (the broadcast side) writes it. Results keep the
// record's timestamp.
import type { BroadcastStateDescriptor } from '../../../state/operator-state.ts';
import type { OperatorContext, StreamOperator } from '../stream-operator.ts';
import { BroadcastElementContext, BroadcastSideContext, BroadcastStates } from './broadcast-call-contexts.ts';
import { TimestampedCollector } from './timestamped-collector.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, requireMethods, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import { NonKeyedTimerService } from './user-timer-service.ts';
import type { BroadcastProcessFunction } from './user-functions.ts';

export class BroadcastProcessOperator<I, B, O> implements StreamOperator<I | B, O> {
  readonly #fn: BroadcastProcessFunction<I, B, O>;
  readonly #descriptors: readonly BroadcastStateDescriptor<any, any>[];
  #collector!: TimestampedCollector<O>;
  #elementContext!: BroadcastElementContext<never>;
  #broadcastContext!: BroadcastSideContext<never>;

  constructor(fn: BroadcastProcessFunction<I, B, O>, descriptors: readonly BroadcastStateDescriptor<any, any>[]) {
    requireMethods(fn, ['processElement', 'processBroadcastElement'], 'BroadcastProcessFunction');
    this.#fn = fn;
    this.#descriptors = descriptors;
  }

  open(ctx: OperatorContext<O>): void | Promise<void> {
    const states = new BroadcastStates(ctx.operatorState, this.#descriptors);
    this.#collector = new TimestampedCollector(ctx.output);
    this.#elementContext = new BroadcastElementContext(ctx, states, new NonKeyedTimerService(ctx));
    this.#broadcastContext = new BroadcastSideContext(ctx, states);
    return openUserFunction(this.#fn, ctx);
  }

  processElement(value: I | B, timestamp: number, input: number): void {
    this.#collector.timestamp = timestamp;
    if (input === 0) {
      this.#elementContext.currentTimestamp = timestamp;
      this.#fn.processElement(value as I, this.#elementContext, this.#collector);
    } else {
      this.#broadcastContext.currentTimestamp = timestamp;
      this.#fn.processBroadcastElement(value as B, this.#broadcastContext, this.#collector);
    }
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
