import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NO_TIMESTAMP } from '../../../core/stream-element.ts';
import { EventTimeTrigger } from './event-time-trigger.ts';
import { GlobalWindows } from './global-windows.ts';
import { ProcessingTimeTrigger } from './processing-time-trigger.ts';
import { EventTimeSessionWindows, ProcessingTimeSessionWindows } from './session-windows.ts';
import { SlidingEventTimeWindows, SlidingProcessingTimeWindows } from './sliding-windows.ts';
import { TumblingEventTimeWindows, TumblingProcessingTimeWindows } from './tumbling-windows.ts';
import { isMergingWindowAssigner, type WindowAssigner, type WindowAssignerContext } from './window-assigner.ts';
import { GlobalWindow, type Window } from './window.ts';

const noClock = { currentProcessingTime: () => { throw new Error('event-time assigners must not read the clock'); } };
const clockAt = (t: number) => ({ currentProcessingTime: () => t });
/** Namespaces of the windows `assigner` gives an element with timestamp `ts`. */
const assign = <T>(assigner: WindowAssigner<T, Window>, element: T, ts: number, ctx: WindowAssignerContext = noClock) => assigner.assignWindows(element, ts, ctx).map((w) => w.namespace);

test('tumbling event-time windows, with offsets and negative timestamps', () => {
  const tumbling = TumblingEventTimeWindows.of(10);
  assert.deepEqual(assign(tumbling, null, 0), ['0:10']);
  assert.deepEqual(assign(tumbling, null, 9), ['0:10']);
  assert.deepEqual(assign(tumbling, null, 10), ['10:20']);
  assert.deepEqual(assign(tumbling, null, -1), ['-10:0']);
  assert.deepEqual(assign(tumbling, null, -10), ['-10:0']);
  assert.deepEqual(assign(tumbling, null, -11), ['-20:-10']);
  assert.deepEqual(assign(TumblingEventTimeWindows.of(10, 3), null, 2), ['-7:3']);
  assert.deepEqual(assign(TumblingEventTimeWindows.of(10, -3), null, 7), ['7:17']);
  assert.equal(tumbling.isEventTime(), true);
  assert.equal(tumbling.getDefaultTrigger(), EventTimeTrigger.create());
  assert.equal(isMergingWindowAssigner(tumbling), false);
});

test('tumbling assigners reuse the window while timestamps stay inside it', () => {
  const tumbling: WindowAssigner<unknown, Window> = TumblingEventTimeWindows.of(10);
  const first = tumbling.assignWindows(null, 3, noClock);
  assert.equal(tumbling.assignWindows(null, 7, noClock), first);
  assert.notEqual(tumbling.assignWindows(null, 12, noClock), first);
});

test('tumbling parameters are validated as in Flink', () => {
  assert.throws(() => TumblingEventTimeWindows.of(0), /size must be a positive number/);
  assert.throws(() => TumblingEventTimeWindows.of(10, 10), /abs\(offset\) < size/);
  assert.throws(() => TumblingProcessingTimeWindows.of(10, -12), /abs\(offset\) < size/);
});

test('event-time assigners reject records without a timestamp and say how to fix it', () => {
  for (const assigner of [TumblingEventTimeWindows.of(10), SlidingEventTimeWindows.of(10, 5), EventTimeSessionWindows.withGap(5)]) {
    assert.throws(() => assigner.assignWindows(null, NO_TIMESTAMP), (e: Error) => /has no timestamp/.test(e.message) && /WatermarkStrategy/.test(e.message));
  }
});

test('sliding windows: every window containing the timestamp, latest first', () => {
  const sliding = SlidingEventTimeWindows.of(10, 5);
  assert.deepEqual(assign(sliding, null, 7), ['5:15', '0:10']);
  assert.deepEqual(assign(sliding, null, 5), ['5:15', '0:10']);
  assert.deepEqual(assign(sliding, null, 1), ['0:10', '-5:5']);
  assert.deepEqual(assign(sliding, null, -3), ['-5:5', '-10:0']);
  assert.deepEqual(assign(SlidingEventTimeWindows.of(10, 3), null, 9), ['9:19', '6:16', '3:13', '0:10']);
  assert.deepEqual(assign(SlidingEventTimeWindows.of(10, 5, 2), null, 7), ['7:17', '2:12']);
  // slide > size leaves gaps: 7 is in no window of size 2 every 5
  assert.deepEqual(assign(SlidingEventTimeWindows.of(2, 5), null, 7), []);
  assert.throws(() => SlidingEventTimeWindows.of(10, 5, 5), /abs\(offset\) < slide/);
  assert.throws(() => SlidingEventTimeWindows.of(10, 0), /slide must be a positive number/);
});

test('sliding windows: each window contains the timestamp and there are size/slide of them', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 10 }), (ts, slide, factor) => {
      const size = slide * factor;
      const windows = SlidingEventTimeWindows.of(size, slide).assignWindows(null, ts);
      assert.equal(windows.length, factor);
      for (const w of windows) assert.ok(w.start <= ts && ts < w.end && w.end - w.start === size);
    }),
  );
});

test('processing-time assigners use the clock, not the record timestamp', () => {
  assert.deepEqual(assign(TumblingProcessingTimeWindows.of(10), null, NO_TIMESTAMP, clockAt(23)), ['20:30']);
  assert.deepEqual(assign(SlidingProcessingTimeWindows.of(10, 5), null, 3, clockAt(23)), ['20:30', '15:25']);
  assert.deepEqual(assign(ProcessingTimeSessionWindows.withGap(5), null, 100, clockAt(23)), ['23:28']);
  assert.equal(TumblingProcessingTimeWindows.of(10).isEventTime(), false);
  assert.equal(TumblingProcessingTimeWindows.of(10).getDefaultTrigger(), ProcessingTimeTrigger.create());
});

test('session windows: [t, t + gap), static or dynamic gap, and they merge', () => {
  const sessions = EventTimeSessionWindows.withGap(10);
  assert.deepEqual(assign(sessions, null, -5), ['-5:5']);
  assert.equal(isMergingWindowAssigner(sessions), true);
  const dynamic = EventTimeSessionWindows.withDynamicGap((e: { gap: number }) => e.gap);
  assert.deepEqual(assign(dynamic, { gap: 3 }, 10), ['10:13']);
  assert.throws(() => dynamic.assignWindows({ gap: 0 }, 10), /0 < gap/);
  assert.throws(() => EventTimeSessionWindows.withGap(-1), /gap must be a positive number/);
});

test('GlobalWindows puts everything in the one global window and never fires by default', () => {
  const global = GlobalWindows.create();
  assert.deepEqual(assign(global, null, NO_TIMESTAMP), [GlobalWindow.INSTANCE.namespace]);
  assert.equal(global.isEventTime(), false);
  const never = global.getDefaultTrigger();
  assert.equal(never.onElement(null, 0, GlobalWindow.INSTANCE, undefined as never), 'CONTINUE');
  assert.equal(never.onEventTime(Infinity, GlobalWindow.INSTANCE, undefined as never), 'CONTINUE');
});
