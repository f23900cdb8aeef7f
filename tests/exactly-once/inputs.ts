// Input directories for exactly-once tests, written by the test, with the output each job must commit computed here from the same events.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventAt, type Event } from '../jobs/events.ts';
import { seededRandom } from './harness.ts';

/** Writes `files` JSON-lines files of `perFile` events each (ids 0..files*perFile-1) for keyed-count-job.ts; returns the events. */
export function writeEventFiles(dir: string, files: number, perFile: number, keys: number): Event[] {
  mkdirSync(dir, { recursive: true });
  const events: Event[] = [];
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    for (let i = 0; i < perFile; i++) {
      const e = eventAt(f * perFile + i, keys);
      events.push(e);
      lines.push(JSON.stringify(e));
    }
    writeFileSync(join(dir, `events-${String(f).padStart(3, '0')}.jsonl`), lines.join('\n') + '\n');
  }
  return events;
}

/** An event of examples/event-counts.ts. */
export interface TimedEvent { user: string; ts: number; amount: number }

/**
 * Writes time-ordered JSON-lines files for examples/event-counts.ts: file k holds the k-th stretch of
 * time, and within a file a record is at most `maxDisorderMs` older than the newest before it, so with
 * an out-of-orderness above that no record is late. Returns what the job must commit, computed here
 * while writing: `user,window_start,window_end,count,sum` per user and 60 s window, sorted.
 */
export function writeTimedEventFiles(dir: string, o: { files: number; perFile: number; users: number; stepMs: number; maxDisorderMs: number; seed: number }): string[] {
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(o.seed);
  const start = Date.UTC(2024, 0, 1, 12, 0, 0);
  const totals = new Map<string, { user: string; start: number; count: number; sum: number }>();
  let n = 0;
  for (let f = 0; f < o.files; f++) {
    const lines: string[] = [];
    for (let i = 0; i < o.perFile; i++, n++) {
      // The nominal time grows steadily; the jitter only moves a record back in time, within its own file.
      const nominal = start + n * o.stepMs;
      const jitter = i === 0 ? 0 : Math.floor(random() * o.maxDisorderMs);
      const e: TimedEvent = { user: `user-${Math.floor(random() * o.users)}`, ts: nominal - jitter, amount: Math.floor(random() * 1000) };
      lines.push(JSON.stringify(e));
      const windowStart = e.ts - (e.ts % 60_000);
      const key = `${e.user},${windowStart}`;
      let t = totals.get(key);
      if (!t) totals.set(key, (t = { user: e.user, start: windowStart, count: 0, sum: 0 }));
      t.count++;
      t.sum += e.amount;
    }
    writeFileSync(join(dir, `events-${String(f).padStart(3, '0')}.jsonl`), lines.join('\n') + '\n');
  }
  return [...totals.values()].map((t) => `${t.user},${t.start},${t.start + 60_000},${t.count},${t.sum}`).sort();
}
