import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Types } from '../../../core/types/logical-type.ts';
import { compileExpression } from '../../expr/compile.ts';
import { big, col, dbl, dec, evaluate, fn, fnx, int, lit, nul, str } from '../../expr/expr-test-kit.ts';

test('numeric comparison across types (INT = BIGINT, DECIMAL scales, DOUBLE)', () => {
  assert.equal(evaluate(fn('=', int(1), big(1))), true);
  assert.equal(evaluate(fn('=', dec('1.50'), dec('1.5'))), true);
  assert.equal(evaluate(fn('<', dec('1.49'), dec('1.5'))), true);
  assert.equal(evaluate(fn('=', dec('2.0'), int(2))), true);
  assert.equal(evaluate(fn('>', dec('2.5'), dbl(2.4))), true);
  assert.equal(evaluate(fn('<', big(9007199254740993n), big(9007199254740994n))), true);
  assert.equal(evaluate(fn('<', int(1), big(9007199254740993n))), true);
  assert.equal(evaluate(fn('<>', int(1), nul())), null);
});

test('strings compare by code point', () => {
  assert.equal(evaluate(fn('<', str('a'), str('b'))), true);
  assert.equal(evaluate(fn('<', str('B'), str('a'))), true);
  // U+FFFD (one UTF-16 unit) sorts before U+1F600 (a surrogate pair) by code point
  assert.equal(evaluate(fn('<', str('\uFFFD'), str('😀'))), true);
  assert.equal(evaluate(fn('=', lit('ab', Types.CHAR(2)), str('ab'))), true);
});

test('a string compared with a timestamp is cast to the timestamp', () => {
  const e = fn('>', col(0, Types.TIMESTAMP(3)), str('2020-01-01 00:00:00'));
  assert.equal(evaluate(e, [Date.UTC(2020, 0, 1, 0, 0, 1)]), true);
  assert.equal(evaluate(e, [Date.UTC(2019, 11, 31)]), false);
  assert.throws(() => fn('=', str('1'), int(1)), /Cannot apply '='/);
});

test('IS [NOT] DISTINCT FROM treats NULLs as equal', () => {
  const d = (a: unknown, b: unknown): unknown => evaluate(fn('IS DISTINCT FROM', col(0, Types.INT()), col(1, Types.INT())), [a, b]);
  assert.equal(d(1, 1), false);
  assert.equal(d(1, 2), true);
  assert.equal(d(null, null), false);
  assert.equal(d(1, null), true);
  assert.equal(evaluate(fn('IS NOT DISTINCT FROM', nul(), nul())), true);
});

test('BETWEEN and BETWEEN SYMMETRIC', () => {
  const x = col(0, Types.INT());
  const b = fn('BETWEEN', x, int(1), int(3));
  assert.deepEqual([0, 1, 3, 4, null].map((v) => evaluate(b, [v])), [false, true, true, false, null]);
  assert.equal(evaluate(fn('BETWEEN', int(2), int(3), int(1))), false);
  assert.equal(evaluate(fnx('BETWEEN', { flags: { symmetric: true } }, int(2), int(3), int(1))), true);
  // 5 BETWEEN NULL AND 3 is FALSE (5 <= 3 is FALSE); 2 BETWEEN NULL AND 3 is NULL
  assert.equal(evaluate(fn('BETWEEN', int(5), nul(), int(3))), false);
  assert.equal(evaluate(fn('BETWEEN', int(2), nul(), int(3))), null);
});

test('IN and NOT IN with NULLs', () => {
  const x = col(0, Types.INT());
  const inl = fn('IN', x, int(1), int(2));
  assert.deepEqual([1, 3, null].map((v) => evaluate(inl, [v])), [true, false, null]);
  const withNull = fn('IN', x, int(1), nul());
  assert.deepEqual([1, 3].map((v) => evaluate(withNull, [v])), [true, null]);
  const notIn = fn('NOT IN', x, int(1), nul());
  assert.deepEqual([1, 3].map((v) => evaluate(notIn, [v])), [false, null]);
  assert.deepEqual([1, 5].map((v) => evaluate(fn('NOT IN', x, int(1), int(2)), [v])), [false, true]);
  // non-literal list and mixed numeric types
  const dyn = fn('IN', col(0, Types.BIGINT()), col(1, Types.INT()), dec('2.0'));
  assert.equal(evaluate(dyn, [2, 7]), true);
  assert.equal(evaluate(dyn, [7, 7]), true);
  assert.equal(evaluate(dyn, [8, null]), null);
  assert.equal(evaluate(fn('IN', str('b'), str('a'), str('b'))), true);
});

test('IN over constants that need a cast is a set lookup', () => {
  const e = fn('IN', col(0, Types.BIGINT()), int(1), int(2), big(9007199254740993n));
  const f = compileExpression(e, { timeZone: 'UTC' });
  assert.match(f.toString(), /\.has\(/);
  assert.deepEqual([1, 3, 9007199254740993n].map((v) => f([v])), [true, false, true]);
  const d = fn('IN', col(0, Types.DECIMAL(5, 2)), int(1), dec('2.5'));
  assert.deepEqual([100n, 250n, 251n].map((v) => evaluate(d, [v])), [true, true, false]);
});
