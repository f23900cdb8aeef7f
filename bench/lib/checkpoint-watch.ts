// Collects every completed checkpoint of a running job: the client only lists the retained ones, so it is polled while the job runs.
import type { JobClient } from 'weir';

export interface CheckpointStats {
  readonly id: number;
  readonly triggeredAt: number;
  readonly durationMs: number;
  readonly stateSize: number;
}

/** Polls `client.completedCheckpoints()` every `everyMs` until the job ends; resolves with all of them by id. */
export async function watchCheckpoints(client: JobClient, everyMs = 50): Promise<CheckpointStats[]> {
  const seen = new Map<number, CheckpointStats>();
  const poll = () => {
    for (const c of client.completedCheckpoints()) {
      if (!seen.has(c.id)) seen.set(c.id, { id: c.id, triggeredAt: c.triggeredAt, durationMs: c.durationMs, stateSize: c.stateSize });
    }
  };
  const timer = setInterval(poll, everyMs);
  try {
    await client.result;
  } finally {
    clearInterval(timer);
    poll();
  }
  return [...seen.values()].sort((a, b) => a.id - b.id);
}
