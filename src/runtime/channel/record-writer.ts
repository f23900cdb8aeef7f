// Sends a subtask's records over one network edge: the partitioner picks the channel.
import type { StreamElement } from '../../core/stream-element.ts';
import type { ChannelSelector, KeyGroupSelector } from '../graph/partitioner.ts';
import { NO_KEY_GROUP, type ChannelWriter } from './channel-writer.ts';

export class RecordWriter {
  readonly channels: readonly ChannelWriter[];
  readonly #select: ChannelSelector | undefined;
  readonly #single: ChannelWriter | undefined;
  readonly #keyGroup: KeyGroupSelector | undefined;

  /** Hash edges route by key group, which travels along with the record; others by a channel selector. */
  constructor(channels: readonly ChannelWriter[], route: { keyGroup: KeyGroupSelector } | { select: ChannelSelector; broadcast: boolean }) {
    this.channels = channels;
    this.#select = 'select' in route ? route.select : undefined;
    this.#keyGroup = 'keyGroup' in route ? route.keyGroup : undefined;
    this.#single = channels.length === 1 && 'select' in route && !route.broadcast ? channels[0] : undefined;
  }

  emit(value: unknown, timestamp: number): void {
    if (this.#single !== undefined) {
      this.#single.writeRecord(value, timestamp, NO_KEY_GROUP);
      return;
    }
    if (this.#keyGroup !== undefined) {
      const kg = this.#keyGroup.keyGroupOf(value);
      this.channels[this.#keyGroup.channelOf(kg)]!.writeRecord(value, timestamp, kg);
      return;
    }
    const c = this.#select!(value);
    if (c >= 0) {
      this.channels[c]!.writeRecord(value, timestamp, NO_KEY_GROUP);
    } else {
      for (const ch of this.channels) ch.writeRecord(value, timestamp, NO_KEY_GROUP);
    }
  }

  broadcastControl(element: StreamElement): void {
    for (const ch of this.channels) ch.writeControl(element);
  }
}
