// Restart strategies as in Flink: none, fixed-delay, exponential-delay, failure-rate.
import type { Configuration } from '../../core/config.ts';
import * as o from '../../core/config-options.ts';

export interface RestartStrategy {
  readonly name: string;
  /** Called on each failure with the current time; returns the delay before restarting, or undefined to fail the job. */
  onFailure(now: number): number | undefined;
  /** The job has been running since `since`; exponential-delay resets its backoff after a long run. */
  onRunning?(since: number): void;
}

export function restartStrategyFrom(config: Configuration): RestartStrategy {
  const type = config.get(o.RESTART_STRATEGY);
  switch (type) {
    case 'none':
    case 'disable':
      return { name: 'none', onFailure: () => undefined };
    case 'fixed-delay': {
      const attempts = config.get(o.RESTART_ATTEMPTS);
      const delay = config.get(o.RESTART_DELAY);
      let used = 0;
      return { name: `fixed-delay (${attempts} attempts, ${delay} ms)`, onFailure: () => (used++ < attempts ? delay : undefined) };
    }
    case 'exponential-delay': {
      const initial = config.get(o.EXP_INITIAL_BACKOFF);
      const max = config.get(o.EXP_MAX_BACKOFF);
      const factor = Number(config.get(o.EXP_MULTIPLIER));
      const reset = config.get(o.EXP_RESET_THRESHOLD);
      const attempts = config.get(o.EXP_ATTEMPTS);
      let next = initial;
      let used = 0;
      let lastFailure = 0;
      return {
        name: `exponential-delay (${initial} ms .. ${max} ms)`,
        onFailure(now) {
          if (lastFailure > 0 && now - lastFailure >= reset) {
            next = initial;
            used = 0;
          }
          lastFailure = now;
          if (used++ >= attempts) return undefined;
          const d = next;
          next = Math.min(max, next * (Number.isFinite(factor) && factor >= 1 ? factor : 2));
          return d;
        },
      };
    }
    case 'failure-rate': {
      const maxFailures = config.get(o.FAILURE_RATE_MAX);
      const interval = config.get(o.FAILURE_RATE_INTERVAL);
      const delay = config.get(o.FAILURE_RATE_DELAY);
      const failures: number[] = [];
      return {
        name: `failure-rate (${maxFailures} per ${interval} ms)`,
        onFailure(now) {
          failures.push(now);
          while (failures.length && failures[0]! <= now - interval) failures.shift();
          return failures.length > maxFailures ? undefined : delay;
        },
      };
    }
  }
}
