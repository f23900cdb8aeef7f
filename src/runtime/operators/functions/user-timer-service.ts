// The TimerService user functions see: on keyed streams it registers timers of the current key in
// the operator's timer service; elsewhere it only reads the clocks and refuses timers, as Flink does.
import { WeirError } from '../../../core/errors.ts';
import { VOID_NAMESPACE } from '../../../state/keyed-state-backend.ts';
import type { InternalTimerService, TimerService } from '../../../time/timer-service.ts';
import type { OperatorContext } from '../stream-operator.ts';

/** Flink's wording (including its grammar), so users searching for it find the same answers. */
export const TIMERS_ON_NON_KEYED_STREAM = 'Setting timers is only supported on a keyed streams.';
export const DELETE_TIMERS_ON_NON_KEYED_STREAM = 'Deleting timers is only supported on a keyed streams.';

/** User timers live in the void namespace; windows use other namespaces of their own services. */
export class KeyedTimerService implements TimerService {
  readonly #timers: InternalTimerService;

  constructor(timers: InternalTimerService) {
    this.#timers = timers;
  }

  currentProcessingTime(): number {
    return this.#timers.currentProcessingTime();
  }

  currentWatermark(): number {
    return this.#timers.currentWatermark();
  }

  registerEventTimeTimer(timestamp: number): void {
    this.#timers.registerEventTimeTimer(VOID_NAMESPACE, timestamp);
  }

  registerProcessingTimeTimer(timestamp: number): void {
    this.#timers.registerProcessingTimeTimer(VOID_NAMESPACE, timestamp);
  }

  deleteEventTimeTimer(timestamp: number): void {
    this.#timers.deleteEventTimeTimer(VOID_NAMESPACE, timestamp);
  }

  deleteProcessingTimeTimer(timestamp: number): void {
    this.#timers.deleteProcessingTimeTimer(VOID_NAMESPACE, timestamp);
  }
}

export class NonKeyedTimerService implements TimerService {
  readonly #ctx: OperatorContext<unknown>;

  constructor(ctx: OperatorContext<unknown>) {
    this.#ctx = ctx;
  }

  currentProcessingTime(): number {
    return this.#ctx.processingTime.now();
  }

  currentWatermark(): number {
    return this.#ctx.currentWatermark();
  }

  registerEventTimeTimer(): void {
    throw new WeirError(TIMERS_ON_NON_KEYED_STREAM);
  }

  registerProcessingTimeTimer(): void {
    throw new WeirError(TIMERS_ON_NON_KEYED_STREAM);
  }

  deleteEventTimeTimer(): void {
    throw new WeirError(DELETE_TIMERS_ON_NON_KEYED_STREAM);
  }

  deleteProcessingTimeTimer(): void {
    throw new WeirError(DELETE_TIMERS_ON_NON_KEYED_STREAM);
  }
}
