// Runs a KeyedBroadcastProcessFunction (Flink's broadcast state pattern): input 0 is the keyed side
// (key set by the runtime; keyed state, timers, read-only broadcast state), input 1 the broadcast
// side (writable broadcast state, applyToKeyedState over every key). Timer output timestamps follow
// KeyedProcessOperator (event time: the timer's; processing time: none).
import type { BroadcastStateDescriptor } from '../../../state/operator-state.ts';
import type { OperatorContext, StreamOperator } from '../stream-operator.ts';
import { UserTimers } from './user-timers.ts';
import { BroadcastElementContext, BroadcastSideContext, BroadcastStates } from './broadcast-call-contexts.ts';
import { requireKeyedState } from './require-keyed-state.ts';
import { TimestampedCollector } from './timestamped-collector.ts';
import {
  closeUserFunction, notifyUserFunctionAborted, notifyUserFunctionComplete, openUserFunction, requireMethods, snapshotUserFunction,
} from './user-function-lifecycle.ts';
import { KeyedTimerService } from './user-timer-service.ts';
import type { KeyedBroadcastProcessFunction } from './user-functions.ts';

export class KeyedBroadcastProcessOperator<K, I, B, O> implements StreamOperator<I | B, O> {
  readonly #fn: KeyedBroadcastProcessFunction<K, I, B, O>;
  readonly #descriptors: readonly BroadcastStateDescriptor<any, any>[];
  #timers!: UserTimers<BroadcastElementContext<K>, O>;
  #collector!: TimestampedCollector<O>;
  #elementContext!: BroadcastElementContext<K>;
  #broadcastContext!: BroadcastSideContext<K>;

  constructor(fn: KeyedBroadcastProcessFunction<K, I, B, O>, descriptors: readonly BroadcastStateDescriptor<any, any>[]) {
    requireMethods(fn, ['processElement', 'processBroadcastElement'], 'KeyedBroadcastProcessFunction');
    this.#fn = fn;
    this.#descriptors = descriptors;
  }

  open(ctx: OperatorContext<O>): void | Promise<void> {
    requireKeyedState(ctx, 'KeyedBroadcastProcessFunction');
    const states = new BroadcastStates(ctx.operatorState, this.#descriptors);
    this.#collector = new TimestampedCollector(ctx.output);
    this.#timers = new UserTimers(ctx, this.#collector, (ts, c, out) => this.#fn.onTimer?.(ts, c, out));
    this.#elementContext = new BroadcastElementContext(ctx, states, new KeyedTimerService(this.#timers.service));
    this.#timers.bind(this.#elementContext);
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
