import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import type { KeyedStateBackend } from '../../../state/keyed-state-backend.ts';
import { listState, valueState, type AggregateFunction } from '../../../state/state-descriptor.ts';
import type { InternalTimerService } from '../../../time/timer-service.ts';
import { OperatorTestHarness, type HarnessSnapshot } from '../functions/test-harness.ts';
import { OutputTag, type OperatorContext, type StreamOperator } from '../stream-operator.ts';
import { ContinuousEventTimeTrigger } from './continuous-event-time-trigger.ts';
import { CountEvictor } from './count-evictor.ts';
import { CountTrigger } from './count-trigger.ts';
import { GlobalWindows } from './global-windows.ts';
import type { ProcessWindowFunction } from './process-window-function.ts';
import { PurgingTrigger } from './purging-trigger.ts';
import { EventTimeSessionWindows, ProcessingTimeSessionWindows } from './session-windows.ts';
import { SlidingEventTimeWindows } from './sliding-windows.ts';
import { TimeEvictor } from './time-evictor.ts';
import type { Trigger } from './trigger.ts';
import { TumblingEventTimeWindows, TumblingProcessingTimeWindows } from './tumbling-windows.ts';
import { LATE_ELEMENT_DROPPED, WindowOperator } from './window-operator.ts';
import { GlobalWindow, MAX_WINDOW_TIMESTAMP, TimeWindow, type Window } from './window.ts';

interface Ev {
  readonly key: string;
  readonly v: number;
}

/**
 * The shared operator test harness (real heap state and timers, manual clock), keyed by `key`,
 * with elements written "key:value@timestamp" and output read as lines "value @timestamp",
 * "tag value @timestamp" and "wm t".
 */
class Harness<OUT> {
  readonly #h: OperatorTestHarness<Ev, OUT>;

  private constructor(h: OperatorTestHarness<Ev, OUT>) {
    this.#h = h;
  }

  static async open<OUT>(op: StreamOperator<Ev, OUT>, restoreFrom?: HarnessSnapshot): Promise<Harness<OUT>> {
    return new Harness(await OperatorTestHarness.open(op, { keySelectors: [(e: Ev) => e.key], restoreFrom }));
  }

  get backend(): KeyedStateBackend {
    return this.#h.keyedState!;
  }

  get timers(): InternalTimerService {
    return this.#h.timerServices.get('window-timers')!;
  }

  get skipped(): string[] {
    return this.#h.skipped;
  }

  elements(...specs: string[]): this {
    for (const spec of specs) {
      const [, key, v, ts] = /^(\w+):(-?\d+)@(-?\d+|none)$/.exec(spec)!;
      this.#h.processElement({ key: key!, v: Number(v) }, ts === 'none' ? NO_TIMESTAMP : Number(ts));
    }
    return this;
  }

  watermark(wm: number): this {
    this.#h.processWatermark(wm);
    return this;
  }

  setProcessingTime(time: number): void {
    this.#h.setProcessingTime(time);
  }

  /** The output since the last call; records between two watermarks sorted, as keys fire in no set order. */
  take(): string[] {
    const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
    const out: string[] = [];
    let batch: string[] = [];
    for (const e of this.#h.output.splice(0)) {
      if (e.kind === 'watermark') {
        out.push(...batch.sort(), `wm ${e.timestamp}`);
        batch = [];
      } else {
        batch.push(`${e.kind === 'side' ? `${e.tag} ` : ''}${show(e.value)} @${e.timestamp}`);
      }
    }
    return [...out, ...batch.sort()];
  }

  snapshot(): HarnessSnapshot {
    return this.#h.snapshot(1);
  }

  close(): Promise<void> {
    return this.#h.close();
  }
}

const sum = (a: Ev, b: Ev): Ev => ({ key: a.key, v: a.v + b.v });

/** Emits "key [start,end) n=count" per window; the window function of most tests. */
const countPerWindow: ProcessWindowFunction<Ev, string, string, TimeWindow> = {
  process(key, ctx, elements, out) {
    out.collect(`${key} [${ctx.window.start},${ctx.window.end}) n=${[...elements].length}`);
  },
};

