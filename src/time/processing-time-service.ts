// Processing time for one task: a clock and timers. Injected so tests can drive time by hand.

export interface ProcessingTimeService {
  now(): number;
  /** Calls cb(time) once the clock has reached `time` (on the task's thread); returns a cancel function. */
  schedule(time: number, cb: (time: number) => void): () => void;
}

/** Wall clock with setTimeout; callbacks run on the event loop of the calling thread. */
export class SystemProcessingTimeService implements ProcessingTimeService {
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #closed = false;

  now(): number {
    return Date.now();
  }

  schedule(time: number, cb: (time: number) => void): () => void {
    if (this.#closed) return () => {};
    const handle = setTimeout(() => {
      this.#timers.delete(handle);
      if (!this.#closed) cb(time);
    }, Math.max(0, time - Date.now()));
    this.#timers.add(handle);
    return () => {
      clearTimeout(handle);
      this.#timers.delete(handle);
    };
  }

  /** Cancels every pending timer; nothing fires after this. */
  close(): void {
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }
}

/** A clock that only moves when told: for tests. */
export class ManualProcessingTimeService implements ProcessingTimeService {
  #now: number;
  #timers: { time: number; cb: (t: number) => void; cancelled: boolean }[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  schedule(time: number, cb: (time: number) => void): () => void {
    const t = { time, cb, cancelled: false };
    this.#timers.push(t);
    return () => { t.cancelled = true; };
  }

  /** Moves the clock to `time` and fires due callbacks in time order. */
  advanceTo(time: number): void {
    for (;;) {
      const due = this.#timers.filter((t) => !t.cancelled && t.time <= time).sort((a, b) => a.time - b.time)[0];
      if (!due) break;
      this.#now = Math.max(this.#now, due.time);
      due.cancelled = true;
      due.cb(due.time);
    }
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    this.#now = Math.max(this.#now, time);
  }
}
