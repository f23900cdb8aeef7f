import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Types } from '../../../core/types/logical-type.ts';
import { big, bool, cast, col, dbl, dec, evaluate, int, lit, str } from '../../expr/expr-test-kit.ts';

test('numeric casts: narrowing wraps, DOUBLE truncates, DECIMAL rounds HALF_UP or overflows to NULL', () => {
  assert.equal(evaluate(cast(big(4294967297), Types.INT())), 1);
  assert.equal(evaluate(cast(int(300), Types.TINYINT())), 44);
  assert.equal(evaluate(cast(dbl(-2.7), Types.INT())), -2);
  assert.equal(evaluate(cast(dbl(1e20), Types.BIGINT())), 9223372036854775807n);
  assert.equal(evaluate(cast(dec('2.675'), Types.DECIMAL(3, 2))), 268n);
  assert.equal(evaluate(cast(dec('-2.5'), Types.DECIMAL(2, 0))), -3n);
  assert.equal(evaluate(cast(dec('-2.7'), Types.INT())), -2);
  assert.equal(evaluate(cast(int(1000), Types.DECIMAL(3, 0))), null);
  assert.equal(evaluate(cast(dbl(0.1), Types.DECIMAL(5, 3))), 100n);
  assert.equal(evaluate(cast(dec('1.25'), Types.DOUBLE())), 1.25);
  assert.equal(evaluate(cast(bool(true), Types.INT())), 1);
  assert.equal(evaluate(cast(int(0), Types.BOOLEAN())), false);
});

test('casts to STRING use Flink text', () => {
  assert.equal(evaluate(cast(dec('1.50'), Types.STRING())), '1.50');
  assert.equal(evaluate(cast(dbl(1e10), Types.STRING())), '1.0E10');
  assert.equal(evaluate(cast(bool(false), Types.STRING())), 'FALSE');
  assert.equal(evaluate(cast(lit(1700000000000, Types.TIMESTAMP(3)), Types.STRING())), '2023-11-14 22:13:20.000');
  assert.equal(evaluate(cast(str('abcdef'), Types.VARCHAR(3))), 'abc');
  assert.equal(evaluate(cast(str('ab'), Types.CHAR(4))), 'ab  ');
  assert.equal(evaluate(cast(lit(new Uint8Array([104, 105]), Types.BYTES()), Types.STRING())), 'hi');
});

test('casts from STRING parse strictly; failures name the value and the type; TRY_CAST gives NULL', () => {
  assert.equal(evaluate(cast(str(' 12 '), Types.INT())), 12);
  assert.equal(evaluate(cast(str('2020-01-01'), Types.DATE())), 18262);
  assert.equal(evaluate(cast(str('true'), Types.BOOLEAN())), true);
  assert.throws(() => evaluate(cast(str('abc'), Types.INT())), /'abc'.*INT/);
  assert.throws(() => evaluate(cast(str('2020-13-01'), Types.TIMESTAMP(3))), /'2020-13-01'.*TIMESTAMP\(3\)/);
  assert.equal(evaluate(cast(str('abc'), Types.INT(), true)), null);
  assert.equal(evaluate(cast(str('42'), Types.INT(), true)), 42);
  assert.equal(evaluate(cast(col(0, Types.STRING()), Types.INT()), [null]), null);
});

test('TIMESTAMP <-> TIMESTAMP_LTZ through the session time zone', () => {
  const wall = Date.UTC(2021, 6, 1, 12); // 2021-07-01 12:00 wall clock
  assert.equal(evaluate(cast(lit(wall, Types.TIMESTAMP(3)), Types.TIMESTAMP_LTZ(3)), [], 'Europe/Berlin'), Date.UTC(2021, 6, 1, 10));
  assert.equal(evaluate(cast(lit(wall, Types.TIMESTAMP(3)), Types.TIMESTAMP_LTZ(3)), [], 'UTC'), wall);
  assert.equal(evaluate(cast(lit(Date.UTC(2021, 0, 1, 10), Types.TIMESTAMP_LTZ(3)), Types.TIMESTAMP(3)), [], 'Europe/Berlin'), Date.UTC(2021, 0, 1, 11));
  assert.equal(evaluate(cast(lit(Date.UTC(2021, 0, 1, 23, 30), Types.TIMESTAMP_LTZ(3)), Types.DATE()), [], 'Europe/Berlin'), 18629); // 2021-01-02 local
  assert.equal(evaluate(cast(lit(Date.UTC(2021, 0, 1, 23, 30), Types.TIMESTAMP_LTZ(3)), Types.STRING()), [], 'Europe/Berlin'), '2021-01-02 00:30:00.000');
  assert.equal(evaluate(cast(lit(18262, Types.DATE()), Types.TIMESTAMP(3))), Date.UTC(2020, 0, 1));
  assert.equal(evaluate(cast(lit(Date.UTC(2020, 0, 1, 5, 6, 7, 890), Types.TIMESTAMP(3)), Types.TIMESTAMP(0))), Date.UTC(2020, 0, 1, 5, 6, 7));
});

test('collections cast element-wise', () => {
  assert.deepEqual(evaluate(cast(lit([1, null, 3], Types.ARRAY(Types.INT())), Types.ARRAY(Types.STRING()))), ['1', null, '3']);
  assert.equal(evaluate(cast(lit([1, 'a'], Types.ROW([{ name: 'x', type: Types.INT() }, { name: 'y', type: Types.STRING() }])), Types.STRING())), '(1, a)');
});
