// A source reader whose assigned split has not produced its first record yet holds back event time:
// it must not be taken for idle, or its records would arrive behind the watermark and be dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamExecutionEnvironment, WatermarkStrategy, TumblingEventTimeWindows, IndexRangeSource } from 'weir';
import type { Source, SourceReader, SourceSplit, ReaderOutput } from 'weir';

interface Ev { ts: number }

/** One split whose records (timestamps 0..999 ms) only become readable after `delayMs`. */
function slowSource(delayMs: number): Source<Ev, SourceSplit, { assigned: boolean }> {
  return {
    boundedness: 'bounded',
    createEnumerator(ctx, restored) {
      let assigned = restored?.assigned ?? false;
      return {
        start() {},
        handleSplitRequest(subtask) {
          if (!assigned) ctx.assignSplits(subtask, [{ splitId: 'slow' }]);
          else ctx.signalNoMoreSplits(subtask);
          assigned = true;
        },
        addSplitsBack() {},
        addReader() {},
        snapshotState: () => ({ assigned }),
        close() {},
      };
    },
    createReader(ctx): SourceReader<Ev, SourceSplit> {
      let split: SourceSplit | undefined;
      let ready = false;
      let done = false;
      let noMore = false;
      return {
        start() { ctx.sendSplitRequest(); },
        pollNext(outputFor: (id: string) => ReaderOutput<Ev>, finished: (id: string) => void) {
          if (split && ready && !done) {
            const out = outputFor(split.splitId);
            for (let ts = 0; ts < 1000; ts++) out.collect({ ts });
            done = true;
            finished(split.splitId);
            ctx.sendSplitRequest();
          }
          return done && noMore ? 'end-of-input' : 'nothing-available';
        },
        isAvailable: () => new Promise((r) => setTimeout(r, 20)),
        addSplits(splits) {
          split = splits[0];
          setTimeout(() => { ready = true; }, delayMs);
        },
        notifyNoMoreSplits() { noMore = true; },
        snapshotState: () => (split && !done ? [split] : []),
        close() {},
      };
    },
  };
}

test('a reader waiting for its first record is not idle: none of its records are late', async () => {
  const env = new StreamExecutionEnvironment({ 'parallelism.default': 1, 'pipeline.auto-watermark-interval': '20 ms' });
  const strategy = WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts);
  // The fast source is far ahead in event time; it keeps running until the slow one has been read.
  const fast = env.fromSource(new IndexRangeSource<Ev>({ start: 0, end: 3000, produce: (i) => ({ ts: 1_000_000 + i }), rowsPerSecond: 5000 }), strategy, 'fast');
  const slow = env.fromSource(slowSource(300), strategy, 'slow');
  const counts = await fast.union(slow)
    .keyBy(() => 'all')
    .window(TumblingEventTimeWindows.of(10_000))
    .aggregate({ createAccumulator: () => 0, add: (_e, n: number) => n + 1, getResult: (n) => n, merge: (a, b) => a + b })
    .executeAndCollect();
  // Window [0, 10 s) holds the slow source's 1000 records; the fast source's 3000 fall in [1000 s, 1010 s).
  assert.deepEqual(counts.sort((a, b) => a - b), [1000, 3000]);
});
