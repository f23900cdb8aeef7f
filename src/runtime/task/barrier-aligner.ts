// Barrier alignment over a task's input channels, as a pure state machine. Exactly-once blocks a
// channel once its barrier arrived until every channel delivered it (one checkpoint aligns at a
// time; a newer barrier aborts an unfinished alignment). At-least-once never blocks and tracks
// overlapping checkpoints, each complete when every channel delivered its barrier.

export type AlignmentMode = 'exactly-once' | 'at-least-once';

export interface AlignmentResult {
  /** Checkpoints whose last barrier arrived, oldest first: snapshot now, then release blocked channels. */
  readonly complete: readonly number[];
  /** Set when a newer barrier overtook an unfinished exactly-once alignment. */
  readonly aborted?: number;
}

const NOTHING: AlignmentResult = { complete: [] };

export class BarrierAligner {
  readonly #mode: AlignmentMode;
  readonly #blocked: boolean[];
  readonly #finished: boolean[];
  /** Channels that delivered each pending checkpoint's barrier. */
  readonly #received = new Map<number, Set<number>>();
  /** Checkpoints at or below this are complete or aborted here. */
  #done = -1;

  constructor(numChannels: number, mode: AlignmentMode) {
    this.#mode = mode;
    this.#blocked = new Array<boolean>(numChannels).fill(false);
    this.#finished = new Array<boolean>(numChannels).fill(false);
  }

  isBlocked(channel: number): boolean {
    return this.#blocked[channel]!;
  }

  /** Whether some checkpoint has barriers from some but not all channels. */
  get aligning(): boolean {
    return this.#received.size > 0;
  }

  onBarrier(channel: number, checkpointId: number): AlignmentResult {
    if (checkpointId <= this.#done) return NOTHING; // late barrier of a completed or aborted checkpoint
    let aborted: number | undefined;
    if (this.#mode === 'exactly-once') {
      const current = this.#received.keys().next().value;
      if (current !== undefined && checkpointId > current) {
        aborted = current;
        this.#done = current;
        this.#release();
      }
      this.#blocked[channel] = true;
    }
    let channels = this.#received.get(checkpointId);
    if (!channels) this.#received.set(checkpointId, (channels = new Set()));
    channels.add(channel);
    const complete = this.#completed();
    return aborted === undefined ? { complete } : { complete, aborted };
  }

  /** A channel ended for good: it will send no barrier, so alignment must not wait for it. */
  onChannelFinished(channel: number): AlignmentResult {
    this.#finished[channel] = true;
    this.#blocked[channel] = false;
    for (const channels of this.#received.values()) channels.delete(channel);
    return { complete: this.#completed() };
  }

  /** Completes, oldest first, every pending checkpoint that every live channel delivered. */
  #completed(): number[] {
    const needed = this.#finished.reduce((n, f) => (f ? n : n + 1), 0);
    const done: number[] = [];
    for (const id of [...this.#received.keys()].sort((a, b) => a - b)) {
      if (this.#received.get(id)!.size < needed) break;
      this.#received.delete(id);
      this.#done = id;
      done.push(id);
    }
    if (done.length && this.#mode === 'exactly-once') this.#release();
    return done;
  }

  #release(): void {
    this.#received.clear();
    this.#blocked.fill(false);
  }
}