const average: AggregateFunction<Ev, { sum: number; n: number }, number> = {
  createAccumulator: () => ({ sum: 0, n: 0 }),
  add: (e, acc) => ({ sum: acc.sum + e.v, n: acc.n + 1 }),
  getResult: (acc) => acc.sum / acc.n,
  merge: (a, b) => ({ sum: a.sum + b.sum, n: a.n + b.n }),
};

test('tumbling event-time reduce: out-of-order input fires per key when the watermark passes the end', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, Ev, string>({ assigner: TumblingEventTimeWindows.of(10), reduce: sum }));
  h.elements('a:1@1', 'a:2@5', 'b:3@3', 'a:4@12', 'a:5@9', 'b:6@15');
  assert.deepEqual(h.take(), []);
  h.watermark(8);
  assert.deepEqual(h.take(), ['wm 8']);
  h.watermark(9);
  assert.deepEqual(h.take(), ['{"key":"a","v":8} @9', '{"key":"b","v":3} @9', 'wm 9']);
  h.elements('b:7@19');
  h.watermark(25);
  assert.deepEqual(h.take(), ['{"key":"a","v":4} @19', '{"key":"b","v":13} @19', 'wm 25']);
  // Both windows are gone: only the late-drop path is left for old timestamps.
  assert.equal(h.backend.size(), 0);
  assert.equal(h.timers.numEventTimeTimers(), 0);
  h.elements('a:100@8', 'b:100@24');
  assert.deepEqual(h.skipped, [LATE_ELEMENT_DROPPED]);
  h.watermark(30);
  assert.deepEqual(h.take(), ['{"key":"b","v":100} @29', 'wm 30']);
});

test('the final MAX watermark fires every remaining window', async () => {
  const h = await Harness.open(new WindowOperator<Ev, number, number, string>({ assigner: TumblingEventTimeWindows.of(10), aggregate: average }));
  h.elements('a:1@1', 'a:2@1', 'a:10@1000', 'b:4@-5');
  h.watermark(Infinity);
  assert.deepEqual(h.take(), ['1.5 @9', '10 @1009', '4 @-1', 'wm Infinity']);
  assert.equal(h.backend.size(), 0);
});

test('sliding event-time windows: an element is counted in every window that contains it', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, string, string, TimeWindow>({ assigner: SlidingEventTimeWindows.of(10, 5), process: countPerWindow }));
  h.elements('a:0@1', 'a:0@7', 'a:0@12');
  h.watermark(4);
  assert.deepEqual(h.take(), ['a [-5,5) n=1 @4', 'wm 4']);
  h.watermark(9);
  assert.deepEqual(h.take(), ['a [0,10) n=2 @9', 'wm 9']);
  h.watermark(20);
  assert.deepEqual(h.take(), ['a [10,20) n=1 @19', 'a [5,15) n=2 @14', 'wm 20']);
});

test('negative timestamps fall into the windows that round down', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, string, string, TimeWindow>({ assigner: TumblingEventTimeWindows.of(10), process: countPerWindow }));
  h.elements('a:0@-1', 'a:0@-10', 'a:0@-11', 'a:0@0');
  h.watermark(-11);
  assert.deepEqual(h.take(), ['a [-20,-10) n=1 @-11', 'wm -11']);
  h.watermark(0);
  assert.deepEqual(h.take(), ['a [-10,0) n=2 @-1', 'wm 0']);
  h.watermark(9);
  assert.deepEqual(h.take(), ['a [0,10) n=1 @9', 'wm 9']);
});

test('a record without a timestamp fails an event-time window with a message that says why', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, Ev, string>({ assigner: TumblingEventTimeWindows.of(10), reduce: sum }));
  assert.throws(() => h.elements('a:1@none'), /record has no timestamp.*WatermarkStrategy/);
});

