// A descriptor's StateTtlConfig reduced to the three facts the state accessors check.
import { WeirError } from '../../core/errors.ts';
import type { StateTtlConfig } from '../state-descriptor.ts';

export interface TtlPolicy {
  readonly ttlMs: number;
  /** OnReadAndWrite: a read also restarts the entry's time to live. */
  readonly updateOnRead: boolean;
  /** ReturnExpiredIfNotCleanedUp: the read that finds an entry expired still returns it (then drops it). */
  readonly returnExpired: boolean;
}

export function ttlPolicyOf(stateName: string, config: StateTtlConfig | undefined): TtlPolicy | undefined {
  if (config === undefined) return undefined;
  if (!(config.ttlMs > 0)) {
    throw new WeirError(`state "${stateName}": TTL must be a positive number of milliseconds, got ${config.ttlMs}`);
  }
  return {
    ttlMs: config.ttlMs,
    updateOnRead: config.updateType === 'OnReadAndWrite',
    returnExpired: config.visibility === 'ReturnExpiredIfNotCleanedUp',
  };
}

/** As Flink: an entry written at `ts` is expired from ts + ttl on. */
export function isExpired(ts: number, ttl: TtlPolicy, now: number): boolean {
  return ts + ttl.ttlMs <= now;
}
