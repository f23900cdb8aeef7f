import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listState, mapState, reducingState, valueState, type StateTtlConfig } from '../state-descriptor.ts';
import { HeapKeyedStateBackend } from './heap-keyed-state-backend.ts';

/** A backend whose TTL clock is the returned `clock.t`. */
function withClock(): { b: HeapKeyedStateBackend; clock: { t: number } } {
  const clock = { t: 1000 };
  const b = new HeapKeyedStateBackend({ keyGroupRange: { start: 0, end: 128 }, maxParallelism: 128, now: () => clock.t });
  return { b, clock };
}

const ttl100: StateTtlConfig = { ttlMs: 100 };

test('an expired value is never returned and its entry is dropped on access', () => {
  const { b, clock } = withClock();
  const s = b.getState(valueState<string>('s', { ttl: ttl100, defaultValue: 'default' }));
  b.setCurrentKey('k');
  s.update('x'); // expires at 1100
  clock.t = 1099;
  assert.equal(s.value(), 'x');
  clock.t = 1100;
  assert.equal(s.value(), 'default');
  assert.equal(b.size(), 0);
});

test('a write restarts the time to live, a read does not (OnCreateAndWrite)', () => {
  const { b, clock } = withClock();
  const s = b.getState(valueState<string>('s', { ttl: ttl100 }));
  b.setCurrentKey('k');
  s.update('x');
  clock.t = 1050;
  s.update('y'); // expires at 1150
  clock.t = 1149;
  assert.equal(s.value(), 'y'); // this read must not move the expiry
  clock.t = 1150;
  assert.equal(s.value(), undefined);
});

test('OnReadAndWrite: each read restarts the time to live', () => {
  const { b, clock } = withClock();
  const s = b.getState(valueState<string>('s', { ttl: { ttlMs: 100, updateType: 'OnReadAndWrite' } }));
  b.setCurrentKey('k');
  s.update('x');
  clock.t = 1090;
  assert.equal(s.value(), 'x'); // now expires at 1190
  clock.t = 1150;
  assert.equal(s.value(), 'x'); // would have expired at 1100 without the read; now expires at 1250
  clock.t = 1250;
  assert.equal(s.value(), undefined);
});

test('ReturnExpiredIfNotCleanedUp returns an expired value once, then it is gone', () => {
  const { b, clock } = withClock();
  const s = b.getState(valueState<string>('s', { ttl: { ttlMs: 100, visibility: 'ReturnExpiredIfNotCleanedUp' } }));
  b.setCurrentKey('k');
  s.update('x');
  clock.t = 1200;
  assert.equal(s.value(), 'x');
  assert.equal(s.value(), undefined);
});

test('reducing state does not fold new values into an expired one', () => {
  const { b, clock } = withClock();
  const sum = b.getState(reducingState<number>('sum', (x, y) => x + y, { ttl: ttl100 }));
  b.setCurrentKey('k');
  sum.add(5);
  clock.t = 1050;
  sum.add(1); // 6, expires at 1150
  clock.t = 1150;
  sum.add(3);
  assert.equal(sum.get(), 3);
});

test('list state elements expire one by one', () => {
  const { b, clock } = withClock();
  const list = b.getState(listState<string>('l', { ttl: ttl100 }));
  b.setCurrentKey('k');
  list.add('a'); // expires at 1100
  clock.t = 1050;
  list.addAll(['b', 'c']); // expire at 1150
  clock.t = 1100;
  assert.deepEqual(list.get(), ['b', 'c']);
  clock.t = 1150;
  assert.deepEqual(list.get(), []);
  assert.equal(b.size(), 0);
});

test('map state entries expire one by one, also when iterating', () => {
  const { b, clock } = withClock();
  const m = b.getState(mapState<string, number>('m', { ttl: ttl100 }));
  b.setCurrentKey('k');
  m.put('k1', 1); // expires at 1100
  clock.t = 1060;
  m.put('k2', 2); // expires at 1160
  m.put('k3', 3);
  clock.t = 1100;
  assert.equal(m.get('k1'), undefined);
  assert.equal(m.contains('k2'), true);
  assert.deepEqual([...m.entries()], [['k2', 2], ['k3', 3]]);
  assert.equal(m.isEmpty(), false);
  clock.t = 1160;
  assert.deepEqual([...m.keys()], []);
  assert.equal(m.isEmpty(), true);
  assert.equal(b.size(), 0);
});

test('snapshots leave out expired entries, drop them, and keep the timestamps of live ones', () => {
  const { b, clock } = withClock();
  const d = valueState<string>('s', { ttl: ttl100 });
  const s = b.getState(d);
  b.setCurrentKey('old');
  s.update('o'); // expires at 1100
  clock.t = 1080;
  b.setCurrentKey('young');
  s.update('y'); // expires at 1180
  clock.t = 1100;
  const blobs = b.snapshot();
  assert.equal(b.size(), 1, 'the expired entry was dropped while snapshotting');

  const restored = withClock();
  restored.clock.t = 1100;
  restored.b.restore(blobs);
  assert.equal(restored.b.size(), 1);
  const r = restored.b.getState(d);
  restored.b.setCurrentKey('young');
  assert.equal(r.value(), 'y');
  restored.clock.t = 1180;
  assert.equal(r.value(), undefined, 'the restored entry keeps its original write time');
});
