// The sending end of one channel. Local channels call the receiving task directly; remote
// channels batch and serialize (see remote-channel-writer.ts).
import type { StreamElement } from '../../core/stream-element.ts';

/** Passed as the key group of a record that crossed no hash partitioner: the receiver computes it. */
export const NO_KEY_GROUP = -1;

export interface ChannelWriter {
  /** `keyGroup`: computed by a hash partitioner, so the keyed receiver need not hash the key again. */
  writeRecord(value: unknown, timestamp: number, keyGroup: number): void;
  /** Watermarks, idleness, barriers, end of data/partition; barriers and ends also flush. */
  writeControl(element: StreamElement): void;
  /** Buffers waiting for credit; > 0 means the receiver is slower than we are. */
  backlog(): number;
}

/** What a task offers to the channels that feed it. */
export interface InputReceiver {
  receiveRecord(channel: number, value: unknown, timestamp: number, keyGroup: number): void;
  receiveControl(channel: number, element: StreamElement): void;
}

/** A channel inside one thread: elements are handed over by a direct call, never copied. */
export class LocalChannelWriter implements ChannelWriter {
  readonly #target: InputReceiver;
  readonly #channel: number;

  constructor(target: InputReceiver, channel: number) {
    this.#target = target;
    this.#channel = channel;
  }

  writeRecord(value: unknown, timestamp: number, keyGroup: number): void {
    this.#target.receiveRecord(this.#channel, value, timestamp, keyGroup);
  }

  writeControl(element: StreamElement): void {
    this.#target.receiveControl(this.#channel, element);
  }

  backlog(): number {
    return 0;
  }
}
