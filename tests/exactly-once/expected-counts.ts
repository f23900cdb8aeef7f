// The output keyed-count-job.ts must commit, computed here in plain code from the input events, independently of the engine.
import type { Event } from '../jobs/events.ts';

/** `rec,<id>,<user>,<amount>` per event and `cnt,<user>,<n>` for n = 1..(events of the user), sorted. */
export function expectedKeyedCountLines(events: Iterable<Event>): string[] {
  const lines: string[] = [];
  const perUser = new Map<string, number>();
  for (const e of events) {
    lines.push(`rec,${e.id},${e.user},${e.amount}`);
    perUser.set(e.user, (perUser.get(e.user) ?? 0) + 1);
  }
  for (const [user, n] of perUser) for (let c = 1; c <= n; c++) lines.push(`cnt,${user},${c}`);
  return lines.sort();
}
