// The context handed to process functions (plain, keyed, co-process) for each element and timer:
// one object per operator whose timestamp and time domain the operator sets before each call.
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import { WeirError } from '../../../core/errors.ts';
import type { KeyedStateBackend } from '../../../state/keyed-state-backend.ts';
import type { TimerService } from '../../../time/timer-service.ts';
import type { Output, OutputTag } from '../stream-operator.ts';
import type { KeyedOnTimerContext, TimeDomain } from './user-functions.ts';

export class ProcessCallContext<K> implements KeyedOnTimerContext<K> {
  /** The element's timestamp, or the timer's inside onTimer; side outputs carry it. */
  currentTimestamp = NO_TIMESTAMP;
  /** Only meaningful inside onTimer. */
  currentDomain: TimeDomain = 'EVENT_TIME';
  readonly #output: Output<unknown>;
  readonly #timers: TimerService;
  readonly #keyed: KeyedStateBackend | undefined;

  constructor(output: Output<unknown>, timers: TimerService, keyed: KeyedStateBackend | undefined) {
    this.#output = output;
    this.#timers = timers;
    this.#keyed = keyed;
  }

  timestamp(): number | undefined {
    return this.currentTimestamp === NO_TIMESTAMP ? undefined : this.currentTimestamp;
  }

  timerService(): TimerService {
    return this.#timers;
  }

  output<X>(tag: OutputTag<X>, value: X): void {
    this.#output.collectSide(tag, value, this.currentTimestamp);
  }

  getCurrentKey(): K {
    if (!this.#keyed) throw new WeirError('getCurrentKey() is only available on a keyed stream (after keyBy())');
    return this.#keyed.getCurrentKey() as K;
  }

  timeDomain(): TimeDomain {
    return this.currentDomain;
  }
}
