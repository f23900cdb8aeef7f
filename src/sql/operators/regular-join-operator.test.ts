import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Row } from '../../core/row.ts';
import { OperatorTestHarness, type HarnessSnapshot } from '../../runtime/operators/functions/test-harness.ts';
import { D, drain, I, keyByFirstField, show, step, UA, UB } from './join-test-rows.ts';
import { RegularJoinOperator, type RegularJoinOptions } from './regular-join-operator.ts';

const open = (options: Partial<RegularJoinOptions> & Pick<RegularJoinOptions, 'joinType'>, restoreFrom?: HarnessSnapshot) =>
  OperatorTestHarness.open<Row, Row>(new RegularJoinOperator({ leftWidth: 2, rightWidth: 2, generateUpdateBefore: true, ...options }), {
    keySelectors: keyByFirstField,
    restoreFrom,
  });

for (const insertOnly of [false, true]) {
  test(`inner join of insert-only inputs emits +I only (insert-only state: ${insertOnly})`, async () => {
    const h = await open({ joinType: 'INNER', leftInsertOnly: insertOnly, rightInsertOnly: insertOnly });
    assert.deepEqual(step(h, 'L', I(1, 'a')), []);
    assert.deepEqual(step(h, 'R', I(1, 'x')), ['+I[1, a, 1, x]']);
    assert.deepEqual(step(h, 'R', I(2, 'y')), []);
    assert.deepEqual(step(h, 'L', I(2, 'b')), ['+I[2, b, 2, y]']);
    assert.deepEqual(step(h, 'L', I(1, 'c')), ['+I[1, c, 1, x]']);
    assert.deepEqual(step(h, 'R', I(1, 'z')), ['+I[1, a, 1, z]', '+I[1, c, 1, z]']);
  });
}

test('inner join forwards the input kinds of a changelog', async () => {
  const h = await open({ joinType: 'INNER' });
  step(h, 'L', I(1, 'a'));
  assert.deepEqual(step(h, 'R', I(1, 'x')), ['+I[1, a, 1, x]']);
  assert.deepEqual(step(h, 'R', UB(1, 'x')), ['-U[1, a, 1, x]']);
  assert.deepEqual(step(h, 'R', UA(1, 'z')), ['+U[1, a, 1, z]']);
  assert.deepEqual(step(h, 'L', UB(1, 'a')), ['-U[1, a, 1, z]']);
  assert.deepEqual(step(h, 'L', UA(1, 'b')), ['+U[1, b, 1, z]']);
  assert.deepEqual(step(h, 'R', D(1, 'z')), ['-D[1, b, 1, z]']);
  assert.deepEqual(step(h, 'L', D(1, 'b')), []);
  assert.equal(h.keyedState!.size(), 0);
});

test('inner join keeps duplicates with their multiplicity', async () => {
  const h = await open({ joinType: 'INNER' });
  step(h, 'R', I(1, 'x'));
  step(h, 'R', I(1, 'x'));
  assert.deepEqual(step(h, 'L', I(1, 'a')), ['+I[1, a, 1, x]', '+I[1, a, 1, x]']);
  assert.deepEqual(step(h, 'R', D(1, 'x')), ['-D[1, a, 1, x]']);
  assert.deepEqual(step(h, 'L', I(1, 'b')), ['+I[1, b, 1, x]']);
  assert.deepEqual(step(h, 'R', D(1, 'x')), ['-D[1, a, 1, x]', '-D[1, b, 1, x]']);
  // As Flink: a retraction is joined with the other side whether or not the row was stored.
  assert.deepEqual(step(h, 'R', D(1, 'x')), ['-D[1, a, 1, x]', '-D[1, b, 1, x]']);
  assert.deepEqual(step(h, 'R', I(1, 'y')), ['+I[1, a, 1, y]', '+I[1, b, 1, y]']);
});

