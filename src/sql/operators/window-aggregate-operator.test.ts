import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { insertRow, type Row } from '../../core/row.ts';
import { MAX_WATERMARK } from '../../core/stream-element.ts';
import { OperatorTestHarness, type HarnessSnapshot } from '../../runtime/operators/functions/test-harness.ts';
import { distinctAggregate } from '../functions/aggregate/distinct-aggregate.ts';
import { WindowAggregateOperator, type WindowAggregateOptions } from './window-aggregate-operator.ts';
import { assignWindows, type AlignedWindowSpec, type WindowSpec } from './window-spec.ts';
import { call, countHandle, maxHandle, sumHandle } from './window-test-aggregates.ts';

// Input rows: [key, price, ts]; output: [key, COUNT(*), MAX(price), window_start, window_end].
function options(window: WindowSpec, extra: Partial<WindowAggregateOptions> = {}): WindowAggregateOptions {
  return {
    window, timeIndex: 2, isEventTime: true, groupKey: [0],
    calls: [call('COUNT', []), call('MAX', [1])], handles: [countHandle, maxHandle], ...extra,
  };
}

const keyed = { keySelectors: [(r: Row) => r.fields[0]] };

async function open(window: WindowSpec, extra: Partial<WindowAggregateOptions> = {}, restoreFrom?: HarnessSnapshot) {
  return OperatorTestHarness.open(new WindowAggregateOperator(options(window, extra)), { ...keyed, restoreFrom });
}

function feed(h: OperatorTestHarness<Row, Row>, rows: [string, number, number][]): void {
  for (const [k, p, t] of rows) h.processElement(insertRow([k, p, t]), t);
}

const sorted = (h: OperatorTestHarness<Row, Row>) =>
  h.values().map((r) => { assert.equal(r.kind, '+I'); return r.fields; })
    .sort((a, b) => (a[4] as number) - (b[4] as number) || (a[3] as number) - (b[3] as number) || String(a[0]).localeCompare(String(b[0])));

test('TUMBLE: out-of-order rows within the watermark, edges, late rows dropped and counted', async () => {
  const h = await open({ type: 'TUMBLE', size: 10 });
  feed(h, [['a', 5, 0], ['b', 3, 9], ['a', 7, 10], ['a', 2, 3]]);
  h.processWatermark(8);
  assert.deepEqual(h.values(), []);
  h.processWatermark(9); // window_time of [0, 10) is 9: it fires
  assert.deepEqual(sorted(h), [['a', 2, 5, 0, 10], ['b', 1, 3, 0, 10]]);
  assert.deepEqual(h.records.map((r) => r.timestamp), [9, 9]);
  feed(h, [['a', 100, 8]]); // its window has fired
  assert.deepEqual(h.skipped, ['late']);
  h.clearOutput();
  feed(h, [['a', 1, 19]]);
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(sorted(h), [['a', 2, 7, 10, 20]]);
  assert.deepEqual(h.watermarks, [MAX_WATERMARK]);
  assert.equal(h.keyedState!.size(), 0, 'fired windows leave no state');
});

test('TUMBLE with offset and negative times', async () => {
  const h = await open({ type: 'TUMBLE', size: 10, offset: 3 });
  feed(h, [['a', 1, 2], ['a', 2, 3], ['a', 3, 12], ['a', 4, -8]]);
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(sorted(h), [['a', 1, 4, -17, -7], ['a', 1, 1, -7, 3], ['a', 2, 3, 3, 13]]);
});

test('HOP: a row counts in every window; a row late for some windows still counts in the others', async () => {
  const h = await open({ type: 'HOP', size: 10, slide: 5 });
  feed(h, [['a', 3, 3], ['a', 7, 7], ['a', 12, 12]]);
  h.processWatermark(9); // fires [-5, 5) and [0, 10)
  assert.deepEqual(sorted(h), [['a', 1, 3, -5, 5], ['a', 2, 7, 0, 10]]);
  h.clearOutput();
  feed(h, [['a', 6, 6]]); // [0, 10) fired, [5, 15) still open
  feed(h, [['a', 4, 4]]); // [-5, 5) and [0, 10) both fired
  assert.deepEqual(h.skipped, ['late']);
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(sorted(h), [['a', 3, 12, 5, 15], ['a', 1, 12, 10, 20]]);
});

