// Rolls a part file when it reaches a size, when it has been open too long, or when it got no records for a while.
import { ConfigError } from '../../core/errors.ts';
import type { PartFileInfo, RollingPolicy } from './rolling-policy.ts';

export interface DefaultRollingPolicyOptions {
  /** Default 128 MiB. */
  readonly maxPartSizeBytes?: number;
  /** Default 60 s. */
  readonly rolloverIntervalMs?: number;
  /** Default 60 s. */
  readonly inactivityIntervalMs?: number;
}

export class DefaultRollingPolicy<T = unknown> implements RollingPolicy<T> {
  readonly maxPartSizeBytes: number;
  readonly rolloverIntervalMs: number;
  readonly inactivityIntervalMs: number;

  constructor(options: DefaultRollingPolicyOptions = {}) {
    this.maxPartSizeBytes = positive('sink.rolling-policy.file-size', options.maxPartSizeBytes ?? 128 * 1024 * 1024);
    this.rolloverIntervalMs = positive('sink.rolling-policy.rollover-interval', options.rolloverIntervalMs ?? 60_000);
    this.inactivityIntervalMs = positive('sink.rolling-policy.inactivity-interval', options.inactivityIntervalMs ?? 60_000);
  }

  shouldRollOnEvent(part: PartFileInfo): boolean {
    return part.size >= this.maxPartSizeBytes;
  }

  shouldRollOnProcessingTime(part: PartFileInfo, now: number): boolean {
    return now - part.creationTime >= this.rolloverIntervalMs || now - part.lastUpdateTime >= this.inactivityIntervalMs;
  }
}

function positive(key: string, value: number): number {
  if (!(value > 0)) throw new ConfigError(key, `${key} must be positive, got ${value}`);
  return value;
}