test('left join: padding, unpadding on the first match, repadding after the last', async () => {
  const h = await open({ joinType: 'LEFT' });
  assert.deepEqual(step(h, 'L', I(1, 'a')), ['+I[1, a, null, null]']);
  assert.deepEqual(step(h, 'R', I(1, 'x')), ['-D[1, a, null, null]', '+I[1, a, 1, x]']);
  assert.deepEqual(step(h, 'R', I(1, 'y')), ['+I[1, a, 1, y]']);
  assert.deepEqual(step(h, 'R', D(1, 'x')), ['-D[1, a, 1, x]']);
  assert.deepEqual(step(h, 'R', UB(1, 'y')), ['-U[1, a, 1, y]', '+I[1, a, null, null]'], 'an inner-side -U stays -U');
  assert.deepEqual(step(h, 'R', UA(1, 'w')), ['-D[1, a, null, null]', '+I[1, a, 1, w]']);
  assert.deepEqual(step(h, 'L', UB(1, 'a')), ['-D[1, a, 1, w]']);
  assert.deepEqual(step(h, 'L', UA(1, 'b')), ['+I[1, b, 1, w]']);
  assert.deepEqual(step(h, 'R', D(1, 'w')), ['-D[1, b, 1, w]', '+I[1, b, null, null]']);
  assert.deepEqual(step(h, 'L', D(1, 'b')), ['-D[1, b, null, null]']);
  // A right row that comes first is not padded (the right side is not outer).
  assert.deepEqual(step(h, 'R', I(2, 'x')), []);
  assert.deepEqual(step(h, 'L', I(2, 'b')), ['+I[2, b, 2, x]']);
});

test('left join with duplicate left rows pads, unpads and repads each copy', async () => {
  const h = await open({ joinType: 'LEFT' });
  step(h, 'L', I(1, 'a'));
  step(h, 'L', I(1, 'a'));
  assert.deepEqual(step(h, 'R', I(1, 'x')), ['-D[1, a, null, null]', '-D[1, a, null, null]', '+I[1, a, 1, x]', '+I[1, a, 1, x]']);
  assert.deepEqual(step(h, 'L', D(1, 'a')), ['-D[1, a, 1, x]']);
  assert.deepEqual(step(h, 'R', D(1, 'x')), ['-D[1, a, 1, x]', '+I[1, a, null, null]']);
});

test('right join mirrors the left join', async () => {
  const h = await open({ joinType: 'RIGHT' });
  assert.deepEqual(step(h, 'R', I(1, 'x')), ['+I[null, null, 1, x]']);
  assert.deepEqual(step(h, 'L', I(1, 'a')), ['-D[null, null, 1, x]', '+I[1, a, 1, x]']);
  assert.deepEqual(step(h, 'L', UB(1, 'a')), ['-U[1, a, 1, x]', '+I[null, null, 1, x]']);
  assert.deepEqual(step(h, 'L', UA(1, 'b')), ['-D[null, null, 1, x]', '+I[1, b, 1, x]']);
  assert.deepEqual(step(h, 'R', D(1, 'x')), ['-D[1, b, 1, x]']);
  assert.deepEqual(step(h, 'L', I(2, 'c')), []);
});

test('full join pads both sides', async () => {
  const h = await open({ joinType: 'FULL' });
  assert.deepEqual(step(h, 'L', I(1, 'a')), ['+I[1, a, null, null]']);
  assert.deepEqual(step(h, 'R', I(1, 'x')), ['-D[1, a, null, null]', '+I[1, a, 1, x]']);
  assert.deepEqual(step(h, 'R', I(1, 'y')), ['+I[1, a, 1, y]']);
  assert.deepEqual(step(h, 'L', D(1, 'a')), ['-D[1, a, 1, x]', '-D[1, a, 1, y]', '+I[null, null, 1, x]', '+I[null, null, 1, y]']);
  assert.deepEqual(step(h, 'R', D(1, 'x')), ['-D[null, null, 1, x]']);
  assert.deepEqual(step(h, 'L', I(1, 'b')), ['-D[null, null, 1, y]', '+I[1, b, 1, y]']);
  assert.deepEqual(step(h, 'R', D(1, 'y')), ['-D[1, b, 1, y]', '+I[1, b, null, null]']);
  assert.deepEqual(step(h, 'L', D(1, 'b')), ['-D[1, b, null, null]']);
  assert.equal(h.keyedState!.size(), 0);
});

test('the non-equi condition decides matches, also for padding', async () => {
  const lessThan = (l: readonly unknown[], r: readonly unknown[]) => (l[1] as number) < (r[1] as number);
  const h = await open({ joinType: 'LEFT', condition: lessThan });
  assert.deepEqual(step(h, 'L', I(1, 5)), ['+I[1, 5, null, null]']);
  assert.deepEqual(step(h, 'R', I(1, 3)), []);
  assert.deepEqual(step(h, 'R', I(1, 7)), ['-D[1, 5, null, null]', '+I[1, 5, 1, 7]']);
  assert.deepEqual(step(h, 'L', I(1, 4)), ['+I[1, 4, 1, 7]']);
  assert.deepEqual(step(h, 'L', I(1, 8)), ['+I[1, 8, null, null]']);
});