test('CUMULATE: windows grow by step within each max-size period', async () => {
  const h = await open({ type: 'CUMULATE', maxSize: 10, step: 5 });
  feed(h, [['a', 1, 1], ['a', 6, 6], ['b', 9, 9], ['a', 2, 10]]);
  h.processWatermark(4);
  assert.deepEqual(sorted(h), [['a', 1, 1, 0, 5]]);
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(sorted(h), [
    ['a', 1, 1, 0, 5], ['a', 2, 6, 0, 10], ['b', 1, 9, 0, 10], ['a', 1, 2, 10, 15], ['a', 1, 2, 10, 20],
  ]);
});

test('SESSION: touching and overlapping sessions merge; late sessions are dropped', async () => {
  const h = await open({ type: 'SESSION', gap: 5 });
  feed(h, [['a', 1, 0], ['a', 2, 3], ['a', 3, 20], ['a', 4, 10], ['b', 5, 2]]);
  // a: [0, 8), [10, 15), [20, 25); b: [2, 7). Now a@8 -> [8, 13) touches [0, 8) and overlaps [10, 15).
  feed(h, [['a', 9, 8]]);
  h.processWatermark(14);
  assert.deepEqual(sorted(h), [['b', 1, 5, 2, 7], ['a', 4, 9, 0, 15]]);
  h.clearOutput();
  h.processWatermark(30);
  assert.deepEqual(sorted(h), [['a', 1, 3, 20, 25]]);
  feed(h, [['a', 1, 24]]); // [24, 29) ends before the watermark
  assert.deepEqual(h.skipped, ['late']);
  h.processWatermark(MAX_WATERMARK);
  assert.equal(h.values().length, 1);
  assert.equal(h.keyedState!.size(), 0);
});

test('SESSION: merging extends the session timer instead of firing early', async () => {
  const h = await open({ type: 'SESSION', gap: 5 });
  feed(h, [['a', 1, 0], ['a', 2, 4]]); // [0, 5) then [0, 9)
  h.processWatermark(5);
  assert.deepEqual(h.values(), []);
  h.processWatermark(8);
  assert.deepEqual(sorted(h), [['a', 2, 2, 0, 9]]);
});

test('processing time: windows by the operator clock, fired by processing-time timers', async () => {
  const h = await OperatorTestHarness.open(new WindowAggregateOperator(options({ type: 'TUMBLE', size: 10 }, { isEventTime: false })), { ...keyed, processingTime: 3 });
  feed(h, [['a', 1, 1000], ['b', 2, -5]]); // the rows' own times are ignored
  h.setProcessingTime(8);
  feed(h, [['a', 4, 0]]);
  h.setProcessingTime(9);
  assert.deepEqual(sorted(h), [['a', 2, 4, 0, 10], ['b', 1, 2, 0, 10]]);
  h.clearOutput();
  h.setProcessingTime(15);
  feed(h, [['a', 7, 0]]);
  h.processWatermark(MAX_WATERMARK); // watermarks do not fire processing-time windows
  assert.deepEqual(h.values(), []);
  h.setProcessingTime(19);
  assert.deepEqual(sorted(h), [['a', 1, 7, 10, 20]]);
});

test('FILTER, retraction, window_time and a window whose rows were all retracted', async () => {
  // [key, price, ts, flag]; COUNT(*) FILTER (WHERE flag), SUM(price)
  const h = await OperatorTestHarness.open(new WindowAggregateOperator({
    window: { type: 'TUMBLE', size: 10 }, timeIndex: 2, isEventTime: true, groupKey: [0], emitWindowTime: true,
    calls: [call('COUNT', [], { filterArg: 3 }), call('SUM', [1])], handles: [countHandle, sumHandle],
  }), keyed);
  h.processElement(insertRow(['a', 5, 1, true]));
  h.processElement(insertRow(['a', 7, 2, false]));
  h.processElement(insertRow(['a', 1, 3, null]));
  h.processElement({ kind: '-D', fields: ['a', 7, 2, false] });
  h.processElement(insertRow(['b', 2, 4, true]));
  h.processElement({ kind: '-U', fields: ['b', 2, 4, true] });
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(h.values(), [{ kind: '+I', fields: ['a', 1, 6, 0, 10, 9] }]);
});

test('COUNT(DISTINCT) (a distinct handle) in tumbling and merged session windows', async () => {
  const distinctCount = call('COUNT', [1], { distinct: true });
  for (const window of [{ type: 'TUMBLE', size: 100 }, { type: 'SESSION', gap: 5 }] as const) {
    const h = await OperatorTestHarness.open(new WindowAggregateOperator({
      window, timeIndex: 2, isEventTime: true, groupKey: [0], calls: [distinctCount], handles: [distinctAggregate(countHandle, 1)],
    }), keyed);
    // session: [0, 5) {1, 2} and [10, 15) {2, 3} are bridged by @5 {1} into [0, 15): {1, 2, 3}
    feed(h, [['a', 1, 0], ['a', 2, 1], ['a', 2, 10], ['a', 3, 11], ['a', 1, 5]]);
    h.processWatermark(MAX_WATERMARK);
    assert.deepEqual(h.values().map((r) => r.fields.slice(0, 2)), [['a', 3]], window.type);
  }
});