test('event-time sessions merge out-of-order elements and emit the merged start, end and count', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, string, string, TimeWindow>({ assigner: EventTimeSessionWindows.withGap(10), process: countPerWindow }));
  // a: [1,15) from 1 and 5; 30 then 20 bridge into [20,40). b: 0 and 20 are bridged by 10 into [0,30).
  h.elements('a:0@1', 'a:0@5', 'a:0@30', 'b:0@0', 'b:0@20', 'a:0@20', 'b:0@10');
  h.watermark(14);
  assert.deepEqual(h.take(), ['a [1,15) n=2 @14', 'wm 14']);
  h.watermark(100);
  assert.deepEqual(h.take(), ['a [20,40) n=2 @39', 'b [0,30) n=3 @29', 'wm 100']);
  assert.equal(h.backend.size(), 0, 'contents and the merging window set are cleared');
  assert.equal(h.timers.numEventTimeTimers(), 0, 'timers of merged-away windows were deleted');
});

test('sessions with a reduce function merge the partial results', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, Ev, string>({ assigner: EventTimeSessionWindows.withGap(5), reduce: sum }));
  h.elements('a:1@0', 'a:10@20', 'a:100@8', 'a:1000@4');
  h.watermark(100);
  // 0 -> [0,5); 20 -> [20,25); 8 -> [8,13); 4 -> [4,9) bridges [0,5) and [8,13) into [0,13)
  assert.deepEqual(h.take(), ['{"key":"a","v":10} @24', '{"key":"a","v":1101} @12', 'wm 100']);
});

test('a session late within allowed lateness re-fires after merging into an already fired session', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, string, string, TimeWindow>({ assigner: EventTimeSessionWindows.withGap(10), allowedLatenessMs: 10, process: countPerWindow }));
  h.elements('a:0@1');
  h.watermark(12);
  assert.deepEqual(h.take(), ['a [1,11) n=1 @10', 'wm 12']);
  // [5,15) extends the fired session to [1,15), which ends after the watermark: it fires at 14.
  h.elements('a:0@5');
  assert.deepEqual(h.take(), []);
  h.watermark(14);
  assert.deepEqual(h.take(), ['a [1,15) n=2 @14', 'wm 14']);
  h.watermark(24);
  assert.equal(h.backend.size(), 0);
});

test('CountTrigger state merges when sessions merge', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, string, string, TimeWindow>({ assigner: EventTimeSessionWindows.withGap(10), trigger: CountTrigger.of(3), process: countPerWindow }));
  h.elements('a:0@0', 'a:0@20');
  assert.deepEqual(h.take(), []);
  h.elements('a:0@10'); // merges [0,10), [10,20) and [20,30): counts 1 + 1 + 1
  assert.deepEqual(h.take(), ['a [0,30) n=3 @29']);
});

test('a merging assigner rejects a trigger that cannot merge', async () => {
  const noMerge: Trigger<Ev, TimeWindow> = {
    onElement: () => 'CONTINUE',
    onEventTime: () => 'CONTINUE',
    onProcessingTime: () => 'CONTINUE',
    clear: () => {},
  };
  assert.throws(
    () => new WindowOperator<Ev, Ev, Ev, string, TimeWindow>({ assigner: EventTimeSessionWindows.withGap(10), trigger: noMerge, reduce: sum }),
    /merging window assigner .* cannot be used with a trigger that does not support merging/,
  );
});

test('allowed lateness: late elements re-fire the window until cleanup, then go to the late side output', async () => {
  const late = new OutputTag<Ev>('late');
  const h = await Harness.open(new WindowOperator<Ev, Ev, Ev, string>({ assigner: TumblingEventTimeWindows.of(10), allowedLatenessMs: 5, lateDataTag: late, reduce: sum }));
  h.elements('a:1@1', 'a:2@2');
  h.watermark(10);
  assert.deepEqual(h.take(), ['{"key":"a","v":3} @9', 'wm 10']);
  h.elements('a:3@3');
  assert.deepEqual(h.take(), ['{"key":"a","v":6} @9']);
  h.watermark(14);
  assert.deepEqual(h.take(), ['wm 14'], 'the cleanup timer does not fire the window again');
  assert.equal(h.backend.size(), 0);
  h.elements('a:4@4', 'a:5@11');
  assert.deepEqual(h.take(), ['late {"key":"a","v":4} @4']);
  assert.deepEqual(h.skipped, []);
  h.watermark(19);
  assert.deepEqual(h.take(), ['{"key":"a","v":5} @19', 'wm 19']);
});

