// How an edge between two vertices spreads records over the receiving subtasks.
import { keyGroupOf, subtaskForKeyGroup } from '../../core/key-group.ts';

export type PartitionerKind = 'forward' | 'rebalance' | 'rescale' | 'hash' | 'broadcast' | 'global' | 'shuffle';

export type KeySelector<T = any, K = unknown> = (value: T) => K;

/**
 * Picks the receiving channel for one record; `-1` means every channel (broadcast).
 * Channel numbers index the sender's list of channels of this edge.
 */
export type ChannelSelector = (value: unknown) => number;

/**
 * The receiving subtasks of sender subtask `sender` (in channel order). `global` connects every
 * receiver, as Flink does, but sends only to the first: the others still see end of input and barriers.
 */
export function receiversOf(kind: PartitionerKind, sender: number, senderParallelism: number, receiverParallelism: number): number[] {
  switch (kind) {
    case 'forward':
      return [sender];
    case 'rescale': {
      // Flink's rescale: each sender feeds a contiguous subset of receivers (or shares one).
      if (receiverParallelism >= senderParallelism) {
        const start = Math.floor((sender * receiverParallelism) / senderParallelism);
        const end = Math.floor(((sender + 1) * receiverParallelism) / senderParallelism);
        return range(start, end);
      }
      return [Math.floor((sender * receiverParallelism) / senderParallelism)];
    }
    default:
      return range(0, receiverParallelism);
  }
}

function range(start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) out.push(i);
  return out;
}

/** Hash partitioning in two steps, so the key group can travel with the record. */
export interface KeyGroupSelector {
  keyGroupOf(value: unknown): number;
  channelOf(keyGroup: number): number;
}

export function keyGroupSelector(keySelector: KeySelector, numChannels: number, maxParallelism: number): KeyGroupSelector {
  return {
    keyGroupOf: (v) => keyGroupOf(keySelector(v), maxParallelism),
    channelOf: numChannels === 1 ? () => 0 : (kg) => subtaskForKeyGroup(kg, numChannels, maxParallelism),
  };
}

/** The channel selector of every partitioner but `hash`, which routes by key group (keyGroupSelector). */
export function channelSelector(kind: Exclude<PartitionerKind, 'hash'>, sender: number, numChannels: number): ChannelSelector {
  if (numChannels === 1 && kind !== 'broadcast') return () => 0;
  switch (kind) {
    case 'broadcast':
      return () => -1;
    case 'shuffle':
      return () => Math.floor(Math.random() * numChannels);
    case 'rebalance':
    case 'rescale': {
      // Round robin, starting at a different channel per sender so receivers share the load.
      let next = sender % numChannels;
      return () => {
        const c = next;
        next = next + 1 === numChannels ? 0 : next + 1;
        return c;
      };
    }
    default:
      return () => 0;
  }
}