test('snapshot mid-window and restore into a fresh operator gives the uninterrupted output', async () => {
  const rows: [string, number, number][] = [];
  for (let i = 0; i < 200; i++) rows.push([`k${i % 7}`, (i * 37) % 101, i * 3 + (i % 4 === 0 ? -5 : 0)]);
  for (const window of [{ type: 'TUMBLE', size: 50 }, { type: 'HOP', size: 60, slide: 20 }, { type: 'CUMULATE', maxSize: 100, step: 25 }, { type: 'SESSION', gap: 2 }] as WindowSpec[]) {
    const run = async (cutAt: number | undefined) => {
      let h = await open(window);
      const out: unknown[][] = [];
      for (let i = 0; i < rows.length; i++) {
        if (i === cutAt) {
          const snap = h.snapshot(1);
          out.push(...h.values().map((r) => r.fields));
          await h.close();
          h = await open(window, {}, snap);
        }
        feed(h, [rows[i]!]);
        if (i % 10 === 9) h.processWatermark(rows[i]![2] - 6);
      }
      h.processWatermark(MAX_WATERMARK);
      out.push(...h.values().map((r) => r.fields));
      return out;
    };
    const whole = await run(undefined);
    assert.ok(whole.length > 5, window.type);
    assert.deepEqual(await run(95), whole, window.type);
  }
});

test('TUMBLE: a checkpoint moves open windows into keyed state; later rows of them join that state, and windows fire in end order', async () => {
  const h = await open({ type: 'TUMBLE', size: 10 });
  feed(h, [['b', 4, 1], ['a', 5, 2]]);
  h.snapshot(1); // [0, 10) now lives in keyed state with its timers
  feed(h, [['b', 6, 3], ['c', 1, 4], ['a', 9, 12]]); // b and c join [0, 10) in state; [10, 20) is new, in memory
  h.processWatermark(25); // both fire: [0, 10) first, then [10, 20)
  const out = h.values().map((r) => r.fields);
  assert.deepEqual(out.map((f) => f[4]), [10, 10, 10, 20]);
  assert.deepEqual(sorted(h), [['a', 1, 5, 0, 10], ['b', 2, 6, 0, 10], ['c', 1, 1, 0, 10], ['a', 1, 9, 10, 20]]);
  h.clearOutput();
  feed(h, [['a', 1, 8], ['a', 1, 19]]); // both windows have fired: late
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(h.values(), []);
});

test('throughput: tumbling COUNT(*) + MAX over 1 M rows with ~6300 keys per window', async () => {
  const h = await OperatorTestHarness.open(new WindowAggregateOperator({
    window: { type: 'TUMBLE', size: 10_000 }, timeIndex: 2, isEventTime: true, groupKey: [0],
    calls: [call('COUNT', []), call('MAX', [1])], handles: [countHandle, maxHandle],
  }), { keySelectors: [(r: Row) => r.fields[0]] });
  let emitted = 0;
  const n = 1_000_000;
  const rows: Row[] = new Array(n);
  let seed = 42;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    rows[i] = insertRow([(seed >>> 8) % 10_000, seed % 1000, i]);
  }
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    h.processElement(rows[i]!);
    if (i % 1000 === 999) {
      h.processWatermark(i - 1000);
      emitted += h.records.length;
      h.clearOutput();
    }
  }
  h.processWatermark(MAX_WATERMARK);
  emitted += h.records.length;
  const seconds = (performance.now() - start) / 1000;
  console.log(`window aggregate: ${Math.round(n / seconds).toLocaleString('en')} rows/s (${emitted} results)`);
  assert.ok(emitted > 100 * 6000 && emitted < 100 * 6400, `~6300 keys per window, got ${emitted}`);
  assert.ok(n / seconds > 50_000, 'at least 50 k rows/s even on a loaded machine');
});