test('an element late for some sliding windows still counts in the others', async () => {
  const late = new OutputTag<Ev>('late');
  const h = await Harness.open(new WindowOperator<Ev, Ev, string, string, TimeWindow>({ assigner: SlidingEventTimeWindows.of(10, 5), lateDataTag: late, process: countPerWindow }));
  h.watermark(10);
  h.elements('a:0@7'); // [0,10) is late, [5,15) is not
  h.watermark(20);
  assert.deepEqual(h.take(), ['wm 10', 'a [5,15) n=1 @14', 'wm 20']);
});

test('aggregate with a ProcessWindowFunction: the function sees the one aggregate and the window', async () => {
  const describe: ProcessWindowFunction<number, string, string, TimeWindow> = {
    process(key, ctx, averages, out) {
      out.collect(`${key} [${ctx.window.start},${ctx.window.end}) avg=${[...averages].join(',')} wm=${ctx.currentWatermark()}`);
    },
  };
  const h = await Harness.open(new WindowOperator<Ev, number, string, string, TimeWindow>({ assigner: TumblingEventTimeWindows.of(10), aggregate: average, process: describe }));
  h.elements('a:1@1', 'a:2@2', 'b:5@3', 'a:6@4');
  h.watermark(15);
  // The watermark is already advanced when the window fires, as in Flink.
  assert.deepEqual(h.take(), ['a [0,10) avg=3 wm=15 @9', 'b [0,10) avg=5 wm=15 @9', 'wm 15']);
});

test('reduce with a ProcessWindowFunction that writes side outputs', async () => {
  const small = new OutputTag<string>('small');
  const route: ProcessWindowFunction<Ev, string, string, TimeWindow> = {
    process(key, ctx, reduced, out) {
      const [total] = [...reduced];
      if (total!.v < 10) ctx.output(small, `${key}=${total!.v}`);
      else out.collect(`${key}=${total!.v}`);
    },
  };
  const h = await Harness.open(new WindowOperator<Ev, Ev, string, string, TimeWindow>({ assigner: TumblingEventTimeWindows.of(10), reduce: sum, process: route }));
  h.elements('a:4@1', 'a:5@2', 'b:7@3', 'b:8@4');
  h.watermark(9);
  assert.deepEqual(h.take(), ['b=15 @9', 'small a=9 @9', 'wm 9']);
});

test('per-window state lives until cleanup, where clear() removes it; global state stays', async () => {
  const firings = valueState<number>('firings');
  const total = valueState<number>('total');
  const pwf: ProcessWindowFunction<Ev, string, string, TimeWindow> = {
    process(key, ctx, elements, out) {
      const f = ctx.windowState.getState(firings);
      f.update((f.value() ?? 0) + 1);
      const t = ctx.globalState.getState(total);
      t.update((t.value() ?? 0) + [...elements].length);
      out.collect(`${key} [${ctx.window.start}) firing=${f.value()} total=${t.value()}`);
    },
    clear(ctx) {
      ctx.windowState.getState(firings).clear();
    },
  };
  const h = await Harness.open(new WindowOperator<Ev, Ev, string, string, TimeWindow>({ assigner: TumblingEventTimeWindows.of(10), allowedLatenessMs: 100, process: pwf }));
  h.elements('a:0@1', 'a:0@12');
  h.watermark(9);
  h.elements('a:0@2');
  h.watermark(19);
  assert.deepEqual(h.take(), ['a [0) firing=1 total=1 @9', 'wm 9', 'a [0) firing=2 total=3 @9', 'a [10) firing=1 total=4 @19', 'wm 19']);
  h.watermark(200);
  assert.deepEqual(h.take(), ['wm 200']);
  // Only the global 'total' entry is left: contents, trigger timers and 'firings' are gone.
  assert.equal(h.backend.size(), 1);
  h.backend.setCurrentKey('a');
  assert.equal(h.backend.getState(total).value(), 4);
});

