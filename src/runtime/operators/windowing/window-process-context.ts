// The context and collector the window operator hands to ProcessWindowFunctions.
import { VOID_NAMESPACE, type KeyedStateBackend } from '../../../state/keyed-state-backend.ts';
import type { InternalTimerService } from '../../../time/timer-service.ts';
import type { Output, OutputTag } from '../stream-operator.ts';
import type { Collector, KeyedStateStore } from '../functions/user-functions.ts';
import { namespacedStateStore } from './namespaced-state-store.ts';
import type { ProcessWindowContext } from './process-window-function.ts';
import type { Window } from './window.ts';

/** One instance per operator, re-pointed at the window being emitted or cleared. */
export class WindowProcessContext<W extends Window> implements ProcessWindowContext<W> {
  /** Set before every call of the function. */
  window!: W;
  readonly windowState: KeyedStateStore;
  readonly globalState: KeyedStateStore;
  /** Emits results with the window's max timestamp, as Flink does. */
  readonly out: Collector<unknown>;
  readonly #timers: InternalTimerService;
  readonly #output: Output<unknown>;

  constructor(backend: KeyedStateBackend, timers: InternalTimerService, output: Output<unknown>) {
    this.#timers = timers;
    this.#output = output;
    this.windowState = namespacedStateStore(backend, () => this.window.namespace);
    this.globalState = namespacedStateStore(backend, () => VOID_NAMESPACE);
    this.out = { collect: (value) => output.collect(value, this.window.maxTimestamp()) };
  }

  currentProcessingTime(): number {
    return this.#timers.currentProcessingTime();
  }

  currentWatermark(): number {
    return this.#timers.currentWatermark();
  }

  output<X>(tag: OutputTag<X>, value: X): void {
    this.#output.collectSide(tag, value, this.window.maxTimestamp());
  }
}
