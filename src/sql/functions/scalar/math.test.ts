import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatType, Types } from '../../../core/types/logical-type.ts';
import { big, dbl, dec, evaluate, fn, int, lit } from '../../expr/expr-test-kit.ts';
import { formatValue } from '../../types/value-format.ts';
import { compileExpression } from '../../expr/compile.ts';

const show = (rex: ReturnType<typeof fn>): string => formatValue(evaluate(rex), rex.type);

test('ROUND is HALF_UP and exact on DECIMAL, with Flink result types', () => {
  const r = fn('ROUND', dec('2.675'), int(2));
  assert.equal(formatType(r.type), 'DECIMAL(4, 2) NOT NULL'); // 1 + 4 - 3 + 2
  assert.equal(show(r), '2.68');
  assert.equal(show(fn('ROUND', dec('-2.5'))), '-3');
  assert.equal(show(fn('ROUND', dec('125.5'), int(-1))), '130');
  assert.equal(evaluate(fn('ROUND', dbl(2.5))), 3);
  assert.equal(evaluate(fn('ROUND', dbl(-2.5))), -3);
  assert.equal(evaluate(fn('ROUND', dbl(1.005), int(2))), 1.01); // 1.005 as its shortest text, HALF_UP
  assert.equal(evaluate(fn('ROUND', int(1234), int(-2))), 1200);
  assert.equal(evaluate(fn('ROUND', int(1250), int(-2))), 1300);
  assert.equal(show(fn('TRUNCATE', dec('2.679'), int(2))), '2.67');
  assert.equal(evaluate(fn('TRUNCATE', dbl(-2.679), int(1))), -2.6);
});

test('FLOOR, CEIL, ABS, SIGN keep exact types', () => {
  assert.equal(show(fn('FLOOR', dec('-1.5'))), '-2');
  assert.equal(show(fn('CEIL', dec('1.1'))), '2');
  assert.equal(show(fn('CEILING', dec('-1.1'))), '-1');
  assert.equal(evaluate(fn('FLOOR', dbl(1.7))), 1);
  assert.equal(evaluate(fn('CEIL', int(3))), 3);
  assert.equal(evaluate(fn('ABS', int(-3))), 3);
  assert.equal(evaluate(fn('ABS', big(-9007199254740993n))), 9007199254740993n);
  assert.equal(show(fn('ABS', dec('-1.50'))), '1.50');
  assert.equal(show(fn('SIGN', dec('-1.50'))), '-1.00');
  assert.equal(evaluate(fn('SIGN', dbl(0))), 0);
});

test('DOUBLE functions', () => {
  assert.equal(evaluate(fn('POWER', int(2), int(10))), 1024);
  assert.equal(evaluate(fn('SQRT', int(16))), 4);
  assert.equal(evaluate(fn('LN', lit(Math.E, Types.DOUBLE()))), 1);
  assert.equal(evaluate(fn('LOG10', int(1000))), 3);
  assert.equal(evaluate(fn('LOG2', int(8))), 3);
  assert.equal(evaluate(fn('LOG', int(2), int(8))), 3);
  assert.equal(evaluate(fn('EXP', int(0))), 1);
  assert.equal(evaluate(fn('MOD', int(10), int(3))), 1);
  assert.equal(evaluate(fn('PI')), Math.PI);
  assert.equal(evaluate(fn('DEGREES', lit(Math.PI, Types.DOUBLE()))), 180);
  assert.equal(evaluate(fn('SQRT', int(-1))), NaN);
  assert.equal(fn('SQRT', int(4)).type.root, 'DOUBLE');
});

test('RAND and RAND_INTEGER: ranges, seeds repeat', () => {
  for (let i = 0; i < 100; i++) {
    const r = evaluate(fn('RAND')) as number;
    assert.ok(r >= 0 && r < 1);
    const k = evaluate(fn('RAND_INTEGER', int(10))) as number;
    assert.ok(Number.isInteger(k) && k >= 0 && k < 10);
  }
  const seq = (): unknown[] => { const f = compileExpression(fn('RAND', int(42)), { timeZone: 'UTC' }); return [f([]), f([]), f([])]; };
  const a = seq();
  assert.deepEqual(a, seq());
  assert.notEqual(a[0], a[1]);
});