test('count windows: GlobalWindows with a purging CountTrigger emit every n elements per key', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, Ev, string>({ assigner: GlobalWindows.create(), trigger: PurgingTrigger.of(CountTrigger.of(3)), reduce: sum }));
  h.elements('a:1@none', 'a:2@none', 'b:10@none', 'a:3@none', 'a:4@none', 'a:5@none', 'b:20@none', 'a:6@none', 'a:7@none');
  assert.deepEqual(h.take(), [`{"key":"a","v":15} @${MAX_WINDOW_TIMESTAMP}`, `{"key":"a","v":6} @${MAX_WINDOW_TIMESTAMP}`]);
  assert.equal(h.timers.numEventTimeTimers() + h.timers.numProcessingTimeTimers(), 0, 'the global window has no cleanup timer');
  h.watermark(Infinity);
  assert.deepEqual(h.take(), ['wm Infinity'], 'an incomplete count window never fires');
});

test('sliding count windows: GlobalWindows + CountEvictor(3) + CountTrigger(2)', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, Ev, string>({ assigner: GlobalWindows.create(), trigger: CountTrigger.of(2), evictor: CountEvictor.of(3), reduce: sum }));
  h.elements('a:1@none', 'a:2@none', 'a:3@none', 'a:4@none', 'a:5@none', 'a:6@none');
  const top = `@${MAX_WINDOW_TIMESTAMP}`;
  assert.deepEqual(h.take(), [`{"key":"a","v":15} ${top}`, `{"key":"a","v":3} ${top}`, `{"key":"a","v":9} ${top}`]);
  // The evictor also shrinks the stored contents to the last 3 (the count was reset on firing).
  h.backend.setCurrentKey('a');
  const contents = h.backend.getState(listState<{ value: Ev }>('window-contents'));
  contents.setCurrentNamespace(GlobalWindow.INSTANCE.namespace);
  assert.deepEqual(contents.get().map((e) => e.value.v), [4, 5, 6]);
  assert.equal(h.backend.size(), 1);
});

test('GlobalWindows without a trigger never fires', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, Ev, string>({ assigner: GlobalWindows.create(), reduce: sum }));
  h.elements('a:1@1', 'a:2@2');
  h.watermark(Infinity);
  assert.deepEqual(h.take(), ['wm Infinity']);
});

test('TimeEvictor with a ProcessWindowFunction keeps the newest elements by timestamp', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, string, string, TimeWindow>({
    assigner: TumblingEventTimeWindows.of(100),
    evictor: TimeEvictor.of(10),
    process: { process: (key, _ctx, els, out) => out.collect(`${key} ${[...els].map((e) => e.v).join(',')}`) },
  }));
  h.elements('a:1@5', 'a:2@50', 'a:3@45', 'a:4@41', 'a:5@40');
  h.watermark(99);
  // newest 50, cutoff 40: keeps timestamps > 40 in arrival order
  assert.deepEqual(h.take(), ['a 2,3,4 @99', 'wm 99']);
});

test('an evictor with aggregate folds the kept elements when the window fires', async () => {
  const h = await Harness.open(new WindowOperator<Ev, number, number, string>({ assigner: TumblingEventTimeWindows.of(10), evictor: CountEvictor.of(2), aggregate: average }));
  h.elements('a:100@1', 'a:2@2', 'a:4@3');
  h.watermark(9);
  assert.deepEqual(h.take(), ['3 @9', 'wm 9']);
});

test('ContinuousEventTimeTrigger fires early every interval and once at the end', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, Ev, string>({ assigner: TumblingEventTimeWindows.of(10), trigger: ContinuousEventTimeTrigger.of(3), reduce: sum }));
  h.elements('a:1@1', 'a:2@4');
  h.watermark(3);
  assert.deepEqual(h.take(), ['{"key":"a","v":3} @9', 'wm 3']);
  h.elements('a:4@7');
  h.watermark(6);
  assert.deepEqual(h.take(), ['{"key":"a","v":7} @9', 'wm 6']);
  h.watermark(9);
  assert.deepEqual(h.take(), ['{"key":"a","v":7} @9', 'wm 9']);
  assert.equal(h.backend.size(), 0);
  assert.equal(h.timers.numEventTimeTimers(), 0);
});

