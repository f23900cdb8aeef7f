// Rolls part files only at checkpoints (Flink's OnCheckpointRollingPolicy): one part file per bucket per checkpoint.
import type { RollingPolicy } from './rolling-policy.ts';

export class OnCheckpointRollingPolicy<T = unknown> implements RollingPolicy<T> {
  shouldRollOnEvent(): boolean {
    return false;
  }

  shouldRollOnProcessingTime(): boolean {
    return false;
  }
}
