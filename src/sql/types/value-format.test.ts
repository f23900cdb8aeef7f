import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Types } from '../../core/types/logical-type.ts';
import { CastError, formatValue, javaDoubleToString, javaFloatToString, parseValue } from './value-format.ts';

test('Java Double.toString rules', () => {
  assert.equal(javaDoubleToString(1), '1.0');
  assert.equal(javaDoubleToString(0.1), '0.1');
  assert.equal(javaDoubleToString(1e10), '1.0E10');
  assert.equal(javaDoubleToString(1234567.0), '1234567.0');
  assert.equal(javaDoubleToString(12345678.9), '1.23456789E7');
  assert.equal(javaDoubleToString(0.001), '0.001');
  assert.equal(javaDoubleToString(0.0001), '1.0E-4');
  assert.equal(javaDoubleToString(-1.5e-7), '-1.5E-7');
  assert.equal(javaDoubleToString(100), '100.0');
  assert.equal(javaDoubleToString(NaN), 'NaN');
  assert.equal(javaDoubleToString(-Infinity), '-Infinity');
  assert.equal(javaDoubleToString(-0), '-0.0');
  assert.equal(javaFloatToString(Math.fround(0.1)), '0.1');
  assert.equal(javaFloatToString(Math.fround(3.4e38)), '3.4E38');
});

test('formatValue prints each type as CAST(x AS STRING) does', () => {
  assert.equal(formatValue(true, Types.BOOLEAN()), 'TRUE');
  assert.equal(formatValue(false, Types.BOOLEAN()), 'FALSE');
  assert.equal(formatValue(null, Types.INT()), 'NULL');
  assert.equal(formatValue(-42, Types.INT()), '-42');
  assert.equal(formatValue(9223372036854775807n, Types.BIGINT()), '9223372036854775807');
  assert.equal(formatValue(150n, Types.DECIMAL(10, 2)), '1.50');
  assert.equal(formatValue(-5n, Types.DECIMAL(10, 3)), '-0.005');
  assert.equal(formatValue(1e10, Types.DOUBLE()), '1.0E10');
  assert.equal(formatValue('abc', Types.STRING()), 'abc');
  assert.equal(formatValue(new Uint8Array([10, 11]), Types.BYTES()), "x'0a0b'");
  assert.equal(formatValue(18262, Types.DATE()), '2020-01-01');
  assert.equal(formatValue(-1, Types.DATE()), '1969-12-31');
  assert.equal(formatValue(45296789, Types.TIME(0)), '12:34:56');
  assert.equal(formatValue(45296789, Types.TIME(3)), '12:34:56.789');
  assert.equal(formatValue(1700000000000, Types.TIMESTAMP(3)), '2023-11-14 22:13:20.000');
  assert.equal(formatValue(1700000000000, Types.TIMESTAMP(0)), '2023-11-14 22:13:20');
  assert.equal(formatValue(1700000000123, Types.TIMESTAMP(6)), '2023-11-14 22:13:20.123000');
  assert.equal(formatValue(1700000000000, Types.TIMESTAMP_LTZ(3), 'Europe/Berlin'), '2023-11-14 23:13:20.000');
  assert.equal(formatValue(93784000, Types.INTERVAL_DAY_TIME()), '+1 02:03:04.000');
  assert.equal(formatValue(-14, Types.INTERVAL_YEAR_MONTH()), '-1-02');
  assert.equal(formatValue([1, null, 2], Types.ARRAY(Types.INT())), '[1, NULL, 2]');
  assert.equal(formatValue(new Map([['a', 1]]), Types.MAP(Types.STRING(), Types.INT())), '{a=1}');
  assert.equal(formatValue([1, 'a'], Types.ROW([{ name: 'x', type: Types.INT() }, { name: 'y', type: Types.STRING() }])), '(1, a)');
});

test('parseValue reads strings as CAST does', () => {
  assert.equal(parseValue(' 42 ', Types.INT()), 42);
  assert.equal(parseValue('-128', Types.TINYINT()), -128);
  assert.equal(parseValue('9223372036854775807', Types.BIGINT()), 9223372036854775807n);
  assert.equal(parseValue('1.255', Types.DECIMAL(5, 2)), 126n);
  assert.equal(parseValue('12345.6', Types.DECIMAL(5, 2)), null); // overflow is NULL
  assert.equal(parseValue('1e3', Types.DOUBLE()), 1000);
  assert.equal(parseValue('yes', Types.BOOLEAN()), true);
  assert.equal(parseValue('FALSE', Types.BOOLEAN()), false);
  assert.equal(parseValue('2020-01-01', Types.DATE()), 18262);
  assert.equal(parseValue('2023-11-14 22:13:20.5', Types.TIMESTAMP(3)), 1700000000500);
  assert.equal(parseValue('2023-11-14T22:13:20', Types.TIMESTAMP(3)), 1700000000000);
  assert.equal(parseValue('2023-11-14 23:13:20', Types.TIMESTAMP_LTZ(3), 'Europe/Berlin'), 1700000000000);
  assert.equal(parseValue('12:34:56.789', Types.TIME(3)), 45296789);
});

test('parseValue failures name the text and the type', () => {
  assert.throws(() => parseValue('abc', Types.INT()), (e: Error) => e instanceof CastError && /'abc'/.test(e.message) && /INT/.test(e.message));
  assert.throws(() => parseValue('128', Types.TINYINT()), CastError);
  assert.throws(() => parseValue('2020-02-30', Types.DATE()), /'2020-02-30'.*DATE/);
  assert.throws(() => parseValue('maybe', Types.BOOLEAN()), /BOOLEAN/);
  assert.throws(() => parseValue('1.2.3', Types.DOUBLE()), /DOUBLE/);
});
