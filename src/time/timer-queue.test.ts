import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TimerQueue, timerId } from './timer-queue.ts';

test('timer ids keep key, namespace and timestamp apart', () => {
  assert.notEqual(timerId('sa|b', 'c', 1), timerId('sa', 'b|c', 1));
  assert.notEqual(timerId('s1', '2', 3), timerId('s12', '', 3));
  assert.notEqual(timerId('s', 'x|1', 2), timerId('s', 'x', 12));
});

test('property: the queue polls in (timestamp, key group, id) order and agrees with a model under adds and removes', () => {
  const op = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), key: fc.nat(30), ts: fc.nat(40) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), key: fc.nat(30), ts: fc.nat(40) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('poll' as const) }) },
  );
  fc.assert(fc.property(fc.array(op, { maxLength: 400, size: 'max' }), (ops) => {
    const q = new TimerQueue();
    const model = new Map<string, { ts: number; group: number; id: string }>();
    const order = (a: { ts: number; group: number; id: string }, b: { ts: number; group: number; id: string }): number =>
      a.ts - b.ts || a.group - b.group || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    for (const o of ops) {
      if (o.kind === 'poll') {
        const expected = [...model.values()].sort(order)[0];
        const got = q.poll();
        assert.equal(got?.id, expected?.id);
        if (expected) model.delete(expected.id);
        continue;
      }
      const id = timerId(`n${o.key}`, 'w', o.ts);
      const group = o.key % 4;
      if (o.kind === 'add') {
        assert.equal(q.add(o.key, 'w', o.ts, group, id), !model.has(id));
        model.set(id, { ts: o.ts, group, id });
      } else {
        assert.equal(q.remove(id), model.delete(id));
      }
      assert.equal(q.size, model.size);
      assert.equal(q.peek()?.id, [...model.values()].sort(order)[0]?.id);
    }
    // Draining gives everything left, in order.
    const drained: string[] = [];
    for (let t = q.poll(); t !== undefined; t = q.poll()) drained.push(t.id);
    assert.deepEqual(drained, [...model.values()].sort(order).map((t) => t.id));
  }), { numRuns: 200 });
});
