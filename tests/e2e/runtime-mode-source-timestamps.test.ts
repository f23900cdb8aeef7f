// STREAMING and BATCH agree on event-time windows whose timestamps are assigned at the source (the
// WatermarkStrategy given to fromSource/fromGenerator): examples/event-counts.ts through the CLI, and a
// small in-process job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StreamExecutionEnvironment, WatermarkStrategy, TumblingEventTimeWindows, type RuntimeMode } from 'weir';
import { ROOT, tempDir, removeDir, weirRunToEnd, finishedLines } from './harness.ts';

test('examples/event-counts.ts gives the same windows in STREAMING and BATCH (p=2), as computed directly', async () => {
  const dir = tempDir('event-counts');
  try {
    const input = join(dir, 'input');
    mkdirSync(input);
    const users = ['ann', 'bob', 'cy'];
    const base = 1_700_000_040_000;
    const events = Array.from({ length: 1500 }, (_, i) => ({ user: users[(i * 7) % 3]!, ts: base + i * 400 - ((i * 37) % 3000), amount: (i % 13) + 1 }));
    writeFileSync(join(input, 'events-1.json'), events.slice(0, 800).map((e) => JSON.stringify(e)).join('\n') + '\n');
    writeFileSync(join(input, 'events-2.json'), events.slice(800).map((e) => JSON.stringify(e)).join('\n') + '\n');
    // Out of order by < 3 s per file, the example allows 5 s: no event is late in either mode.
    const expected = new Map<string, { count: number; sum: number }>();
    for (const e of events) {
      const start = e.ts - (e.ts % 60_000);
      const key = `${e.user},${start},${start + 60_000}`;
      const t = expected.get(key) ?? { count: 0, sum: 0 };
      expected.set(key, { count: t.count + 1, sum: t.sum + e.amount });
    }
    const expectedLines = [...expected].map(([k, t]) => `${k},${t.count},${t.sum}`).sort();
    for (const mode of ['STREAMING', 'BATCH']) {
      const output = join(dir, `out-${mode}`);
      const exit = await weirRunToEnd(['-p', '2', '-D', `execution.runtime-mode=${mode}`, join(ROOT, 'examples', 'event-counts.ts'), '--input', input, '--output', output]);
      assert.equal(exit.code, 0, `${mode}: ${exit.stderr}`);
      assert.deepEqual(finishedLines(output).sort(), expectedLines, `${mode}: windows`);
    }
  } finally {
    removeDir(dir);
  }
});

test('a source-assigned timestamp reaches event-time windows in every runtime mode', async () => {
  for (const mode of ['STREAMING', 'BATCH', 'AUTOMATIC'] as RuntimeMode[]) {
    const env = new StreamExecutionEnvironment({ 'parallelism.default': 1, 'execution.runtime-mode': mode });
    const watermarks = WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((i) => i * 100);
    const got = await env.fromGenerator((i) => i, 30, { watermarks })
      .keyBy((i) => i % 2)
      .window(TumblingEventTimeWindows.of(1000))
      .reduce((a, b) => a + b)
      .executeAndCollect();
    // Windows of 10 records each (timestamps i*100), split into even and odd i.
    assert.deepEqual(got.sort((a, b) => a - b), [0 + 2 + 4 + 6 + 8, 1 + 3 + 5 + 7 + 9, 70, 75, 120, 125].sort((a, b) => a - b), mode);
  }
});
