// The user timers of a keyed process operator: its timer service, and onTimer calls with Flink's
// output timestamps (an event-time timer's results carry its timestamp, a processing-time timer's none).
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import type { InternalTimerService, Timer, Triggerable } from '../../../time/timer-service.ts';
import type { OperatorContext, Output } from '../stream-operator.ts';
import type { TimestampedCollector } from './timestamped-collector.ts';
import type { Collector, TimeDomain } from './user-functions.ts';

/** What onTimer sees; the operator's per-call context object, updated before each call. */
export interface TimerCallContext {
  currentTimestamp: number;
  currentDomain: TimeDomain;
}

export type OnTimer<C, O> = (timestamp: number, ctx: C, out: Collector<O>) => void;

export class UserTimers<C extends TimerCallContext, O> implements Triggerable {
  readonly service: InternalTimerService;
  readonly #output: Output<O>;
  readonly #collector: TimestampedCollector<O>;
  readonly #onTimer: OnTimer<C, O>;
  #context: C | undefined;

  constructor(ctx: OperatorContext<O>, collector: TimestampedCollector<O>, onTimer: OnTimer<C, O>) {
    this.service = ctx.getTimerService('user-timers', this);
    this.#output = ctx.output;
    this.#collector = collector;
    this.#onTimer = onTimer;
  }

  /** The context onTimer receives; it is built from `service`, so it comes after construction. */
  bind(context: C): void {
    this.#context = context;
  }

  /** Fires the due event-time timers, then forwards the watermark. */
  advanceWatermark(watermark: number): void {
    this.service.advanceWatermark(watermark);
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

  #fire(timer: Timer, domain: TimeDomain): void {
    const context = this.#context!;
    context.currentTimestamp = timer.timestamp;
    context.currentDomain = domain;
    this.#onTimer(timer.timestamp, context, this.#collector);
  }
}
