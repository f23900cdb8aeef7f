// The in-memory timer service of one keyed operator: event-time and processing-time timers per
// (key, namespace, timestamp) in two deduplicated timer queues, snapshotted per key group.
import { decodeValue, encodeValue } from '../core/codec.ts';
import { RestoreError } from '../core/errors.ts';
import { MIN_WATERMARK } from '../core/stream-element.ts';
import type { KeyedStateBackend, KeyGroupBlob } from '../state/keyed-state-backend.ts';
import type { ProcessingTimeService } from './processing-time-service.ts';
import { TimerQueue, type HeapTimer } from './timer-queue.ts';
import type { InternalTimerService, Triggerable } from './timer-service.ts';

/** What the timer service needs from the keyed state backend. */
export type KeyContext = Pick<KeyedStateBackend, 'setCurrentKey' | 'setCurrentKeyInGroup' | 'getCurrentKey' | 'getCurrentKeyGroup' | 'keyGroupRange'>;

/** Blob layout: [version, event timers, processing timers], each flat as key, namespace, timestamp, ... */
const FORMAT_VERSION = 1;
type EncodedTimers = unknown[];

/**
 * Timers are deduplicated (registering twice makes one timer) and fire in timestamp order with
 * their key set as the current key. Timers registered while firing fire in the same call if due.
 * One processing-time callback is scheduled at a time, for the earliest processing-time timer.
 * Timers with equal timestamps fire ordered by key group, then key, then namespace (see
 * compareTimers in timer-queue.ts), so the order depends only on the set of timers.
 */
export class HeapTimerService implements InternalTimerService {
  readonly #keys: KeyContext;
  readonly #clock: ProcessingTimeService;
  readonly #target: Triggerable;
  readonly #eventTimers = new TimerQueue();
  readonly #processingTimers = new TimerQueue();
  #watermark = MIN_WATERMARK;
  /** Time of the scheduled processing-time callback; +Infinity when none. */
  #scheduledAt = Number.POSITIVE_INFINITY;
  #cancelScheduled: (() => void) | undefined;
  #firingProcessingTimers = false;
  #closed = false;

  constructor(keyContext: KeyContext, processingTimeService: ProcessingTimeService, target: Triggerable) {
    this.#keys = keyContext;
    this.#clock = processingTimeService;
    this.#target = target;
  }

  currentProcessingTime(): number {
    return this.#clock.now();
  }

  currentWatermark(): number {
    return this.#watermark;
  }

  registerEventTimeTimer(namespace: string, timestamp: number): void {
    const key = this.#keys.getCurrentKey();
    this.#eventTimers.add(key, namespace, timestamp, this.#keys.getCurrentKeyGroup());
  }

  registerProcessingTimeTimer(namespace: string, timestamp: number): void {
    const key = this.#keys.getCurrentKey();
    if (this.#processingTimers.add(key, namespace, timestamp, this.#keys.getCurrentKeyGroup())) {
      this.#scheduleEarliest();
    }
  }

  deleteEventTimeTimer(namespace: string, timestamp: number): void {
    this.#eventTimers.remove(this.#keys.getCurrentKey(), namespace, timestamp);
  }

  /** The scheduled callback stays; when it finds nothing due it reschedules for the next timer. */
  deleteProcessingTimeTimer(namespace: string, timestamp: number): void {
    this.#processingTimers.remove(this.#keys.getCurrentKey(), namespace, timestamp);
  }

