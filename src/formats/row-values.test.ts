import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  formatDate, formatDecimal, formatTimestampText, parseBigintText, parseDateText, parseDecimalText, parseTimeText, parseTimestampText, ValueFormatError,
} from './row-values.ts';

test('decimals parse exactly, round half-up to the scale, and overflow to null', () => {
  assert.equal(parseDecimalText('12.345', 10, 2), 1235n);
  assert.equal(parseDecimalText('-12.345', 10, 2), -1235n);
  assert.equal(parseDecimalText('12.344', 10, 2), 1234n);
  assert.equal(parseDecimalText('1e3', 10, 2), 100000n);
  assert.equal(parseDecimalText('-.5', 10, 0), -1n);
  assert.equal(parseDecimalText('99999999.995', 10, 2), null);
  assert.equal(parseDecimalText('12345678901234567890.12', 38, 2), 1234567890123456789012n);
  assert.throws(() => parseDecimalText('1.2.3', 10, 2), ValueFormatError);
  assert.equal(formatDecimal(-5n, 3), '-0.005');
  assert.equal(formatDecimal(1234n, 2), '12.34');
  fc.assert(fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 6 }), (v, s) => parseDecimalText(formatDecimal(v, s), 30, s) === v));
});

test('BIGINT text is canonical: numbers when safe, bigints beyond, errors outside 64 bits', () => {
  assert.equal(parseBigintText('9007199254740991'), 9007199254740991);
  assert.equal(parseBigintText('9007199254740993'), 9007199254740993n);
  assert.equal(parseBigintText('-9223372036854775808'), -9223372036854775808n);
  assert.throws(() => parseBigintText('9223372036854775808'), /out of the BIGINT range/);
});

test('dates, times and timestamps in SQL and ISO-8601 text', () => {
  assert.equal(parseDateText('1970-01-02'), 1);
  assert.equal(parseDateText('2000-03-01'), 11017); // 30 years (7 leap) = 10957 days to 2000-01-01, then 31 + 29
  assert.throws(() => parseDateText('2021-02-29'), /not a valid date/);
  assert.equal(formatDate(-1), '1969-12-31');
  assert.equal(parseTimeText('01:02:03.5'), 3_723_500);
  assert.equal(parseTimestampText('2020-01-01 12:00:00.123456789', false), Date.UTC(2020, 0, 1, 12, 0, 0, 123));
  assert.equal(parseTimestampText('2020-01-01T12:00', false), Date.UTC(2020, 0, 1, 12));
  assert.equal(parseTimestampText('2020-01-01T12:00:00+02:00', true), Date.UTC(2020, 0, 1, 10));
  assert.throws(() => parseTimestampText('2020-01-01T12:00:00+02:00', false), /zone offset/);
  assert.equal(formatTimestampText(Date.UTC(2020, 0, 1, 12, 0, 0, 100), 'SQL', false), '2020-01-01 12:00:00.1');
  assert.equal(formatTimestampText(Date.UTC(1969, 11, 31, 23, 59, 59), 'ISO-8601', true), '1969-12-31T23:59:59Z');
});
