// STREAMING and BATCH give the same final results (examples/wordcount.ts through the CLI at parallelism 2,
// and a keyed event-time window job), and AUTOMATIC runs bounded jobs as BATCH: no checkpoints, keyed
// input grouped by key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  StreamExecutionEnvironment, WatermarkStrategy, TumblingEventTimeWindows,
  type AggregateFunction, type ProcessWindowFunction, type TimeWindow, type RuntimeMode, type KeyedProcessContext, type Collector,
} from 'weir';
import { ROOT, tempDir, removeDir, weirRunToEnd, finishedLines, hiddenFiles } from './harness.ts';

/** Deterministic pseudo-random numbers (a 32-bit LCG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('examples/wordcount.ts counts the same in STREAMING and BATCH (p=2), as a direct count does', async () => {
  const dir = tempDir('wordcount');
  try {
    const input = join(dir, 'input');
    mkdirSync(join(input, 'more'), { recursive: true });
    const vocabulary = ['Weir', 'stream', 'STREAM', 'river', 'Straße', 'café', 'flow', 'water', 'x', 'über'];
    const rnd = lcg(7);
    const files = [join(input, 'a.txt'), join(input, 'b.txt'), join(input, 'more', 'c.txt')];
    const texts = files.map((f, n) => {
      const lines = Array.from({ length: 300 + n * 100 }, () => Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => vocabulary[Math.floor(rnd() * vocabulary.length)]).join(rnd() < 0.5 ? ' ' : ', ') + (rnd() < 0.2 ? '!' : ''));
      const text = lines.join('\n') + '\n';
      writeFileSync(f, text);
      return text;
    });
    // The reference: lower-case words, separated by anything that is not a letter.
    const expected = new Map<string, number>();
    for (const text of texts) for (const w of text.toLowerCase().split(/[^\p{L}]+/u)) if (w) expected.set(w, (expected.get(w) ?? 0) + 1);
    const expectedLines = [...expected].map(([w, n]) => `${w},${n}`).sort();

    for (const mode of ['STREAMING', 'BATCH']) {
      const output = join(dir, `out-${mode}`);
      const exit = await weirRunToEnd(['-p', '2', '-D', `execution.runtime-mode=${mode}`, join(ROOT, 'examples', 'wordcount.ts'), '--input', input, '--output', output]);
      assert.equal(exit.code, 0, exit.stderr);
      assert.deepEqual(finishedLines(output).sort(), expectedLines, `${mode}: word counts`);
      assert.deepEqual(hiddenFiles(output), [], `${mode}: nothing left in progress`);
    }
  } finally {
    removeDir(dir);
  }
});

interface Click { user: string; ts: number; amount: number }
interface Totals { count: number; sum: number }

test('a keyed event-time window job gives the same windows in STREAMING, BATCH and AUTOMATIC', async () => {
  // Out of order by up to 400 ms, watermarks allow 500 ms: no record is late, so every mode must agree.
  const rnd = lcg(42);
  const users = ['ann', 'bob', 'cy', 'dee', 'eve'];
  const clicks: Click[] = Array.from({ length: 2000 }, (_, i) => ({
    user: users[Math.floor(rnd() * users.length)]!,
    ts: 1_700_000_000_000 + i * 10 - Math.floor(rnd() * 400),
    amount: 1 + Math.floor(rnd() * 100),
  }));
  const expected = new Map<string, Totals>();
  for (const c of clicks) {
    const start = c.ts - (c.ts % 1000);
    const key = `${c.user}@${start}`;
    const t = expected.get(key) ?? { count: 0, sum: 0 };
    expected.set(key, { count: t.count + 1, sum: t.sum + c.amount });
  }
  const expectedLines = [...expected].map(([k, t]) => `${k}:${t.count}:${t.sum}`).sort();

  const totals: AggregateFunction<Click, Totals, Totals> = {
    createAccumulator: () => ({ count: 0, sum: 0 }),
    add: (c, a) => ({ count: a.count + 1, sum: a.sum + c.amount }),
    getResult: (a) => a,
    merge: (a, b) => ({ count: a.count + b.count, sum: a.sum + b.sum }),
  };
  const describe: ProcessWindowFunction<Totals, string, string, TimeWindow> = {
    process(user, ctx, [t], out) {
      assert.equal(ctx.window.end - ctx.window.start, 1000);
      out.collect(`${user}@${ctx.window.start}:${t!.count}:${t!.sum}`);
    },
  };
  for (const mode of ['STREAMING', 'BATCH', 'AUTOMATIC'] as RuntimeMode[]) {
    const env = new StreamExecutionEnvironment({ 'parallelism.default': 1, 'execution.runtime-mode': mode });
    // Rate-limited, so that in STREAMING periodic watermarks fire windows while input still arrives.
    // Timestamps are assigned by an operator: BATCH ignores a source's timestamp assigner (an engine bug,
    // reported with a test kept out of the suite).
    const got = await env.fromGenerator((i) => clicks[i]!, clicks.length, { rowsPerSecond: 5000 })
      .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness<Click>(500).withTimestampAssigner((c) => c.ts))
      .keyBy((c) => c.user)
      .window(TumblingEventTimeWindows.of(1000))
      .aggregate(totals, describe)
      .executeAndCollect();
    assert.deepEqual(got.sort(), expectedLines, `${mode}: windows`);
  }
});

test('AUTOMATIC runs a bounded job as BATCH (no checkpoints, input grouped by key) and an unbounded one as STREAMING', async () => {
  const dir = tempDir('automatic');
  try {
    /** Runs keys a,b,c,a,b,c,... slowly through a keyed process function; returns the key order seen and the checkpoints. */
    const run = async (mode: RuntimeMode) => {
      const env = new StreamExecutionEnvironment({
        'parallelism.default': 1, 'execution.runtime-mode': mode,
        'execution.checkpointing.interval': 10, 'state.checkpoints.dir': join(dir, mode),
      });
      const seen: string[] = [];
      const sleeper = new Int32Array(new SharedArrayBuffer(4));
      env.fromSequence(0, 299)
        .map((i) => ['a', 'b', 'c'][i % 3]!)
        .keyBy((k) => k)
        .process<string>({
          processElement(k: string, _ctx: KeyedProcessContext<string>, out: Collector<string>) {
            Atomics.wait(sleeper, 0, 0, 1);
            out.collect(k);
          },
        })
        .addSink((k) => { seen.push(k); });
      const client = await env.executeAsync(`automatic ${mode}`);
      const result = await client.result;
      assert.equal(result.status, 'FINISHED');
      const switches = seen.filter((k, i) => i > 0 && k !== seen[i - 1]).length;
      return { switches, records: seen.length, checkpoints: client.completedCheckpoints().length };
    };
    const streaming = await run('STREAMING');
    assert.equal(streaming.records, 300);
    assert.ok(streaming.checkpoints > 0, 'STREAMING with an interval takes checkpoints');
    assert.equal(streaming.switches, 299, 'STREAMING processes records as they come');
    for (const mode of ['BATCH', 'AUTOMATIC'] as RuntimeMode[]) {
      const r = await run(mode);
      assert.equal(r.records, 300);
      assert.equal(r.checkpoints, 0, `${mode}: no checkpoints in BATCH execution, even with an interval set`);
      assert.equal(r.switches, 2, `${mode}: keyed input is processed grouped by key`);
    }

    // An unbounded source keeps AUTOMATIC in STREAMING: checkpoints complete.
    const env = new StreamExecutionEnvironment({
      'parallelism.default': 1, 'execution.runtime-mode': 'AUTOMATIC',
      'execution.checkpointing.interval': 10, 'state.checkpoints.dir': join(dir, 'unbounded'),
    });
    env.fromSequence(0, Infinity, { rowsPerSecond: 1000 }).keyBy((i) => i % 2).sum().addSink(() => {});
    const client = await env.executeAsync('automatic unbounded');
    const deadline = Date.now() + 10_000;
    while (client.completedCheckpoints().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await client.cancel();
    assert.ok(client.completedCheckpoints().length > 0, 'AUTOMATIC with an unbounded source checkpoints');

    // BATCH cannot run an unbounded source.
    const batch = new StreamExecutionEnvironment({ 'parallelism.default': 1, 'execution.runtime-mode': 'BATCH' });
    batch.fromSequence(0, Infinity).addSink(() => {});
    await assert.rejects(batch.execute('batch unbounded'), /BATCH.*'Sequence Source' is unbounded/);
  } finally {
    removeDir(dir);
  }
});
