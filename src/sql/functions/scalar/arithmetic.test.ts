import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatType, Types } from '../../../core/types/logical-type.ts';
import { big, col, dbl, dec, evaluate, fn, int, lit, nul } from '../../expr/expr-test-kit.ts';
import { formatValue } from '../../types/value-format.ts';

const show = (rex: ReturnType<typeof fn>, fields: unknown[] = []): string => formatValue(evaluate(rex, fields), rex.type);

test('INT arithmetic wraps like Java int and divides by truncation', () => {
  assert.equal(evaluate(fn('+', int(2147483647), int(1))), -2147483648);
  assert.equal(evaluate(fn('*', int(65536), int(65536))), 0);
  assert.equal(evaluate(fn('/', int(7), int(2))), 3);
  assert.equal(evaluate(fn('/', int(-7), int(2))), -3);
  assert.equal(evaluate(fn('%', int(-7), int(3))), -1);
  assert.equal(evaluate(fn('MOD', int(7), int(-3))), 1);
  assert.equal(evaluate(fn('/', lit(-2147483648, Types.INT()), int(-1))), -2147483648);
  assert.throws(() => evaluate(fn('/', int(1), int(0))), /\/ by zero/);
  assert.equal(evaluate(fn('MINUS_PREFIX', lit(-2147483648, Types.INT()))), -2147483648);
  assert.equal(evaluate(fn('+', lit(127, Types.TINYINT()), lit(1, Types.TINYINT()))), -128);
});

test('INT + BIGINT is BIGINT, exact across 2^53 and wrapping at 2^63', () => {
  const e = fn('+', col(0, Types.INT()), col(1, Types.BIGINT()));
  assert.equal(formatType(e.type), 'BIGINT');
  assert.equal(evaluate(e, [1, 9007199254740992n]), 9007199254740993n);
  assert.equal(evaluate(fn('+', big(9223372036854775807n), big(1))), -9223372036854775808n);
  assert.equal(evaluate(fn('*', big(4294967296), big(4294967296))), 0);
  assert.equal(evaluate(fn('-', big(9007199254740993n), big(2))), 9007199254740991);
  assert.equal(evaluate(fn('/', big(-9223372036854775808n), big(-1))), -9223372036854775808n);
});

test('DECIMAL arithmetic is exact with Flink result types', () => {
  const sum = fn('+', dec('0.1'), dec('0.2'));
  assert.equal(formatType(sum.type), 'DECIMAL(2, 1) NOT NULL');
  assert.equal(show(sum), '0.3');
  const prod = fn('*', dec('0.908'), col(0, Types.BIGINT(false)));
  assert.equal(formatType(prod.type), 'DECIMAL(23, 3) NOT NULL');
  assert.equal(show(prod, [12345]), '11209.260');
  const q = fn('/', dec('10.00'), int(3));
  // scale = max(6, 2 + 10 + 1) = 13, precision = 4 - 2 + 0 + 13 = 15
  assert.equal(formatType(q.type), 'DECIMAL(15, 13) NOT NULL');
  assert.equal(show(q), '3.3333333333333');
  assert.equal(show(fn('MINUS_PREFIX', dec('1.50'))), '-1.50');
  assert.equal(show(fn('%', dec('7.5'), int(2))), '1.5');
});

test('DOUBLE wins over DECIMAL and divides by zero to Infinity', () => {
  const e = fn('+', dec('0.5'), dbl(0.25));
  assert.equal(e.type.root, 'DOUBLE');
  assert.equal(evaluate(e), 0.75);
  assert.equal(evaluate(fn('/', dbl(1), dbl(0))), Infinity);
  assert.equal(evaluate(fn('/', int(7), dbl(2))), 3.5);
});

test('NULL operands give NULL; type errors are worded like Calcite', () => {
  assert.equal(evaluate(fn('+', col(0, Types.INT()), int(1)), [null]), null);
  assert.equal(evaluate(fn('+', nul(), int(1))), null);
  assert.throws(() => fn('+', int(1), lit(true, Types.BOOLEAN())),
    /Cannot apply '\+' to arguments of type '<INTEGER> \+ <BOOLEAN>'. Supported form\(s\): '<NUMERIC> \+ <NUMERIC>'/);
});

test('temporal arithmetic with intervals', () => {
  const ts = lit(Date.UTC(2020, 0, 31, 10), Types.TIMESTAMP(3));
  const day = lit(86_400_000, Types.INTERVAL_DAY_TIME());
  const month = lit(1, Types.INTERVAL_YEAR_MONTH());
  assert.equal(show(fn('+', ts, day)), '2020-02-01 10:00:00.000');
  assert.equal(show(fn('+', ts, month)), '2020-02-29 10:00:00.000');
  assert.equal(show(fn('-', ts, month)), '2019-12-31 10:00:00.000');
  assert.equal(show(fn('+', day, ts)), '2020-02-01 10:00:00.000');
  assert.equal(show(fn('+', lit(18292, Types.DATE()), month)), '2020-02-29');
  assert.equal(show(fn('-', lit(18292, Types.DATE()), day)), '2020-01-30');
  assert.equal(show(fn('+', lit(23 * 3_600_000, Types.TIME(0)), lit(2 * 3_600_000, Types.INTERVAL_DAY_TIME()))), '01:00:00');
  assert.equal(evaluate(fn('*', day, int(2))), 172_800_000);
  assert.equal(evaluate(fn('+', day, day)), 172_800_000);
});

test('compiled BIGINT and DECIMAL arithmetic agree with exact bigint arithmetic (property)', () => {
  const plus = fn('+', col(0, Types.BIGINT()), col(1, Types.BIGINT()));
  const times = fn('*', col(0, Types.BIGINT()), col(1, Types.BIGINT()));
  const i64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
  const canon = (v: bigint): number | bigint => (v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v);
  fc.assert(fc.property(i64, i64, (a, b) => {
    assert.equal(evaluate(plus, [canon(a), canon(b)]), canon(BigInt.asIntN(64, a + b)));
    assert.equal(evaluate(times, [canon(a), canon(b)]), canon(BigInt.asIntN(64, a * b)));
  }), { numRuns: 300 });
  // DECIMAL(10, 2) + DECIMAL(8, 4) -> DECIMAL(13, 4); * -> DECIMAL(19, 6): both exact
  const d1 = col(0, Types.DECIMAL(10, 2)), d2 = col(1, Types.DECIMAL(8, 4));
  const sum = fn('+', d1, d2), prod = fn('*', d1, d2);
  assert.equal(formatType(sum.type), 'DECIMAL(13, 4)');
  assert.equal(formatType(prod.type), 'DECIMAL(19, 6)');
  const u = (digits: number): fc.Arbitrary<bigint> => fc.bigInt({ min: -(10n ** BigInt(digits)) + 1n, max: 10n ** BigInt(digits) - 1n });
  fc.assert(fc.property(u(10), u(8), (a, b) => {
    assert.equal(evaluate(sum, [a, b]), a * 100n + b);
    assert.equal(evaluate(prod, [a, b]), a * b);
  }), { numRuns: 300 });
});
