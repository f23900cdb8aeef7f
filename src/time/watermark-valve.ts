// Combines the watermarks and idleness of an operator's input channels into one (Flink's StatusWatermarkValve).
import { MAX_WATERMARK, MIN_WATERMARK } from '../core/stream-element.ts';

/** What changed at the valve's output; apply `idle` before `watermark`. Empty when nothing changed. */
export interface ValveStatusChange {
  readonly watermark?: number;
  readonly idle?: boolean;
}

const NO_CHANGE: ValveStatusChange = Object.freeze({});
const BECAME_IDLE: ValveStatusChange = Object.freeze({ idle: true });
const BECAME_ACTIVE: ValveStatusChange = Object.freeze({ idle: false });

/**
 * The output watermark is the minimum over active channels, where a channel is active unless it
 * is idle or finished, and only ever advances. A channel's watermark is the highest it has sent
 * (also while idle, to count once it is active again). A finished channel stops holding the
 * output back; when every channel has finished the output is MAX_WATERMARK. When every unfinished
 * channel is idle the output is idle and does not advance: a finished channel must not push
 * idle ones to MAX, or their later records would all be late.
 */
export class WatermarkValve {
  readonly #watermarks: Float64Array;
  readonly #idle: Uint8Array;
  readonly #finished: Uint8Array;
  #output = MIN_WATERMARK;
  #outputIdle = false;

  constructor(numChannels: number) {
    if (!(Number.isInteger(numChannels) && numChannels >= 1)) {
      throw new RangeError(`a watermark valve needs at least one input channel, got ${numChannels}`);
    }
    this.#watermarks = new Float64Array(numChannels).fill(MIN_WATERMARK);
    this.#idle = new Uint8Array(numChannels);
    this.#finished = new Uint8Array(numChannels);
  }

  get numChannels(): number {
    return this.#watermarks.length;
  }

  /** The last watermark output (MIN_WATERMARK before the first). */
  get watermark(): number {
    return this.#output;
  }

  /** Whether the output is idle. */
  get idle(): boolean {
    return this.#outputIdle;
  }

  /** Returns the new output watermark if this advances it, else undefined. */
  inputWatermark(channel: number, timestamp: number): number | undefined {
    this.#check(channel);
    if (this.#finished[channel] === 1 || !(timestamp > this.#watermarks[channel]!)) return undefined;
    this.#watermarks[channel] = timestamp;
    if (this.#idle[channel] === 1) return undefined;
    // This channel is active, so the output is too: only the watermark can change.
    const min = this.#minOverActive();
    if (min <= this.#output) return undefined;
    this.#output = min;
    return min;
  }

  /** A channel became idle (true) or active (false). */
  inputIdle(channel: number, idle: boolean): ValveStatusChange {
    this.#check(channel);
    const flag = idle ? 1 : 0;
    if (this.#finished[channel] === 1 || this.#idle[channel] === flag) return NO_CHANGE;
    this.#idle[channel] = flag;
    return this.#update();
  }

  /** The channel has ended: it holds nothing back any more. Idempotent. */
  channelFinished(channel: number): ValveStatusChange {
    this.#check(channel);
    if (this.#finished[channel] === 1) return NO_CHANGE;
    this.#finished[channel] = 1;
    this.#idle[channel] = 0;
    this.#watermarks[channel] = MAX_WATERMARK;
    return this.#update();
  }

  #update(): ValveStatusChange {
    const min = this.#minOverActive();
    if (Number.isNaN(min)) {
      if (this.#outputIdle) return NO_CHANGE;
      this.#outputIdle = true;
      return BECAME_IDLE;
    }
    const becameActive = this.#outputIdle;
    this.#outputIdle = false;
    const advanced = min > this.#output;
    if (advanced) this.#output = min;
    if (becameActive) return advanced ? { idle: false, watermark: min } : BECAME_ACTIVE;
    return advanced ? { watermark: min } : NO_CHANGE;
  }

  /** Minimum over active unfinished channels; MAX_WATERMARK if all finished; NaN if all unfinished ones are idle. */
  #minOverActive(): number {
    let min = MAX_WATERMARK;
    let unfinished = false;
    let active = false;
    for (let i = 0; i < this.#watermarks.length; i++) {
      if (this.#finished[i] === 1) continue;
      unfinished = true;
      if (this.#idle[i] === 1) continue;
      active = true;
      const wm = this.#watermarks[i]!;
      if (wm < min) min = wm;
    }
    return unfinished && !active ? Number.NaN : min;
  }

  #check(channel: number): void {
    if (!(Number.isInteger(channel) && channel >= 0 && channel < this.#watermarks.length)) {
      throw new RangeError(`input channel ${channel} does not exist; the valve has ${this.#watermarks.length}`);
    }
  }
}
