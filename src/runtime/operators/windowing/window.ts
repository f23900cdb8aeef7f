// Windows (a time interval, or the one global window) and the namespace strings their state lives under.

/** What the window operator needs of a window: its last timestamp and its state namespace. */
export interface Window {
  /** The largest timestamp that still belongs to the window; results are emitted with it. */
  maxTimestamp(): number;
  /** The keyed-state namespace of this window; equal windows have equal namespaces. */
  readonly namespace: string;
}

/** The half-open interval [start, end) of event or processing time, as Flink's TimeWindow. */
export class TimeWindow implements Window {
  readonly start: number;
  readonly end: number;
  #namespace: string | undefined;

  constructor(start: number, end: number) {
    this.start = start;
    this.end = end;
  }

  maxTimestamp(): number {
    return this.end - 1;
  }

  // Built on first use and kept: the operator asks for it on every record.
  get namespace(): string {
    return (this.#namespace ??= `${this.start}:${this.end}`);
  }

  /** True when the windows overlap or touch, so a session spanning both is one session. */
  intersects(other: TimeWindow): boolean {
    return this.start <= other.end && this.end >= other.start;
  }

  /** The smallest window that contains both. */
  cover(other: TimeWindow): TimeWindow {
    return new TimeWindow(Math.min(this.start, other.start), Math.max(this.end, other.end));
  }

  equals(other: Window): boolean {
    return other instanceof TimeWindow && other.start === this.start && other.end === this.end;
  }

  toString(): string {
    return `TimeWindow{start=${this.start}, end=${this.end}}`;
  }

  /**
   * Start of the window of `windowSize` (shifted by `offset`) that contains `timestamp`;
   * rounds down for negative timestamps too, as Flink's getWindowStartWithOffset.
   */
  static getWindowStartWithOffset(timestamp: number, offset: number, windowSize: number): number {
    const remainder = (timestamp - offset) % windowSize;
    return remainder < 0 ? timestamp - (remainder + windowSize) : timestamp - remainder;
  }

  /** Parses a namespace made by `namespace`. */
  static fromNamespace(namespace: string): TimeWindow {
    const colon = namespace.indexOf(':', 1); // index 0 may be a minus sign
    const start = Number(namespace.slice(0, colon));
    const end = Number(namespace.slice(colon + 1));
    if (colon < 0 || Number.isNaN(start) || Number.isNaN(end)) throw new Error(`not a time window namespace: '${namespace}'`);
    return new TimeWindow(start, end);
  }
}

/**
 * The end of time for windows (Flink's Long.MAX_VALUE): finite, so results stamped with it stay
 * usable downstream, yet passed by the final MAX watermark. Windows cleaned up at or after it never are.
 */
export const MAX_WINDOW_TIMESTAMP = Number.MAX_SAFE_INTEGER;

/** The single window of GlobalWindows; it ends at MAX_WINDOW_TIMESTAMP. */
export class GlobalWindow implements Window {
  static readonly INSTANCE = new GlobalWindow();
  readonly namespace = 'global';

  private constructor() {}

  maxTimestamp(): number {
    return MAX_WINDOW_TIMESTAMP;
  }

  toString(): string {
    return 'GlobalWindow';
  }
}

/** The window whose namespace this is (inverse of `window.namespace`). */
export function windowFromNamespace(namespace: string): Window {
  return namespace === GlobalWindow.INSTANCE.namespace ? GlobalWindow.INSTANCE : TimeWindow.fromNamespace(namespace);
}

/** Called once per group of windows that merge, with the window that covers them. */
export type MergeCallback<W> = (toBeMerged: W[], mergeResult: W) => void;

/**
 * Merges overlapping (or touching) time windows, as Flink's TimeWindow.mergeWindows: sorts by
 * start and reports every group of two or more windows that overlap, with their cover.
 */
export function mergeTimeWindows(windows: Iterable<TimeWindow>, callback: MergeCallback<TimeWindow>): void {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  let current: TimeWindow | undefined;
  let members: TimeWindow[] = [];
  const groups: { cover: TimeWindow; members: TimeWindow[] }[] = [];
  for (const candidate of sorted) {
    if (current === undefined) {
      current = candidate;
      members = [candidate];
    } else if (current.intersects(candidate)) {
      current = current.cover(candidate);
      members.push(candidate);
    } else {
      groups.push({ cover: current, members });
      current = candidate;
      members = [candidate];
    }
  }
  if (current !== undefined) groups.push({ cover: current, members });
  for (const g of groups) {
    if (g.members.length > 1) callback(g.members, g.cover);
  }
}