test('processing-time tumbling windows fire when the clock passes their end', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, Ev, string>({ assigner: TumblingProcessingTimeWindows.of(10), reduce: sum }));
  h.setProcessingTime(1);
  h.elements('a:1@none', 'b:5@none');
  h.setProcessingTime(3);
  h.elements('a:2@none');
  h.setProcessingTime(8);
  assert.deepEqual(h.take(), []);
  h.setProcessingTime(9);
  assert.deepEqual(h.take(), ['{"key":"a","v":3} @9', '{"key":"b","v":5} @9']);
  h.setProcessingTime(12);
  h.elements('a:4@none');
  h.watermark(1000); // watermarks do not close processing-time windows
  assert.deepEqual(h.take(), ['wm 1000']);
  h.setProcessingTime(25);
  assert.deepEqual(h.take(), ['{"key":"a","v":4} @19']);
  assert.equal(h.backend.size(), 0);
});

test('processing-time sessions merge by arrival time', async () => {
  const h = await Harness.open(new WindowOperator<Ev, Ev, string, string, TimeWindow>({ assigner: ProcessingTimeSessionWindows.withGap(10), process: countPerWindow }));
  h.elements('a:0@none');
  h.setProcessingTime(5);
  h.elements('a:0@none');
  h.setProcessingTime(13);
  assert.deepEqual(h.take(), []);
  h.setProcessingTime(14);
  assert.deepEqual(h.take(), ['a [0,15) n=2 @14']);
  assert.equal(h.backend.size(), 0);
});

test('a snapshot restored into a fresh operator continues as if nothing happened', async () => {
  const script = (h: Harness<string>, part: 1 | 2) => {
    if (part === 1) {
      h.elements('a:0@1', 'b:0@3', 'a:0@12', 'a:0@30');
      h.watermark(9);
      h.elements('b:0@25', 'a:0@18');
    } else {
      h.elements('a:0@20', 'b:0@5');
      h.watermark(100);
    }
  };
  const make = () => new WindowOperator<Ev, Ev, string, string, TimeWindow>({ assigner: EventTimeSessionWindows.withGap(10), allowedLatenessMs: 5, process: countPerWindow });
  const straight = await Harness.open(make());
  script(straight, 1);
  script(straight, 2);
  const expected = ['wm 9', 'a [1,11) n=1 @10', 'a [12,40) n=4 @39', 'b [25,35) n=1 @34', 'b [3,15) n=2 @14', 'wm 100'];
  assert.deepEqual(straight.take(), expected);
  const first = await Harness.open(make());
  script(first, 1);
  const restored = await Harness.open(make(), first.snapshot());
  script(restored, 2);
  assert.deepEqual([...first.take(), ...restored.take()], expected);
});

test('options are validated', async () => {
  assert.throws(() => new WindowOperator<Ev, Ev, Ev, string>({ assigner: TumblingEventTimeWindows.of(10), allowedLatenessMs: -1, reduce: sum }), /allowed lateness cannot be negative/);
  assert.throws(() => new WindowOperator<Ev, Ev, Ev, string>({ assigner: TumblingEventTimeWindows.of(10) } as never), /exactly one window function/);
  const op = new WindowOperator<Ev, Ev, Ev, string, Window>({ assigner: TumblingEventTimeWindows.of(10), reduce: sum });
  assert.throws(() => op.open({ keyedState: undefined, runtime: { operatorName: 'w' } } as unknown as OperatorContext<Ev>), /A window in operator 'w' needs a keyed stream/);
});

test('a ProcessWindowFunction object gets the lifecycle hooks of function objects', async () => {
  const calls: string[] = [];
  const h = await Harness.open(new WindowOperator<Ev, Ev, string, string, TimeWindow>({
    assigner: TumblingEventTimeWindows.of(10),
    process: {
      open: (ctx) => { calls.push(`open subtask ${ctx.getIndexOfThisSubtask()}`); },
      process: countPerWindow.process,
      close: () => { calls.push('close'); },
    },
  }));
  h.elements('a:0@1');
  h.watermark(9);
  await h.close();
  assert.deepEqual(calls, ['open subtask 0', 'close']);
  assert.deepEqual(h.take(), ['a [0,10) n=1 @9', 'wm 9']);
});
