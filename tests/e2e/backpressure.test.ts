// Backpressure across worker threads: a fast endless source feeding a sink instance that blocks 2 ms per
// record is slowed down to the sink's pace by credit-based flow control, and the process memory stays
// under a fixed ceiling for 10 s (tests/e2e-jobs/backpressure-job.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { JOBS, weirRun, sleep, killLeftovers } from './harness.ts';

const MB = 1 << 20;

test('a slow sink throttles a fast source at p=2 and memory stays bounded', async () => {
  const run = weirRun(['-p', '2', join(JOBS, 'backpressure-job.ts'), '--sleep-ms', '2'], 40_000);
  try {
    await run.waitFor(/^STATS /m);
    await sleep(10_000);
    const running = run.stdout; // samples of the running job (after Ctrl-C its metrics are gone)
    run.child.kill('SIGINT');
    const exit = await run.exited;
    assert.equal(exit.code, 130, exit.stderr);

    const samples = [...running.matchAll(/^STATS (\d+) (\d+) (\d+) (\d+)$/gm)].map((m) => ({ rss: Number(m[1]), out: Number(m[3]), backlog: Number(m[4]) }));
    assert.ok(samples.length >= 15, `${samples.length} samples over 10 s`);
    const peak = Math.max(...samples.map((s) => s.rss));
    // Around 200 MB here; without flow control the source fills more than 500 MB within 2 s.
    assert.ok(peak < 400 * MB, `peak RSS ${(peak / MB).toFixed(0)} MB stays under 400 MB`);
    const growth = samples.at(-1)!.rss - samples[4]!.rss;
    assert.ok(growth < 80 * MB, `RSS grew ${(growth / MB).toFixed(0)} MB after the first 2 s`);

    // The sink takes about 500 records/s on its slow instance (and as many on the fast one, as the source
    // alternates); an unthrottled source emits millions per second.
    const read = samples.at(-1)!.out;
    assert.ok(read < 150_000, `the source emitted ${read} records in ~11 s`);
    assert.ok(read - samples[0]!.out > 2_000, `records keep flowing (throttled, not stuck): ${samples.map((s) => s.out).join(' ')}`);
    assert.ok(samples.some((s) => s.backlog > 0), 'the source saw backlog');
    assert.match(exit.stderr, /backpressure HIGH/, 'the status line shows the backpressure');
  } finally {
    killLeftovers();
  }
});
