// Barrier alignment over a task's input channels, as a pure state machine: exactly-once blocks a
// channel once its barrier arrived until every channel delivered it; at-least-once never blocks.

export type AlignmentMode = 'exactly-once' | 'at-least-once';

export interface AlignmentResult {
  /** Set when the last barrier of a checkpoint arrived: snapshot now, then release blocked channels. */
  readonly complete?: number;
  /** Set when a newer barrier overtook an unfinished alignment. */
  readonly aborted?: number;
}

export class BarrierAligner {
  readonly #mode: AlignmentMode;
  readonly #blocked: boolean[];
  readonly #finished: boolean[];
  readonly #received = new Set<number>();
  #current = -1;

  constructor(numChannels: number, mode: AlignmentMode) {
    this.#mode = mode;
    this.#blocked = new Array<boolean>(numChannels).fill(false);
    this.#finished = new Array<boolean>(numChannels).fill(false);
  }

  isBlocked(channel: number): boolean {
    return this.#blocked[channel]!;
  }

  get pendingCheckpoint(): number | undefined {
    return this.#received.size > 0 ? this.#current : undefined;
  }

  onBarrier(channel: number, checkpointId: number): AlignmentResult {
    if (checkpointId < this.#current || (checkpointId === this.#current && this.#received.size === 0)) {
      return {}; // a barrier of a checkpoint that was already completed or aborted here
    }
    let aborted: number | undefined;
    if (checkpointId > this.#current) {
      if (this.#received.size > 0) aborted = this.#current;
      this.#release();
      this.#current = checkpointId;
    }
    this.#received.add(channel);
    if (this.#mode === 'exactly-once') this.#blocked[channel] = true;
    return this.#maybeComplete(aborted);
  }

  /** A channel ended for good: it will send no barrier, so alignment must not wait for it. */
  onChannelFinished(channel: number): AlignmentResult {
    this.#finished[channel] = true;
    this.#blocked[channel] = false;
    this.#received.delete(channel);
    return this.#received.size > 0 ? this.#maybeComplete(undefined) : {};
  }

  #maybeComplete(aborted: number | undefined): AlignmentResult {
    const needed = this.#finished.reduce((n, f) => (f ? n : n + 1), 0);
    if (this.#received.size < needed) return aborted === undefined ? {} : { aborted };
    this.#release();
    return aborted === undefined ? { complete: this.#current } : { complete: this.#current, aborted };
  }

  #release(): void {
    this.#received.clear();
    this.#blocked.fill(false);
  }
}