test('windowed input: a cascaded aggregate groups by the window_end already in the rows', async () => {
  // input: a first-level result [key, cnt, window_start, window_end]; SUM(cnt) per window over all keys
  const h = await OperatorTestHarness.open(new WindowAggregateOperator({
    window: { type: 'TUMBLE', size: 10 }, timeIndex: -1, isEventTime: true, groupKey: [], windowEndIndex: 3,
    calls: [call('SUM', [1])], handles: [sumHandle],
  }), { keySelectors: [() => 0] });
  h.processElement(insertRow(['a', 2, 0, 10]));
  h.processElement(insertRow(['b', 3, 0, 10]));
  h.processElement(insertRow(['a', 1, 10, 20]));
  h.processWatermark(9);
  assert.deepEqual(h.values().map((r) => r.fields), [[5, 0, 10]]);
  h.processElement(insertRow(['c', 1, 0, 10]));
  assert.deepEqual(h.skipped, ['late']);
  h.processWatermark(MAX_WATERMARK);
  assert.deepEqual(h.values().map((r) => r.fields), [[5, 0, 10], [1, 10, 20]]);
});

test('property: results equal a brute-force count/max per key and window of the rows that were not late', async () => {
  const specs = fc.oneof(
    fc.record({ type: fc.constant('TUMBLE' as const), size: fc.integer({ min: 1, max: 20 }), offset: fc.integer({ min: -5, max: 5 }) }),
    fc.record({ type: fc.constant('HOP' as const), size: fc.integer({ min: 1, max: 20 }), slide: fc.integer({ min: 1, max: 20 }) }),
    fc.integer({ min: 1, max: 5 }).chain((step) => fc.record({ type: fc.constant('CUMULATE' as const), step: fc.constant(step), maxSize: fc.integer({ min: 1, max: 4 }).map((n) => n * step) })),
  );
  const rows = fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), price: fc.integer({ min: 0, max: 99 }), jitter: fc.integer({ min: 0, max: 8 }), wm: fc.boolean() }), { maxLength: 80 });
  await fc.assert(fc.asyncProperty(specs, rows, async (spec, input) => {
    const h = await open(spec as WindowSpec);
    const expected = new Map<string, [number, number]>();
    let watermark = Number.NEGATIVE_INFINITY;
    let late = 0;
    input.forEach((r, i) => {
      const ts = i - r.jitter; // out of order by up to 8
      let anyOpen = false;
      for (const [s, e] of assignWindows(spec as AlignedWindowSpec, ts)) {
        if (e - 1 <= watermark) continue;
        anyOpen = true;
        const k = JSON.stringify([r.key, s, e]);
        const [n, max] = expected.get(k) ?? [0, -1];
        expected.set(k, [n + 1, Math.max(max, r.price)]);
      }
      feed(h, [[r.key, r.price, ts]]);
      if (!anyOpen && assignWindows(spec as AlignedWindowSpec, ts).length > 0) late++;
      assert.equal(h.skipped.length, late, 'rows between HOP windows are not late');
      if (r.wm && i - 4 > watermark) {
        watermark = i - 4;
        h.processWatermark(watermark);
      }
    });
    h.processWatermark(MAX_WATERMARK);
    const actual = h.values().map((r) => JSON.stringify([r.fields[0], r.fields[3], r.fields[4]]) + JSON.stringify([r.fields[1], r.fields[2]])).sort();
    const want = [...expected].map(([k, v]) => k + JSON.stringify(v)).sort();
    assert.deepEqual(actual, want);
  }), { numRuns: 200 });
});

test('property: sessions equal the brute-force split of each key\'s sorted times at gaps', async () => {
  const rows = fc.array(fc.record({ key: fc.constantFrom('a', 'b'), ts: fc.integer({ min: 0, max: 60 }) }), { maxLength: 40 });
  await fc.assert(fc.asyncProperty(rows, fc.integer({ min: 1, max: 6 }), async (input, gap) => {
    const h = await open({ type: 'SESSION', gap });
    input.forEach((r, i) => feed(h, [[r.key, i, r.ts]]));
    h.processWatermark(MAX_WATERMARK);
    const want: string[] = [];
    for (const key of ['a', 'b']) {
      const times = input.filter((r) => r.key === key).map((r) => r.ts).sort((x, y) => x - y);
      let start = 0;
      for (let i = 1; i <= times.length; i++) {
        if (i === times.length || times[i]! > times[i - 1]! + gap) {
          want.push(JSON.stringify([key, i - start, times[start], times[i - 1]! + gap]));
          start = i;
        }
      }
    }
    const actual = h.values().map((r) => JSON.stringify([r.fields[0], r.fields[1], r.fields[3], r.fields[4]]));
    assert.deepEqual(actual.sort(), want.sort());
  }), { numRuns: 200 });
});
