// The windows of SQL's window table-valued functions (TUMBLE, HOP, CUMULATE, SESSION) and the pure
// functions that say which windows a timestamp belongs to. Times are epoch milliseconds; a window
// is [start, end) and its window_time (a rowtime attribute) is end - 1, as in Flink.
import { WeirError } from '../../core/errors.ts';

export type WindowSpec =
  | { readonly type: 'TUMBLE'; readonly size: number; readonly offset?: number }
  | { readonly type: 'HOP'; readonly size: number; readonly slide: number; readonly offset?: number }
  | { readonly type: 'CUMULATE'; readonly maxSize: number; readonly step: number; readonly offset?: number }
  | { readonly type: 'SESSION'; readonly gap: number };

/** The aligned (non-merging) windows: every window of a spec can be named by its end alone. */
export type AlignedWindowSpec = Exclude<WindowSpec, { type: 'SESSION' }>;

/**
 * Start of the window of length `size` (aligned to `offset`) that holds `timestamp`, as Flink's
 * TimeWindow.getWindowStartWithOffset: exact for negative timestamps too.
 */
export function windowStart(timestamp: number, size: number, offset = 0): number {
  const remainder = (timestamp - offset) % size;
  return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
}

/** The window_time of a window: its last millisecond. */
export function windowTime(end: number): number {
  return end - 1;
}

/** Throws a WeirError naming the parameter when a spec has a size, slide, step or gap that is not a positive integer (or a bad combination). */
export function validateWindowSpec(spec: WindowSpec): void {
  const positive = (name: string, v: number): void => {
    if (!Number.isSafeInteger(v) || v <= 0) throw new WeirError(`${spec.type} window ${name} must be a positive interval in milliseconds, got ${v}`);
  };
  switch (spec.type) {
    case 'TUMBLE':
      positive('size', spec.size);
      break;
    case 'HOP':
      positive('size', spec.size);
      positive('slide', spec.slide);
      break;
    case 'CUMULATE':
      positive('max size', spec.maxSize);
      positive('step', spec.step);
      if (spec.maxSize % spec.step !== 0) {
        throw new WeirError(`CUMULATE window max size (${spec.maxSize} ms) must be an integral multiple of its step (${spec.step} ms)`);
      }
      break;
    case 'SESSION':
      positive('gap', spec.gap);
      break;
  }
  if (spec.type !== 'SESSION' && spec.offset !== undefined && !Number.isSafeInteger(spec.offset)) {
    throw new WeirError(`${spec.type} window offset must be an interval in milliseconds, got ${spec.offset}`);
  }
}

/**
 * Calls `fn(start, end)` for each aligned window that holds `timestamp`, in ascending order of end
 * (so the window that fires first comes first). No allocation: the hot path of window aggregation.
 * TUMBLE: one window. HOP: ceil(size / slide) windows (fewer near no edge). CUMULATE: the windows
 * [s, s + k*step) of the timestamp's max-size period s whose end is past the timestamp.
 */
export function forEachWindow(spec: AlignedWindowSpec, timestamp: number, fn: (start: number, end: number) => void): void {
  switch (spec.type) {
    case 'TUMBLE': {
      const start = windowStart(timestamp, spec.size, spec.offset);
      fn(start, start + spec.size);
      return;
    }
    case 'HOP': {
      const { size, slide } = spec;
      // The latest window start at or before the timestamp; earlier starts reach back while start + size > timestamp.
      let first = windowStart(timestamp, slide, spec.offset);
      while (first - slide + size > timestamp) first -= slide;
      // With slide > size a timestamp may fall between windows: then the latest start does not reach it.
      for (let start = first; start <= timestamp; start += slide) {
        if (start + size > timestamp) fn(start, start + size);
      }
      return;
    }
    case 'CUMULATE': {
      const { maxSize, step } = spec;
      const start = windowStart(timestamp, maxSize, spec.offset);
      const firstEnd = windowStart(timestamp, step, spec.offset) + step;
      for (let end = firstEnd; end <= start + maxSize; end += step) fn(start, end);
      return;
    }
  }
}

/** The windows of `timestamp` as [start, end] pairs, ascending by end (for tests and the window TVF). */
export function assignWindows(spec: AlignedWindowSpec, timestamp: number): [start: number, end: number][] {
  const out: [number, number][] = [];
  forEachWindow(spec, timestamp, (start, end) => { out.push([start, end]); });
  return out;
}

/** The start of the aligned window that ends at `end` (aligned windows are named by their end). */
export function startOfWindowEnding(spec: AlignedWindowSpec, end: number): number {
  switch (spec.type) {
    case 'TUMBLE':
    case 'HOP':
      return end - spec.size;
    case 'CUMULATE':
      return windowStart(end - 1, spec.maxSize, spec.offset);
  }
}

/**
 * Whether two session windows merge: as Flink's TimeWindow.intersects, windows that only touch
 * ([1, 4) and [4, 7)) merge too.
 */
export function sessionsMerge(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart <= bEnd && aEnd >= bStart;
}

/** An in-flight session of one key: [start, end, whatever the operator keeps for it]. */
export type SessionEntry<T> = [start: number, end: number, payload: T];

/** What a new window [start, end) does to a key's sessions. */
export interface SessionMerge<T> {
  /** Bounds of the session the new window ends up in. */
  readonly start: number;
  readonly end: number;
  /** The sessions it merges with (they become one with it), in list order. */
  readonly merging: SessionEntry<T>[];
  /** The sessions it leaves alone. */
  readonly kept: SessionEntry<T>[];
}

/**
 * Merges a new window into a key's sessions, which never touch each other: the window merges with
 * exactly the sessions it touches (anything touching their union touches the window itself).
 */
export function mergeSession<T>(sessions: readonly SessionEntry<T>[], start: number, end: number): SessionMerge<T> {
  const merging: SessionEntry<T>[] = [];
  const kept: SessionEntry<T>[] = [];
  let s = start;
  let e = end;
  for (const session of sessions) {
    if (sessionsMerge(session[0], session[1], start, end)) {
      merging.push(session);
      if (session[0] < s) s = session[0];
      if (session[1] > e) e = session[1];
    } else {
      kept.push(session);
    }
  }
  return { start: s, end: e, merging, kept };
}