test('a NULL join key matches nothing unless the key is null-safe', async () => {
  const h = await open({ joinType: 'LEFT' });
  assert.deepEqual(step(h, 'R', I(null, 'x')), []);
  assert.deepEqual(step(h, 'L', I(null, 'a')), ['+I[null, a, null, null]']);
  assert.deepEqual(step(h, 'L', D(null, 'a')), ['-D[null, a, null, null]']);
  const safe = await open({ joinType: 'INNER', nullSafeKeys: [true] });
  step(safe, 'R', I(null, 'x'));
  assert.deepEqual(step(safe, 'L', I(null, 'a')), ['+I[null, a, null, x]']);
});

test('composite keys: a NULL in any field that is not null-safe matches nothing', async () => {
  const keySelectors = [(r: Row) => [r.fields[0], r.fields[1]], (r: Row) => [r.fields[0], r.fields[1]]];
  const h = await OperatorTestHarness.open<Row, Row>(
    new RegularJoinOperator({ joinType: 'INNER', leftWidth: 2, rightWidth: 2, nullSafeKeys: [false, true] }), { keySelectors });
  step(h, 'R', I(1, null));
  step(h, 'R', I(null, 2));
  assert.deepEqual(step(h, 'L', I(1, null)), ['+I[1, null, 1, null]']);
  assert.deepEqual(step(h, 'L', I(null, 2)), []);
});

test('unique keys: state holds one row per unique key', async () => {
  const h = await open({ joinType: 'LEFT', leftUniqueKey: [1], rightUniqueKey: [1] });
  assert.deepEqual(step(h, 'L', I(1, 'a')), ['+I[1, a, null, null]']);
  assert.deepEqual(step(h, 'R', I(1, 'x')), ['-D[1, a, null, null]', '+I[1, a, 1, x]']);
  assert.deepEqual(step(h, 'R', UB(1, 'x')), ['-U[1, a, 1, x]', '+I[1, a, null, null]']);
  assert.deepEqual(step(h, 'R', UA(1, 'x')), ['-D[1, a, null, null]', '+I[1, a, 1, x]']);
  assert.deepEqual(step(h, 'L', D(1, 'a')), ['-D[1, a, 1, x]']);
  assert.equal(h.keyedState!.size(), 1, 'only the right row is left');
});

test('semi join emits a left row on its first match and retracts it after its last', async () => {
  const h = await open({ joinType: 'SEMI' });
  assert.deepEqual(step(h, 'L', I(1, 'a')), []);
  assert.deepEqual(step(h, 'R', I(1, 'x')), ['+I[1, a]']);
  assert.deepEqual(step(h, 'R', I(1, 'y')), []);
  assert.deepEqual(step(h, 'L', I(1, 'b')), ['+I[1, b]']);
  assert.deepEqual(step(h, 'R', D(1, 'x')), []);
  assert.deepEqual(step(h, 'R', UB(1, 'y')), ['-U[1, a]', '-U[1, b]']);
  assert.deepEqual(step(h, 'R', UA(1, 'z')), ['+U[1, a]', '+U[1, b]']);
  assert.deepEqual(step(h, 'L', D(1, 'a')), ['-D[1, a]']);
  assert.deepEqual(step(h, 'L', I(2, 'c')), []);
});

test('anti join emits a left row while it has no match', async () => {
  const h = await open({ joinType: 'ANTI' });
  assert.deepEqual(step(h, 'L', I(1, 'a')), ['+I[1, a]']);
  assert.deepEqual(step(h, 'R', I(1, 'x')), ['-D[1, a]']);
  assert.deepEqual(step(h, 'R', I(1, 'y')), []);
  assert.deepEqual(step(h, 'L', I(1, 'b')), []);
  assert.deepEqual(step(h, 'R', D(1, 'x')), []);
  assert.deepEqual(step(h, 'R', D(1, 'y')), ['+I[1, a]', '+I[1, b]']);
  assert.deepEqual(step(h, 'L', D(1, 'a')), ['-D[1, a]']);
  assert.deepEqual(step(h, 'L', I(2, 'c')), ['+I[2, c]']);
});

