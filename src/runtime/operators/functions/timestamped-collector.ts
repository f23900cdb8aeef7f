// A Collector that forwards to an operator's output with a timestamp the operator sets before each
// call, so one collector serves every record without allocating.
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import type { Output } from '../stream-operator.ts';
import type { Collector } from './user-functions.ts';

export class TimestampedCollector<T> implements Collector<T> {
  /** The timestamp the next collected values carry (NO_TIMESTAMP erases it). */
  timestamp = NO_TIMESTAMP;
  readonly #output: Output<T>;

  constructor(output: Output<T>) {
    this.#output = output;
  }

  collect(value: T): void {
    this.#output.collect(value, this.timestamp);
  }
}
