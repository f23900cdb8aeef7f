// The `npm start` demo: a generated stream of page views, counted per page in 5-second event-time
// windows and printed live, with checkpoints every 2 s into a temporary directory. It ends by
// itself after 30 s of data, or on Ctrl-C.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { StreamExecutionEnvironment, WatermarkStrategy, TumblingEventTimeWindows, type AggregateFunction, type ProcessWindowFunction, type TimeWindow } from 'weir';

interface PageView { page: string; user: number; ts: number }

const PAGES = ['/home', '/search', '/cart', '/checkout', '/product/17', '/product/42', '/help'];
const RATE = 20_000; // views per second
const START = Date.UTC(2026, 0, 1);

/** View `i`: event time advances 1/RATE s per view; pages follow a skewed, repeatable pattern. */
function view(i: number): PageView {
  const h = Math.imul(i + 1, 0x9e3779b1) >>> 0;
  const page = PAGES[Math.min(PAGES.length - 1, Math.floor(Math.sqrt(h % 49)))]!;
  return { page, user: h % 5000, ts: START + Math.floor((i * 1000) / RATE) };
}

const count: AggregateFunction<PageView, number, number> = {
  createAccumulator: () => 0,
  add: (_v, n) => n + 1,
  getResult: (n) => n,
  merge: (a, b) => a + b,
};

const report: ProcessWindowFunction<number, string, string, TimeWindow> = {
  process(page, ctx, [n], out) {
    const t = new Date(ctx.window.start).toISOString().slice(11, 19);
    out.collect(`${t}  ${page.padEnd(12)} ${String(n).padStart(7)} views`);
  },
};

// Every worker thread re-runs this module; only the main thread picks the checkpoint directory.
const checkpoints = isMainThread ? mkdtempSync(join(tmpdir(), 'weir-demo-')) : '';
const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.configure({ 'execution.checkpointing.interval': '2 s', 'state.checkpoints.dir': checkpoints || '/unused' });
if (isMainThread) console.error(`Weir demo: ${RATE.toLocaleString('en')} page views/s for 30 s; checkpoints in ${checkpoints}`);

env.fromGenerator(view, RATE * 30, {
  rowsPerSecond: RATE,
  watermarks: WatermarkStrategy.forBoundedOutOfOrderness<PageView>(500).withTimestampAssigner((v) => v.ts),
})
  .name('Page views')
  .keyBy((v) => v.page)
  .window(TumblingEventTimeWindows.of(5_000))
  .aggregate(count, report)
  .name('Views per page and 5 s')
  .uid('views-per-page')
  .print();

await env.execute('Weir demo: page views');
