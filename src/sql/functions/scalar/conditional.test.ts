import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatType, Types } from '../../../core/types/logical-type.ts';
import { bool, col, dec, evaluate, fn, int, lit, nul, str } from '../../expr/expr-test-kit.ts';

test('CASE picks the first TRUE branch; NULL conditions do not match', () => {
  const x = col(0, Types.INT());
  const c = fn('CASE', fn('>', x, int(10)), str('big'), fn('>', x, int(0)), str('small'), str('other'));
  assert.deepEqual([11, 5, -1, null].map((v) => evaluate(c, [v])), ['big', 'small', 'other', 'other']);
  assert.equal(evaluate(fn('CASE', bool(false), int(1), nul())), null);
});

test('CASE branches take their common type and only the chosen branch runs', () => {
  const c = fn('CASE', col(0, Types.BOOLEAN()), int(1), dec('2.5'));
  assert.equal(formatType(c.type), 'DECIMAL(11, 1) NOT NULL');
  assert.equal(evaluate(c, [true]), 10n);
  const b = col(0, Types.INT());
  const safe = fn('CASE', fn('<>', b, int(0)), fn('/', int(10), b), int(-1));
  assert.equal(evaluate(safe, [0]), -1);
  assert.equal(evaluate(safe, [5]), 2);
  assert.throws(() => fn('CASE', bool(true), int(1), str('x')), /Illegal mixing of types in CASE/);
});

test('COALESCE, NULLIF, IF, IFNULL', () => {
  const a = col(0, Types.INT()), b = col(1, Types.INT());
  assert.equal(evaluate(fn('COALESCE', a, b, int(3)), [null, null]), 3);
  assert.equal(evaluate(fn('COALESCE', a, b), [null, 2]), 2);
  assert.equal(fn('COALESCE', a, int(0)).type.nullable, false);
  assert.equal(fn('COALESCE', a, b).type.nullable, true);
  assert.equal(evaluate(fn('NULLIF', a, int(1)), [1]), null);
  assert.equal(evaluate(fn('NULLIF', a, int(1)), [2]), 2);
  assert.equal(evaluate(fn('IF', fn('>', a, int(0)), str('pos'), str('neg')), [1]), 'pos');
  assert.equal(evaluate(fn('IF', fn('>', a, int(0)), str('pos'), str('neg')), [null]), 'neg');
  assert.equal(evaluate(fn('IFNULL', a, int(9)), [null]), 9);
  assert.equal(evaluate(fn('COALESCE', lit(null, Types.BIGINT()), int(1))), 1);
});

test('CHAR branches of different lengths become VARCHAR without padding', () => {
  const c = fn('CASE', col(0, Types.BOOLEAN()), lit('yes', Types.CHAR(3)), lit('no', Types.CHAR(2)));
  assert.equal(formatType(c.type), 'VARCHAR(3) NOT NULL');
  assert.equal(evaluate(c, [false]), 'no');
});

test('GREATEST and LEAST over a common type; NULL if any operand is', () => {
  assert.equal(evaluate(fn('GREATEST', int(1), int(5), int(3))), 5);
  assert.equal(evaluate(fn('LEAST', str('b'), str('a'))), 'a');
  assert.equal(evaluate(fn('GREATEST', int(1), dec('1.5'))), 15n);
  assert.equal(evaluate(fn('GREATEST', int(1), nul())), null);
});
