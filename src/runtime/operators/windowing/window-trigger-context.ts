// The TriggerContext the window operator hands to triggers: timers and state of the current key and window.
import type { InternalTimerService } from '../../../time/timer-service.ts';
import type { KeyedStateBackend, MergeableState } from '../../../state/keyed-state-backend.ts';
import type { StateDescriptor } from '../../../state/state-descriptor.ts';
import type { KeyedStateStore } from '../functions/user-functions.ts';
import { stateInNamespace } from './namespaced-state-store.ts';
import type { OnMergeContext } from './trigger.ts';
import type { Window } from './window.ts';

/**
 * One instance per operator, re-pointed at each (window, merged windows) before a trigger call.
 * Triggers re-register the same timer for every element of a window (and the operator its
 * cleanup timer); the last two registrations are remembered so repeats skip the timer service.
 * Any deletion or firing forgets them, since the remembered timers may then be gone. When keys
 * interleave this misses, which is cheap: the timer service deduplicates with a few Map lookups.
 */
export class WindowTriggerContext<W extends Window> implements OnMergeContext {
  /** The window the trigger is called for; set before every trigger call. */
  window!: W;
  /** During onMerge: the windows that merged into `window`. */
  mergedWindows: readonly W[] = [];
  readonly #backend: KeyedStateBackend;
  readonly #timers: InternalTimerService;
  readonly #recent: [RecentTimer, RecentTimer] = [new RecentTimer(), new RecentTimer()];
  #nextRecent = 0;

  constructor(backend: KeyedStateBackend, timers: InternalTimerService) {
    this.#backend = backend;
    this.#timers = timers;
  }

  currentProcessingTime(): number {
    return this.#timers.currentProcessingTime();
  }

  currentWatermark(): number {
    return this.#timers.currentWatermark();
  }

  registerEventTimeTimer(time: number): void {
    if (this.#isRepeat(true, time)) return;
    this.#timers.registerEventTimeTimer(this.window.namespace, time);
  }

  registerProcessingTimeTimer(time: number): void {
    if (this.#isRepeat(false, time)) return;
    this.#timers.registerProcessingTimeTimer(this.window.namespace, time);
  }

  deleteEventTimeTimer(time: number): void {
    this.forgetTimers();
    this.#timers.deleteEventTimeTimer(this.window.namespace, time);
  }

  deleteProcessingTimeTimer(time: number): void {
    this.forgetTimers();
    this.#timers.deleteProcessingTimeTimer(this.window.namespace, time);
  }

  readonly getPartitionedState = ((d: StateDescriptor) => stateInNamespace(this.#backend, d, this.window.namespace)) as KeyedStateStore['getState'];

  mergePartitionedState(d: StateDescriptor): void {
    if (this.mergedWindows.length === 0) return;
    const state = this.#backend.getState(d) as Partial<MergeableState>;
    if (typeof state.mergeNamespaces !== 'function') throw new Error(`state '${d.name}' is a ${d.kind} state, which cannot be merged`);
    state.mergeNamespaces(this.window.namespace, this.mergedWindows.map((w) => w.namespace));
  }

  /** Called when a timer fired: it may have been one of the remembered ones. */
  forgetTimers(): void {
    this.#recent[0].forget();
    this.#recent[1].forget();
  }

  #isRepeat(eventTime: boolean, time: number): boolean {
    const key = this.#backend.getCurrentKey();
    const namespace = this.window.namespace;
    if (this.#recent[0].is(eventTime, key, namespace, time) || this.#recent[1].is(eventTime, key, namespace, time)) return true;
    this.#recent[this.#nextRecent]!.set(eventTime, key, namespace, time);
    this.#nextRecent ^= 1;
    return false;
  }
}

/** A timer registered recently; `namespace` undefined when none. */
class RecentTimer {
  #eventTime = false;
  #key: unknown = undefined;
  #namespace: string | undefined = undefined;
  #time = 0;

  // Keys compare by identity: primitives (the usual keys) match, objects built per record never do.
  // The namespace (a string, often built per record) is compared last: time and key usually decide.
  is(eventTime: boolean, key: unknown, namespace: string, time: number): boolean {
    return this.#time === time && this.#key === key && this.#namespace === namespace && this.#eventTime === eventTime;
  }

  set(eventTime: boolean, key: unknown, namespace: string, time: number): void {
    this.#eventTime = eventTime;
    this.#key = key;
    this.#namespace = namespace;
    this.#time = time;
  }

  forget(): void {
    this.#namespace = undefined;
    this.#key = undefined;
  }
}
