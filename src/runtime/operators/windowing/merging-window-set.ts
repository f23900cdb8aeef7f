// Tracks a key's session windows and which namespace holds each one's state, so merging never copies state.
import type { ValueState } from '../../../state/keyed-state.ts';
import type { MergingWindowAssigner } from './window-assigner.ts';
import type { Window } from './window.ts';

/**
 * Called when windows merged. `mergedWindows` excludes the new window (it has no state yet);
 * the state of `mergedStateWindows` must be merged into `stateWindowResult`.
 */
export type MergeFunction<W> = (mergeResult: W, mergedWindows: W[], stateWindowResult: string, mergedStateWindows: string[]) => void;

/**
 * The in-flight windows of the current key as flat pairs [window, state window, ...] of
 * namespaces; never changed in place, so any backend may hand out its stored array.
 */
export type WindowMapping = readonly string[];

/**
 * Flink's MergingWindowSet. Each in-flight window maps to a state window: the namespace where its
 * contents live. When windows merge, the result takes one of their state windows and the others
 * are merged into it, so a session keeps its namespace while it grows. The mapping is a value
 * state of the current key (Flink keeps a list state of pairs); keys rarely have more than a
 * few sessions in flight, so a flat array scanned linearly beats a map.
 */
export class MergingWindowSet<W extends Window> {
  readonly #assigner: MergingWindowAssigner<any, W>;
  readonly #state: ValueState<WindowMapping>;
  readonly #parse: (namespace: string) => W;

  constructor(assigner: MergingWindowAssigner<any, W>, state: ValueState<WindowMapping>, parse: (namespace: string) => W) {
    this.#assigner = assigner;
    this.#state = state;
    this.#parse = parse;
  }

  /** The namespace holding `window`'s contents, or undefined if the window is not in flight. */
  getStateWindow(window: W): string | undefined {
    const pairs = this.#state.value();
    if (pairs === undefined) return undefined;
    const i = indexOfWindow(pairs, window.namespace);
    return i < 0 ? undefined : pairs[i + 1];
  }

  /** Forgets a window whose state was cleared. */
  retireWindow(window: W): void {
    const pairs = this.#state.value() ?? [];
    const i = indexOfWindow(pairs, window.namespace);
    if (i < 0) throw new Error(`Window ${String(window)} is not in the in-flight window set.`);
    if (pairs.length === 2) this.#state.clear();
    else this.#state.update([...pairs.slice(0, i), ...pairs.slice(i + 2)]);
  }

  /** Adds a window, merging it with in-flight windows; returns the window it ended up in. */
  addWindow(newWindow: W, merge: MergeFunction<W>): W {
    const pairs = this.#state.value() ?? [];
    // In-flight windows never overlap, so an identical one absorbs the new window unchanged
    // (Flink would reset its state window to itself here).
    if (indexOfWindow(pairs, newWindow.namespace) >= 0) return newWindow;
    const windows: W[] = [];
    for (let i = 0; i < pairs.length; i += 2) windows.push(this.#parse(pairs[i]!));
    windows.push(newWindow);
    const merges: { result: W; merged: W[] }[] = [];
    this.#assigner.mergeWindows(windows, (merged, result) => merges.push({ result, merged }));
    if (merges.length === 0) {
      this.#state.update([...pairs, newWindow.namespace, newWindow.namespace]);
      return newWindow;
    }

    const mapping = new Map<string, string>();
    for (let i = 0; i < pairs.length; i += 2) mapping.set(pairs[i]!, pairs[i + 1]!);
    const calls: Parameters<MergeFunction<W>>[] = [];
    let resultWindow = newWindow;
    let mergedNewWindow = false;
    for (const { result, merged } of merges) {
      const i = merged.findIndex((w) => w.namespace === newWindow.namespace);
      if (i >= 0) {
        merged.splice(i, 1);
        mergedNewWindow = true;
        resultWindow = result;
      }
      // The result keeps the state window of one of the merged windows; the others merge into it.
      const stateWindow = mapping.get(merged[0]!.namespace)!;
      const mergedStateWindows: string[] = [];
      for (const w of merged) {
        const s = mapping.get(w.namespace);
        if (s === undefined) continue;
        mapping.delete(w.namespace);
        if (s !== stateWindow) mergedStateWindows.push(s);
      }
      mapping.set(result.namespace, stateWindow);
      // Merging into an existing window that the new window did not extend changes nothing.
      if (!(merged.length === 1 && merged[0]!.namespace === result.namespace)) calls.push([result, merged, stateWindow, mergedStateWindows]);
    }
    if (!mergedNewWindow) mapping.set(newWindow.namespace, newWindow.namespace);
    this.#state.update([...mapping].flat());
    for (const call of calls) merge(...call);
    return resultWindow;
  }
}

function indexOfWindow(pairs: WindowMapping, namespace: string): number {
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === namespace) return i;
  return -1;
}
