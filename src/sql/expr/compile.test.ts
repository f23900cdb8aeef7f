import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Types } from '../../core/types/logical-type.ts';
import { call } from '../planner/rex.ts';
import { compileExpression, compileJoinPredicate, compilePredicate, compileProjection, evaluateConstant, isConstant } from './compile.ts';
import { bool, col, evaluate, fn, int, nul, str } from './expr-test-kit.ts';

const ctx = { timeZone: 'UTC' };
const B = Types.BOOLEAN();
const vals = [true, false, null] as const;

test('AND / OR / NOT follow SQL three-valued logic', () => {
  const and = fn('AND', col(0, B), col(1, B));
  const or = fn('OR', col(0, B), col(1, B));
  const expectAnd = (a: boolean | null, b: boolean | null): boolean | null => (a === false || b === false ? false : a === null || b === null ? null : true);
  const expectOr = (a: boolean | null, b: boolean | null): boolean | null => (a === true || b === true ? true : a === null || b === null ? null : false);
  for (const a of vals) for (const b of vals) {
    assert.equal(evaluate(and, [a, b]), expectAnd(a, b), `${a} AND ${b}`);
    assert.equal(evaluate(or, [a, b]), expectOr(a, b), `${a} OR ${b}`);
  }
  const not = fn('NOT', col(0, B));
  assert.deepEqual(vals.map((v) => evaluate(not, [v])), [false, true, null]);
});

test('IS tests never return NULL', () => {
  const t = (op: string): unknown[] => vals.map((v) => evaluate(fn(op, col(0, B)), [v]));
  assert.deepEqual(t('IS TRUE'), [true, false, false]);
  assert.deepEqual(t('IS NOT TRUE'), [false, true, true]);
  assert.deepEqual(t('IS FALSE'), [false, true, false]);
  assert.deepEqual(t('IS NOT FALSE'), [true, false, true]);
  assert.deepEqual(t('IS NULL'), [false, false, true]);
  assert.deepEqual(t('IS NOT NULL'), [true, true, false]);
});

test('AND short-circuits: the right side is not evaluated after FALSE', () => {
  // 1 / 0 would throw; FALSE AND (1/0 = 1) is FALSE
  const e = fn('AND', bool(false), fn('=', fn('/', int(1), col(0, Types.INT())), int(1)));
  assert.equal(evaluate(e, [0]), false);
  assert.throws(() => evaluate(fn('AND', bool(true), fn('=', fn('/', int(1), col(0, Types.INT())), int(1))), [0]), /\/ by zero/);
});

test('compilePredicate is true only for TRUE', () => {
  const p = compilePredicate(fn('>', col(0, Types.INT()), int(1)), ctx);
  assert.equal(p([2]), true);
  assert.equal(p([1]), false);
  assert.equal(p([null]), false);
});

test('compileJoinPredicate reads the left row below leftWidth and the right row above', () => {
  const p = compileJoinPredicate(fn('AND', fn('=', col(0, Types.INT()), col(2, Types.INT())), fn('<', col(1, Types.STRING()), col(3, Types.STRING()))), 2, ctx);
  assert.equal(p([1, 'a'], [1, 'b']), true);
  assert.equal(p([1, 'b'], [1, 'a']), false);
  assert.equal(p([1, 'a'], [2, 'b']), false);
});

test('a UDF is called with the operand values; undefined becomes NULL', () => {
  const udf = { name: 'twice', eval: (x: number | null) => (x === null ? undefined : x * 2) };
  const e = call('twice', [col(0, Types.INT())], Types.INT(), { udf });
  assert.equal(evaluate(e, [21]), 42);
  assert.equal(evaluate(e, [null]), null);
});

test('nested row field access and NULL rows', () => {
  const rowT = Types.ROW([{ name: 'a', type: Types.INT() }, { name: 'b', type: Types.STRING() }]);
  const e = { kind: 'field' as const, operand: col(0, rowT), index: 1, type: Types.STRING() };
  assert.equal(evaluate(e, [[1, 'x']]), 'x');
  assert.equal(evaluate(e, [null]), null);
});

test('isConstant and evaluateConstant', () => {
  const c = fn('+', int(1), int(2));
  assert.ok(isConstant(c));
  assert.equal(evaluateConstant(c, ctx), 3);
  assert.ok(!isConstant(fn('+', col(0, Types.INT()), int(2))));
  assert.ok(!isConstant(fn('RAND')));
  assert.ok(!isConstant(fn('NOW')));
  assert.ok(isConstant(fn('UPPER', str('a'))));
  assert.equal(evaluateConstant(fn('COALESCE', nul(), str('x')), ctx), 'x');
});

test('a projection of 3 fields runs over 1 M rows/s', () => {
  const proj = compileProjection([col(2, Types.BIGINT()), fn('+', col(0, Types.INT()), int(1)), col(1, Types.STRING())], ctx);
  const rows = Array.from({ length: 1000 }, (_, i) => [i, `s${i}`, i * 3]);
  let sink = 0;
  const n = 5_000_000;
  const start = performance.now();
  for (let i = 0; i < n; i++) sink += (proj(rows[i % 1000]!)[1] as number);
  const secs = (performance.now() - start) / 1000;
  const rate = n / secs;
  console.log(`compiled projection: ${(rate / 1e6).toFixed(1)} M rows/s (checksum ${sink})`);
  assert.ok(rate > 1e6, `only ${rate.toFixed(0)} rows/s`);
});

test('compiled source is one function (not an interpreter)', () => {
  const f = compileExpression(fn('+', col(0, Types.INT()), int(1)), ctx);
  assert.match(f.toString(), /i0 \+ 1/);
});
