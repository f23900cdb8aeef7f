import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HeapTimerService, type KeyContext } from './heap-timer-service.ts';
import { ManualProcessingTimeService, type ProcessingTimeService } from './processing-time-service.ts';
import type { Timer, Triggerable } from './timer-service.ts';
import { keyGroupOf, keyGroupRangeFor, subtaskForKeyGroup, type KeyGroupRange } from '../core/key-group.ts';
import { MAX_WATERMARK, MIN_WATERMARK } from '../core/stream-element.ts';
import { RestoreError } from '../core/errors.ts';
import { encodeValue } from '../core/codec.ts';
import type { KeyGroupBlob } from '../state/keyed-state-backend.ts';

/** Just the key handling of a keyed state backend. */
class FakeKeys implements KeyContext {
  readonly keyGroupRange: KeyGroupRange;
  readonly maxParallelism: number;
  #key: unknown;
  constructor(range: KeyGroupRange = { start: 0, end: 128 }, maxParallelism = 128) {
    this.keyGroupRange = range;
    this.maxParallelism = maxParallelism;
  }
  setCurrentKey(key: unknown): void { this.#key = key; }
  setCurrentKeyInGroup(key: unknown): void { this.#key = key; }
  getCurrentKey(): unknown { return this.#key; }
  getCurrentKeyGroup(): number { return keyGroupOf(this.#key, this.maxParallelism); }
}

/** JSON that also shows bigints, for readable assertions. */
const show = (v: unknown): string => JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

/** Records fired timers as "event|proc key namespace timestamp", checking the current key is the timer's. */
class Recorder implements Triggerable {
  readonly fired: string[] = [];
  readonly keys: FakeKeys;
  onEvent: ((t: Timer) => void) | undefined;
  constructor(keys: FakeKeys) { this.keys = keys; }
  onEventTime(t: Timer): void {
    assert.deepEqual(this.keys.getCurrentKey(), t.key);
    this.fired.push(`event ${show(t.key)} ${t.namespace} ${t.timestamp}`);
    this.onEvent?.(t);
  }
  onProcessingTime(t: Timer): void {
    assert.deepEqual(this.keys.getCurrentKey(), t.key);
    this.fired.push(`proc ${show(t.key)} ${t.namespace} ${t.timestamp}`);
  }
}

function setup(range?: KeyGroupRange, maxParallelism?: number, clock: ProcessingTimeService = new ManualProcessingTimeService()) {
  const keys = new FakeKeys(range, maxParallelism);
  const target = new Recorder(keys);
  const timers = new HeapTimerService(keys, clock, target);
  const on = (key: unknown): HeapTimerService => { keys.setCurrentKey(key); return timers; };
  return { keys, target, timers, on };
}

test('event-time timers fire in timestamp order with their key current, once per (key, namespace, timestamp)', () => {
  const { target, timers, on } = setup();
  on('a').registerEventTimeTimer('w1', 30);
  on('a').registerEventTimeTimer('w1', 30);
  on('b').registerEventTimeTimer('w1', 10);
  on('b').registerEventTimeTimer('w2', 20);
  on('a').registerEventTimeTimer('w2', 30);
  assert.equal(timers.numEventTimeTimers(), 4);
  assert.equal(timers.currentWatermark(), MIN_WATERMARK);
  timers.advanceWatermark(15);
  assert.deepEqual(target.fired, ['event "b" w1 10']);
  assert.equal(timers.currentWatermark(), 15);
  timers.advanceWatermark(30);
  assert.deepEqual(target.fired.slice(1, 2), ['event "b" w2 20']);
  assert.deepEqual(target.fired.slice(2).sort(), ['event "a" w1 30', 'event "a" w2 30']);
  assert.equal(timers.numEventTimeTimers(), 0);
  timers.advanceWatermark(100);
  assert.equal(target.fired.length, 4, 'a timer fires once');
});

test('deleting removes only the current key\'s timer; deleting a missing timer is a no-op', () => {
  const { target, timers, on } = setup();
  on('a').registerEventTimeTimer('w', 10);
  on('a').registerEventTimeTimer('w', 20);
  on('b').registerEventTimeTimer('w', 20);
  on('b').deleteEventTimeTimer('w', 10); // b has no timer at 10
  on('a').deleteEventTimeTimer('w', 10);
  on('a').deleteEventTimeTimer('other', 20);
  assert.equal(timers.numEventTimeTimers(), 2);
  timers.advanceWatermark(50);
  assert.deepEqual(target.fired.sort(), ['event "a" w 20', 'event "b" w 20']);
});

test('timers registered while firing fire in the same call when due; onEventTime sees the new watermark', () => {
  const { target, timers, on } = setup();
  on('a').registerEventTimeTimer('w', 10);
  const watermarks: number[] = [];
  target.onEvent = (t) => {
    watermarks.push(timers.currentWatermark());
    if (t.timestamp === 10) {
      timers.registerEventTimeTimer('w', 12); // due: fires in this call, key 'a' is current
      on('b').registerEventTimeTimer('w', 11);
      on('c').registerEventTimeTimer('w', 500); // not due
      on('a').deleteEventTimeTimer('w', 99);
    }
  };
  on('a').registerEventTimeTimer('w', 99);
  timers.advanceWatermark(100);
  assert.deepEqual(target.fired, ['event "a" w 10', 'event "b" w 11', 'event "a" w 12']);
  assert.deepEqual(watermarks, [100, 100, 100]);
  assert.equal(timers.numEventTimeTimers(), 1);
  timers.advanceWatermark(MAX_WATERMARK);
  assert.deepEqual(target.fired.at(-1), 'event "c" w 500');
});

test('composite keys are one key whatever their field order; distinct keys and namespaces do not collide', () => {
  const { target, timers, on } = setup();
  on({ id: 1, region: 'eu' }).registerEventTimeTimer('w', 5);
  on({ region: 'eu', id: 1 }).registerEventTimeTimer('w', 5);
  // Pairs that would collide if key and namespace were joined without a length prefix.
  on('a|b').registerEventTimeTimer('c', 5);
  on('a').registerEventTimeTimer('b|c', 5);
  on(1).registerEventTimeTimer('w', 5);
  on('1').registerEventTimeTimer('w', 5);
  assert.equal(timers.numEventTimeTimers(), 5);
  on({ region: 'eu', id: 1 }).deleteEventTimeTimer('w', 5);
  assert.equal(timers.numEventTimeTimers(), 4);
  timers.advanceWatermark(5);
  assert.equal(target.fired.length, 4);
});

test('equal timestamps fire in the same order whatever the registration order', () => {
  const keys = ['x', 'y', 'z', 7, [1, 2], { k: 1 }];
  const order = (registration: unknown[]): string[] => {
    const { target, timers, on } = setup();
    for (const k of registration) on(k).registerEventTimeTimer('w', 42);
    timers.advanceWatermark(42);
    return target.fired;
  };
  const first = order(keys);
  assert.equal(first.length, keys.length);
  assert.deepEqual(order([...keys].reverse()), first);
  assert.deepEqual(order([keys[3], keys[0], keys[5], keys[1], keys[4], keys[2]]), first);
});

test('equal timestamps fire in the same order after a snapshot and restore, also split across subtasks', () => {
  const maxParallelism = 16;
  const keys: unknown[] = [...Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? i : `k${i}`)), [1, 2], { k: 1 }, 5n, true];
  const original = setup(keyGroupRangeFor(0, 1, maxParallelism), maxParallelism);
  for (const k of keys) for (const ns of ['w2', 'w1']) original.on(k).registerEventTimeTimer(ns, 7);
  const blobs = original.timers.snapshot();
  original.timers.advanceWatermark(7);
  assert.equal(original.target.fired.length, keys.length * 2);
  const restored = setup(keyGroupRangeFor(0, 1, maxParallelism), maxParallelism);
  restored.timers.restore([...blobs].reverse());
  restored.timers.advanceWatermark(7);
  assert.deepEqual(restored.target.fired, original.target.fired);
  // Each of two subtasks fires its share in the same relative order.
  const halves = [0, 1].map((i) => setup(keyGroupRangeFor(i, 2, maxParallelism), maxParallelism));
  for (const h of halves) { h.timers.restore(blobs); h.timers.advanceWatermark(7); }
  assert.deepEqual(halves.flatMap((h) => h.target.fired), original.target.fired, 'key groups ascending: subtask 0 then 1');
});

/** A manual clock that counts how often the timer service schedules and cancels. */
class CountingClock extends ManualProcessingTimeService {
  scheduled: number[] = [];
  cancelled = 0;
  override schedule(time: number, cb: (time: number) => void): () => void {
    this.scheduled.push(time);
    const cancel = super.schedule(time, cb);
    return () => { this.cancelled++; cancel(); };
  }
}

test('processing-time timers: one callback for the earliest timer, due timers fire in order, then it reschedules', () => {
  const clock = new CountingClock(0);
  const { target, timers, on } = setup(undefined, undefined, clock);
  on('a').registerProcessingTimeTimer('p', 100);
  on('a').registerProcessingTimeTimer('p', 100);
  on('b').registerProcessingTimeTimer('p', 50); // earlier: replaces the callback
  on('c').registerProcessingTimeTimer('p', 200); // later: no new callback
  assert.deepEqual(clock.scheduled, [100, 50]);
  assert.equal(clock.cancelled, 1);
  assert.equal(timers.numProcessingTimeTimers(), 3);
  clock.advanceTo(60);
  assert.deepEqual(target.fired, ['proc "b" p 50']);
  assert.equal(timers.currentProcessingTime(), 60);
  assert.deepEqual(clock.scheduled, [100, 50, 100]);
  clock.advanceTo(250);
  assert.deepEqual(target.fired, ['proc "b" p 50', 'proc "a" p 100', 'proc "c" p 200']);
  assert.equal(timers.numProcessingTimeTimers(), 0);
  assert.deepEqual(clock.scheduled, [100, 50, 100, 200], 'nothing scheduled once empty');
});

test('a deleted processing-time timer does not fire; the callback moves on to the next one', () => {
  const clock = new ManualProcessingTimeService(0);
  const { target, timers, on } = setup(undefined, undefined, clock);
  on('a').registerProcessingTimeTimer('p', 10);
  on('a').registerProcessingTimeTimer('p', 30);
  on('a').deleteProcessingTimeTimer('p', 10);
  clock.advanceTo(20);
  assert.deepEqual(target.fired, []);
  clock.advanceTo(30);
  assert.deepEqual(target.fired, ['proc "a" p 30']);
  assert.equal(timers.numProcessingTimeTimers(), 0);
});

test('processing-time timers registered while firing fire in the same callback if due, else get one callback after it', () => {
  const clock = new CountingClock(0);
  const keys = new FakeKeys();
  const fired: string[] = [];
  const timers: HeapTimerService = new HeapTimerService(keys, clock, {
    onEventTime: () => assert.fail('no event timers'),
    onProcessingTime: (t) => {
      fired.push(`${String(t.key)}@${t.timestamp}`);
      if (t.timestamp === 10) timers.registerProcessingTimeTimer('p', 5); // already due
      if (t.timestamp < 40 && t.timestamp !== 5) timers.registerProcessingTimeTimer('p', t.timestamp + 10); // a repeating timer
    },
  });
  keys.setCurrentKey('k');
  timers.registerProcessingTimeTimer('p', 10);
  clock.advanceTo(35);
  assert.deepEqual(fired, ['k@10', 'k@5', 'k@20', 'k@30']);
  clock.advanceTo(100);
  assert.deepEqual(fired, ['k@10', 'k@5', 'k@20', 'k@30', 'k@40']);
  assert.deepEqual(clock.scheduled, [10, 20, 30, 40], 'one callback per firing round');
});

test('close cancels the callback and nothing is scheduled afterwards', () => {
  const clock = new ManualProcessingTimeService(0);
  const { target, timers, on } = setup(undefined, undefined, clock);
  on('a').registerProcessingTimeTimer('p', 10);
  timers.close();
  on('a').registerProcessingTimeTimer('p', 5);
  clock.advanceTo(100);
  assert.deepEqual(target.fired, []);
});

test('a snapshot has one blob per key group, ascending; restore skips groups outside the range', () => {
  const { timers, on } = setup({ start: 0, end: 8 }, 8);
  const keys = Array.from({ length: 20 }, (_, i) => `key-${i}`);
  for (const k of keys) on(k).registerEventTimeTimer('w', 1);
  const blobs = timers.snapshot();
  const groups = blobs.map((b) => b.keyGroup);
  assert.deepEqual(groups, [...new Set(keys.map((k) => keyGroupOf(k, 8)))].sort((a, b) => a - b));
  const part = setup({ start: 0, end: 4 }, 8);
  part.timers.restore(blobs);
  assert.equal(part.timers.numEventTimeTimers(), keys.filter((k) => keyGroupOf(k, 8) < 4).length);
});

test('rescaling 2 -> 1 -> 3 keeps every timer exactly once, in the subtask that owns its key', () => {
  const maxParallelism = 16;
  const clock = () => new ManualProcessingTimeService(0);
  const keys: unknown[] = [...Array.from({ length: 40 }, (_, i) => i), 'alpha', 'beta', { user: 'u1', region: 'eu' }, ['composite', 2], 10n ** 20n];
  const owner = (key: unknown, p: number): number => subtaskForKeyGroup(keyGroupOf(key, maxParallelism), p, maxParallelism);
  const tsOf = (i: number): number => 100 + i;

  const twoClocks = [clock(), clock()];
  const two = [0, 1].map((i) => setup(keyGroupRangeFor(i, 2, maxParallelism), maxParallelism, twoClocks[i]));
  keys.forEach((k, i) => {
    const { on } = two[owner(k, 2)]!;
    on(k).registerEventTimeTimer('window', tsOf(i));
    on(k).registerProcessingTimeTimer('ttl', 1000 + i);
  });
  const fromTwo: KeyGroupBlob[] = two.flatMap((s) => s.timers.snapshot());

  const one = setup(keyGroupRangeFor(0, 1, maxParallelism), maxParallelism, clock());
  one.timers.restore(fromTwo);
  assert.equal(one.timers.numEventTimeTimers(), keys.length);
  assert.equal(one.timers.numProcessingTimeTimers(), keys.length);
  const fromOne = one.timers.snapshot();

  const threeClocks = [clock(), clock(), clock()];
  const three = [0, 1, 2].map((i) => setup(keyGroupRangeFor(i, 3, maxParallelism), maxParallelism, threeClocks[i]));
  for (const s of three) s.timers.restore(fromOne);
  assert.equal(three.reduce((n, s) => n + s.timers.numEventTimeTimers(), 0), keys.length);
  for (const s of three) assert.ok(s.timers.numEventTimeTimers() > 0, 'each subtask owns some keys');

  // Restored timers still deduplicate against new registrations of the same (key, namespace, timestamp).
  const composite = { region: 'eu', user: 'u1' };
  const compositeIndex = 42;
  assert.notEqual(show(keys[compositeIndex]), show(composite), 'a different spelling of the same key');
  three[owner(composite, 3)]!.on(composite).registerEventTimeTimer('window', tsOf(compositeIndex));
  assert.equal(three.reduce((n, s) => n + s.timers.numEventTimeTimers(), 0), keys.length);

  const actual: string[] = [];
  three.forEach((s, i) => {
    s.timers.advanceWatermark(MAX_WATERMARK);
    threeClocks[i]!.advanceTo(10_000); // processing-time timers were rescheduled by restore
    actual.push(...s.target.fired.map((line) => `${i}: ${line}`));
  });
  const expected = keys.flatMap((k, i) => [`${owner(k, 3)}: event ${show(k)} window ${tsOf(i)}`, `${owner(k, 3)}: proc ${show(k)} ttl ${1000 + i}`]);
  assert.deepEqual(actual.sort(), expected.sort());
});

test('restore rejects blobs that are not timers, naming the key group', () => {
  const { timers } = setup();
  assert.throws(() => timers.restore([{ keyGroup: 3, data: encodeValue({ not: 'timers' }) }]), (e: unknown) => e instanceof RestoreError && /key group 3/.test(e.message));
  assert.throws(() => timers.restore([{ keyGroup: 4, data: encodeValue([1, ['k', 'ns'], []]) }]), RestoreError);
  assert.throws(() => timers.restore([{ keyGroup: 5, data: encodeValue([99, [], []]) }]), /timer format 1/);
});

test('property: every due timer fires exactly once, in timestamp order, and none early', () => {
  const op = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('reg' as const), key: fc.integer({ min: 0, max: 5 }), ns: fc.constantFrom('a', 'b'), ts: fc.integer({ min: 0, max: 50 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('del' as const), key: fc.integer({ min: 0, max: 5 }), ns: fc.constantFrom('a', 'b'), ts: fc.integer({ min: 0, max: 50 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('wm' as const), ts: fc.integer({ min: 0, max: 60 }) }) },
  );
  fc.assert(fc.property(fc.array(op, { maxLength: 120, size: 'max' }), (ops) => {
    const keys = new FakeKeys();
    const fired: Timer[] = [];
    const timers = new HeapTimerService(keys, new ManualProcessingTimeService(), { onEventTime: (t) => fired.push(t), onProcessingTime: () => assert.fail() });
    const model = new Map<string, number>(); // "key ns ts" -> ts
    let watermark = MIN_WATERMARK;
    for (const o of ops) {
      if (o.kind === 'wm') {
        watermark = Math.max(watermark, o.ts);
        fired.length = 0;
        timers.advanceWatermark(o.ts);
        const due = [...model].filter(([, ts]) => ts <= watermark).map(([id]) => id).sort();
        for (const id of due) model.delete(id);
        assert.deepEqual(fired.map((t) => `${String(t.key)} ${t.namespace} ${t.timestamp}`).sort(), due);
        for (let i = 1; i < fired.length; i++) assert.ok(fired[i - 1]!.timestamp <= fired[i]!.timestamp);
      } else {
        keys.setCurrentKey(o.key);
        const id = `${o.key} ${o.ns} ${o.ts}`;
        if (o.kind === 'reg') { timers.registerEventTimeTimer(o.ns, o.ts); model.set(id, o.ts); }
        else { timers.deleteEventTimeTimer(o.ns, o.ts); model.delete(id); }
      }
      assert.equal(timers.numEventTimeTimers(), model.size);
    }
  }), { numRuns: 300 });
});
