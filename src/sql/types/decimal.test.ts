import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decAdd, decCompare, decDiv, decFromNumber, decMod, decMul, decSub, decToNumber, decToString, fit, parseDecimal, rescale } from './decimal.ts';

test('0.1 + 0.2 = 0.3 exactly (DECIMAL(2, 1) + DECIMAL(2, 1) -> DECIMAL(3, 1))', () => {
  assert.equal(decAdd(1n, 1, 2n, 1, 3, 1), 3n);
  assert.equal(decToString(3n, 1), '0.3');
});

test('0.908 * 12345 = 11209.260 in DECIMAL(23, 3)', () => {
  assert.equal(decToString(decMul(908n, 3, 12345n, 0, 23, 3)!, 3), '11209.260');
});

test('rescaling rounds HALF_UP, away from zero on ties', () => {
  assert.equal(rescale(125n, 2, 1), 13n);
  assert.equal(rescale(-125n, 2, 1), -13n);
  assert.equal(rescale(124n, 2, 1), 12n);
  assert.equal(rescale(-124n, 2, 1), -12n);
  assert.equal(rescale(5n, 0, 2), 500n);
});

test('division rounds HALF_UP to the result scale; by zero is an error', () => {
  // 1 / 3 at scale 6 = 0.333333; 2 / 3 = 0.666667
  assert.equal(decDiv(1n, 0, 3n, 0, 38, 6), 333333n);
  assert.equal(decDiv(2n, 0, 3n, 0, 38, 6), 666667n);
  assert.equal(decDiv(-2n, 0, 3n, 0, 38, 6), -666667n);
  // 10.00 / 0.4 = 25.000000
  assert.equal(decDiv(1000n, 2, 4n, 1, 38, 6), 25000000n);
  assert.throws(() => decDiv(1n, 0, 0n, 0, 10, 2), /Division by zero/);
});

test('results beyond the precision are NULL (Flink overflow)', () => {
  assert.equal(fit(99999n, 5), 99999n);
  assert.equal(fit(100000n, 5), null);
  assert.equal(decAdd(99999n, 2, 1n, 2, 5, 2), null); // 999.99 + 0.01 = 1000.00 needs 6 digits
  assert.equal(decSub(-99999n, 2, 1n, 2, 6, 2), -100000n);
});

test('remainder, comparison across scales, text and numbers', () => {
  assert.equal(decMod(75n, 1, 2n, 0, 3, 1), 15n); // 7.5 % 2 = 1.5
  assert.equal(decCompare(150n, 2, 15n, 1), 0);
  assert.equal(decCompare(149n, 2, 15n, 1), -1);
  assert.equal(decToString(-5n, 3), '-0.005');
  assert.equal(decToString(12345n, 0), '12345');
  assert.equal(decToNumber(150n, 2), 1.5);
  assert.equal(parseDecimal('  -12.345 ', 2), -1235n);
  assert.equal(parseDecimal('1e3', 1), 10000n);
  assert.equal(parseDecimal('.5', 0), 1n);
  assert.equal(parseDecimal('abc', 0), undefined);
  assert.equal(decFromNumber(0.1, 3), 100n);
  assert.equal(decFromNumber(2.675, 2), 268n); // the shortest text of the double is 2.675, rounded HALF_UP
});