test('anti join with an insert-only right side and duplicate left rows', async () => {
  const h = await open({ joinType: 'ANTI', rightInsertOnly: true });
  step(h, 'L', I(1, 'a'));
  assert.deepEqual(step(h, 'L', I(1, 'a')), ['+I[1, a]']);
  assert.deepEqual(step(h, 'R', I(1, 'x')), ['-D[1, a]', '-D[1, a]']);
  assert.throws(() => step(h, 'R', D(1, 'x')), /insert-only but received a retraction/);
});

test('snapshot and restore mid-stream continue the full join as if uninterrupted', async () => {
  const first = [
    ['L', I(1, 'a')], ['R', I(2, 'y')], ['R', I(1, 'x')], ['L', I(1, 'a')], ['R', I(1, 'z')],
  ] as const;
  const second = [
    ['L', D(1, 'a')], ['R', D(1, 'x')], ['R', D(1, 'z')], ['L', I(2, 'b')], ['L', D(1, 'a')], ['R', D(2, 'y')],
  ] as const;
  const whole = await open({ joinType: 'FULL' });
  for (const [side, row] of [...first, ...second]) step(whole, side, row);
  const expected = await open({ joinType: 'FULL' });
  const expectedOut = [...first, ...second].map(([side, row]) => step(expected, side, row));

  const before = await open({ joinType: 'FULL' });
  const out1 = first.map(([side, row]) => step(before, side, row));
  const snap = before.snapshot(1);
  const after = await open({ joinType: 'FULL' }, snap);
  const out2 = second.map(([side, row]) => step(after, side, row));
  assert.deepEqual([...out1, ...out2], expectedOut);
  // Worked by hand: the second half, from a restored state of left {a x2 (2 matches each)}, right {x, z, y}.
  assert.deepEqual(out2, [
    ['-D[1, a, 1, x]', '-D[1, a, 1, z]'],
    ['-D[1, a, 1, x]'],
    ['-D[1, a, 1, z]', '+I[1, a, null, null]'],
    ['-D[null, null, 2, y]', '+I[2, b, 2, y]'],
    ['-D[1, a, null, null]'],
    ['-D[2, b, 2, y]', '+I[2, b, null, null]'],
  ]);
});

test('state TTL: rows expire after stateTtlMs of processing time', async () => {
  const h = await open({ joinType: 'INNER', stateTtlMs: 1000 });
  step(h, 'L', I(1, 'a'));
  h.setProcessingTime(500);
  assert.deepEqual(step(h, 'R', I(1, 'x')), ['+I[1, a, 1, x]']);
  h.setProcessingTime(1200);
  assert.deepEqual(step(h, 'R', I(1, 'y')), [], 'the left row written at 0 expired at 1000');
  assert.deepEqual(step(h, 'L', I(1, 'b')), ['+I[1, b, 1, x]', '+I[1, b, 1, y]']);
});

test('an invalid join type names the allowed ones', () => {
  assert.throws(() => new RegularJoinOperator({ joinType: 'CROSS' as never, leftWidth: 1, rightWidth: 1 }), /INNER, LEFT, RIGHT, FULL, SEMI, ANTI/);
});

test('throughput: inner join of insert-only inputs, 10 k right rows and 1 M left rows', async () => {
  const h = await OperatorTestHarness.open<Row, Row>(
    new RegularJoinOperator({ joinType: 'INNER', leftWidth: 3, rightWidth: 3, leftInsertOnly: true, rightInsertOnly: true }),
    { keySelectors: keyByFirstField },
  );
  let emitted = 0;
  // Count instead of collecting a million rows.
  (h as unknown as { records: { push(): void } }).records.push = () => { emitted++; };
  (h as unknown as { output: { push(): void } }).output.push = () => {};
  for (let id = 0; id < 10_000; id++) h.processElement(I(id, id * 7, id % 100), 0, 1);
  const start = performance.now();
  const n = 1_000_000;
  for (let i = 0; i < n; i++) h.processElement(I((i * 7919) % 10_000, i, 'bid'), 0, 0);
  const seconds = (performance.now() - start) / 1000;
  console.log(`regular inner join: ${Math.round(n / seconds).toLocaleString('en')} left rows/s (${seconds.toFixed(2)} s)`);
  assert.equal(emitted, n);
  assert.ok(seconds < 60, `1 M rows took ${seconds} s`);
});

test('show() spells rows as Flink prints them', () => {
  assert.equal(show(I(1, null, 'a')), '+I[1, null, a]');
  assert.deepEqual(drain({ values: () => [], clearOutput: () => {} } as never), []);
});