  /**
   * The watermark is recorded first, so onEventTime sees the new currentWatermark(), as in Flink.
   * A lower watermark than the current one does not move it back.
   */
  advanceWatermark(watermark: number): void {
    if (watermark > this.#watermark) this.#watermark = watermark;
    const due = this.#watermark;
    const queue = this.#eventTimers;
    for (let timer = queue.pollDue(due); timer !== undefined; timer = queue.pollDue(due)) {
      this.#keys.setCurrentKeyInGroup(timer.key, timer.keyGroup); // the timer knows its group: no second hash
      this.#target.onEventTime(timer);
    }
  }

  numEventTimeTimers(): number {
    return this.#eventTimers.size;
  }

  numProcessingTimeTimers(): number {
    return this.#processingTimers.size;
  }

  snapshot(): KeyGroupBlob[] {
    const groups = new Map<number, [EncodedTimers, EncodedTimers]>();
    const collect = (timers: readonly HeapTimer[], slot: 0 | 1): void => {
      for (const t of timers) {
        let group = groups.get(t.keyGroup);
        if (group === undefined) groups.set(t.keyGroup, (group = [[], []]));
        group[slot].push(t.key, t.namespace, t.timestamp);
      }
    };
    collect(this.#eventTimers.values(), 0);
    collect(this.#processingTimers.values(), 1);
    return [...groups]
      .sort((a, b) => a[0] - b[0])
      .map(([keyGroup, [event, processing]]) => ({ keyGroup, data: encodeValue([FORMAT_VERSION, event, processing]) }));
  }

  restore(blobs: Iterable<KeyGroupBlob>): void {
    const { start, end } = this.#keys.keyGroupRange;
    for (const { keyGroup, data } of blobs) {
      if (keyGroup < start || keyGroup >= end) continue;
      const [event, processing] = decodeBlob(keyGroup, data);
      this.#restoreInto(this.#eventTimers, keyGroup, event);
      this.#restoreInto(this.#processingTimers, keyGroup, processing);
    }
    this.#scheduleEarliest();
  }

  close(): void {
    this.#closed = true;
    this.#cancelScheduled?.();
    this.#cancelScheduled = undefined;
    this.#scheduledAt = Number.POSITIVE_INFINITY;
  }

  #restoreInto(queue: TimerQueue, keyGroup: number, flat: EncodedTimers): void {
    for (let i = 0; i < flat.length; i += 3) {
      const key = flat[i];
      const namespace = flat[i + 1] as string;
      const timestamp = flat[i + 2] as number;
      queue.add(key, namespace, timestamp, keyGroup);
    }
  }

  /** Makes sure a callback is scheduled no later than the earliest processing-time timer. */
  #scheduleEarliest(): void {
    if (this.#closed || this.#firingProcessingTimers) return;
    const earliest = this.#processingTimers.peekTimestamp();
    if (earliest === undefined || earliest >= this.#scheduledAt) return;
    this.#cancelScheduled?.();
    this.#scheduledAt = earliest;
    this.#cancelScheduled = this.#clock.schedule(earliest, this.#onProcessingTime);
  }

  readonly #onProcessingTime = (time: number): void => {
    this.#cancelScheduled = undefined;
    this.#scheduledAt = Number.POSITIVE_INFINITY;
    const queue = this.#processingTimers;
    this.#firingProcessingTimers = true;
    try {
      for (let timer = queue.pollDue(time); timer !== undefined; timer = queue.pollDue(time)) {
        this.#keys.setCurrentKeyInGroup(timer.key, timer.keyGroup); // the timer knows its group: no second hash
        this.#target.onProcessingTime(timer);
      }
    } finally {
      this.#firingProcessingTimers = false;
    }
    this.#scheduleEarliest();
  };
}

function decodeBlob(keyGroup: number, data: Uint8Array): [EncodedTimers, EncodedTimers] {
  let decoded: unknown;
  try {
    decoded = decodeValue(data);
  } catch (cause) {
    throw new RestoreError(`timers of key group ${keyGroup} cannot be decoded`, { cause });
  }
  if (!Array.isArray(decoded) || decoded[0] !== FORMAT_VERSION || !isTimerList(decoded[1]) || !isTimerList(decoded[2])) {
    throw new RestoreError(`timers of key group ${keyGroup} are not in timer format ${FORMAT_VERSION}`);
  }
  return [decoded[1], decoded[2]];
}

function isTimerList(x: unknown): x is EncodedTimers {
  if (!Array.isArray(x) || x.length % 3 !== 0) return false;
  for (let i = 0; i < x.length; i += 3) {
    if (typeof x[i + 1] !== 'string' || typeof x[i + 2] !== 'number') return false;
  }
  return true;
}
