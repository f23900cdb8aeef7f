// The backend's current key as all its states see it, resolved once per setCurrentKey.
import { WeirError } from '../../core/errors.ts';
import { keyGroupOf, type KeyGroupRange } from '../../core/key-group.ts';
import { storageKeyOf } from './storage-key.ts';

export class KeyContext {
  /** The key as the caller passed it (handed back by getCurrentKey). */
  key: unknown = undefined;
  /** The key as stored in state maps (storageKeyOf). */
  storageKey: unknown = undefined;
  /** Current key group minus range.start; -1 until a key is set. */
  groupIndex = -1;
  /** Changes with every set(), so states can tell that their cached entry is still the current key's. */
  version = 0;
  readonly range: KeyGroupRange;
  readonly maxParallelism: number;
  readonly groupCount: number;
  readonly now: () => number;

  constructor(range: KeyGroupRange, maxParallelism: number, now: () => number) {
    this.range = range;
    this.maxParallelism = maxParallelism;
    this.groupCount = range.end - range.start;
    this.now = now;
  }

  /** `group` is keyGroupOf(key): from the partitioner that routed the record, or computed by the caller. */
  set(key: unknown, group: number): void {
    const index = group - this.range.start;
    if (index < 0 || index >= this.groupCount) {
      throw new WeirError(
        `key ${describeKey(key)} is in key group ${group}, outside this backend's key groups ` +
        `[${this.range.start}, ${this.range.end}): the record was routed to the wrong subtask`,
      );
    }
    this.key = key;
    this.storageKey = storageKeyOf(key);
    this.groupIndex = index;
    this.version++;
  }
}

export function describeKey(key: unknown): string {
  if (typeof key === 'bigint') return `${key}n`;
  try {
    return JSON.stringify(key) ?? String(key);
  } catch {
    return String(key);
  }
}
