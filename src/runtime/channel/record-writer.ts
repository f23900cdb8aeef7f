// Sends a subtask's records over one network edge: the partitioner picks the channel.
import type { StreamElement } from '../../core/stream-element.ts';
import type { ChannelSelector } from '../graph/partitioner.ts';
import type { ChannelWriter } from './channel-writer.ts';

export class RecordWriter {
  readonly channels: readonly ChannelWriter[];
  readonly #select: ChannelSelector;
  readonly #single: ChannelWriter | undefined;

  constructor(channels: readonly ChannelWriter[], select: ChannelSelector, broadcast: boolean) {
    this.channels = channels;
    this.#select = select;
    this.#single = channels.length === 1 && !broadcast ? channels[0] : undefined;
  }

  emit(value: unknown, timestamp: number): void {
    if (this.#single !== undefined) {
      this.#single.writeRecord(value, timestamp);
      return;
    }
    const c = this.#select(value);
    if (c >= 0) {
      this.channels[c]!.writeRecord(value, timestamp);
    } else {
      for (const ch of this.channels) ch.writeRecord(value, timestamp);
    }
  }

  broadcastControl(element: StreamElement): void {
    for (const ch of this.channels) ch.writeControl(element);
  }
}
