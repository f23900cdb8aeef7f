// The ProcessWindowFunction contract (Flink's): turns a fired window's contents into results, with window metadata and state.
import type { OutputTag } from '../stream-operator.ts';
import type { Collector, FunctionHooks, KeyedStateStore } from '../functions/user-functions.ts';
import type { Window } from './window.ts';

/** What a ProcessWindowFunction sees besides the elements; valid only during the call. */
export interface ProcessWindowContext<W extends Window> {
  readonly window: W;
  currentProcessingTime(): number;
  currentWatermark(): number;
  /** State of the current key in this window; clear it in `clear`, or it outlives the window. */
  readonly windowState: KeyedStateStore;
  /** State of the current key shared by all its windows. */
  readonly globalState: KeyedStateStore;
  /** Emits to a side output, with the window's max timestamp. */
  output<X>(tag: OutputTag<X>, value: X): void;
}

/**
 * Called once per firing of a window with all its elements (or, after a reduce or aggregate,
 * with the one pre-aggregated result). Results sent to `out` carry the window's max timestamp.
 * Like other function objects it may have lifecycle hooks (open, close, checkpoint hooks).
 */
export interface ProcessWindowFunction<IN, OUT, KEY, W extends Window> extends FunctionHooks {
  process(key: KEY, context: ProcessWindowContext<W>, elements: Iterable<IN>, out: Collector<OUT>): void;
  /** Called when the window is dropped (after allowed lateness); deletes its windowState. */
  clear?(context: ProcessWindowContext<W>): void;
}
