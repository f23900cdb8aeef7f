// The contract of the per-operator timer service: event-time and processing-time timers per
// (key, namespace), deduplicated, checkpointed per key group, fired in timestamp order with
// the timer's key set as the current key.
import type { KeyGroupBlob } from '../state/keyed-state-backend.ts';

export interface Timer {
  readonly key: unknown;
  readonly namespace: string;
  readonly timestamp: number;
}

/** What the timer service calls when a timer fires; the current key is already set to timer.key. */
export interface Triggerable {
  onEventTime(timer: Timer): void;
  onProcessingTime(timer: Timer): void;
}

/** The timer methods that user functions see (Flink's TimerService). */
export interface TimerService {
  currentProcessingTime(): number;
  currentWatermark(): number;
  registerEventTimeTimer(timestamp: number): void;
  registerProcessingTimeTimer(timestamp: number): void;
  deleteEventTimeTimer(timestamp: number): void;
  deleteProcessingTimeTimer(timestamp: number): void;
}

/** Timers of one operator; registration and deletion apply to the backend's current key. */
export interface InternalTimerService {
  currentProcessingTime(): number;
  currentWatermark(): number;
  registerEventTimeTimer(namespace: string, timestamp: number): void;
  registerProcessingTimeTimer(namespace: string, timestamp: number): void;
  deleteEventTimeTimer(namespace: string, timestamp: number): void;
  deleteProcessingTimeTimer(namespace: string, timestamp: number): void;
  /** Records the watermark, then fires every event-time timer with timestamp <= it, in timestamp order. */
  advanceWatermark(watermark: number): void;
  numEventTimeTimers(): number;
  numProcessingTimeTimers(): number;
  /** Timers of every key group, encoded synchronously. */
  snapshot(): KeyGroupBlob[];
  /** Restores timers of the key groups in range; processing-time timers are rescheduled. */
  restore(blobs: Iterable<KeyGroupBlob>): void;
  /** Cancels scheduled processing-time callbacks. */
  close(): void;
}
