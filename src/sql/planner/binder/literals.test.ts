import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IntervalLiteral, TimeUnit } from '../../ast/ast.ts';
import { bindInterval, numericLiteral, parseDate, parseTimestamp } from './literals.ts';

const pos = { line: 1, column: 1 };
const interval = (value: string, unit: TimeUnit, toUnit?: TimeUnit, negative = false): IntervalLiteral => ({ kind: 'IntervalLiteral', pos, value, unit, toUnit, negative });

test('numeric literals are typed as Calcite types them', () => {
  assert.deepEqual(numericLiteral('12', false, pos), { kind: 'literal', value: 12, type: { root: 'INT', nullable: false } });
  assert.deepEqual(numericLiteral('2147483648', false, pos).type.root, 'BIGINT');
  // -2147483648 still fits an INT.
  assert.equal(numericLiteral('2147483648', true, pos).value, -2147483648);
  assert.equal(numericLiteral('2147483648', true, pos).type.root, 'INT');
  assert.equal(numericLiteral('2147483648', false, pos).value, 2147483648);
  // Beyond the safe range a BIGINT value is a bigint.
  assert.equal(numericLiteral('9223372036854775807', false, pos).value, 9223372036854775807n);
  const d = numericLiteral('1.50', false, pos);
  assert.deepEqual([d.value, d.type.root, d.type.precision, d.type.scale], [150n, 'DECIMAL', 3, 2]);
  const small = numericLiteral('0.908', false, pos);
  assert.deepEqual([small.value, small.type.precision, small.type.scale], [908n, 3, 3]);
  assert.deepEqual([numericLiteral('1e3', false, pos).value, numericLiteral('1e3', false, pos).type.root], [1000, 'DOUBLE']);
});

test('interval literals in milliseconds (day-time) and months (year-month)', () => {
  assert.equal(bindInterval(interval('10', 'SECOND')).value, 10_000);
  assert.equal(bindInterval(interval('1.5', 'SECOND')).value, 1500);
  assert.equal(bindInterval(interval('5', 'MINUTE')).value, 300_000);
  assert.equal(bindInterval(interval('1 02:03', 'DAY', 'MINUTE')).value, 86_400_000 + 2 * 3_600_000 + 3 * 60_000);
  assert.equal(bindInterval(interval('01:30:15', 'HOUR', 'SECOND')).value, 3_600_000 + 30 * 60_000 + 15_000);
  assert.equal(bindInterval(interval('10', 'SECOND', undefined, true)).value, -10_000);
  assert.equal(bindInterval(interval('1-2', 'YEAR', 'MONTH')).value, 14);
  assert.equal(bindInterval(interval('1-2', 'YEAR', 'MONTH')).type.root, 'INTERVAL_YEAR_MONTH');
  assert.throws(() => bindInterval(interval('1:2', 'SECOND')), /Illegal interval literal format '1:2' for INTERVAL SECOND/);
});

test('date and timestamp literals as days and epoch milliseconds', () => {
  assert.equal(parseDate('1970-01-02', pos), 1);
  assert.equal(parseTimestamp('2024-01-01 00:00:01.5', pos), Date.UTC(2024, 0, 1, 0, 0, 1, 500));
  assert.throws(() => parseTimestamp('yesterday', pos), /Illegal TIMESTAMP literal 'yesterday'/);
});
