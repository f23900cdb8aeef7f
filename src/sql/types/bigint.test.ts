import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { doubleToInt64, i64Add, i64Div, i64Mod, i64Mul, i64Neg, i64Sub, i64ToInt32, parseInt64, toInt64 } from './bigint.ts';

const MAX = 9223372036854775807n;
const MIN = -9223372036854775808n;

test('BIGINT stays a number in the safe range and becomes a bigint beyond it', () => {
  assert.equal(i64Add(1, 2), 3);
  assert.equal(i64Add(Number.MAX_SAFE_INTEGER, 1), 9007199254740992n);
  assert.equal(i64Sub(9007199254740992n, 1), Number.MAX_SAFE_INTEGER);
  assert.equal(i64Mul(3037000499, 3037000499), 9223372030926249001n);
});

test('BIGINT wraps at the 64-bit edges like Java long', () => {
  assert.equal(i64Add(MAX, 1), MIN);
  assert.equal(i64Sub(MIN, 1), MAX);
  assert.equal(i64Mul(MAX, 2), -2);
  assert.equal(i64Neg(MIN), MIN);
  assert.equal(i64Div(MIN, -1), MIN);
});

test('BIGINT division truncates toward zero, remainder has the sign of the dividend', () => {
  assert.equal(i64Div(7, 2), 3);
  assert.equal(i64Div(-7, 2), -3);
  assert.equal(i64Mod(-7, 2), -1);
  assert.equal(i64Mod(7, -2), 1);
  assert.equal(i64Div(MAX, 10), 922337203685477580n);
  assert.throws(() => i64Div(1, 0), /\/ by zero/);
  assert.throws(() => i64Mod(1, 0), /\/ by zero/);
});

test('narrowing and conversion from DOUBLE follow Java', () => {
  assert.equal(i64ToInt32(2147483648), -2147483648);
  assert.equal(i64ToInt32(MAX), -1);
  assert.equal(doubleToInt64(1e30), MAX);
  assert.equal(doubleToInt64(-1e30), MIN);
  assert.equal(doubleToInt64(NaN), 0);
  assert.equal(doubleToInt64(-2.9), -2);
  assert.equal(parseInt64(' 9223372036854775807 '), MAX);
  assert.equal(parseInt64('9223372036854775808'), undefined);
  assert.equal(parseInt64('1.5'), undefined);
  assert.equal(toInt64(-0), 0);
});

test('BIGINT arithmetic agrees with 64-bit two\'s complement (property)', () => {
  const arb = fc.bigInt({ min: MIN, max: MAX });
  fc.assert(fc.property(arb, arb, (a, b) => {
    const ca = toInt64(a), cb = toInt64(b);
    assert.equal(BigInt(i64Add(ca, cb)), BigInt.asIntN(64, a + b));
    assert.equal(BigInt(i64Sub(ca, cb)), BigInt.asIntN(64, a - b));
    assert.equal(BigInt(i64Mul(ca, cb)), BigInt.asIntN(64, a * b));
    if (b !== 0n) assert.equal(BigInt(i64Div(ca, cb)), BigInt.asIntN(64, a / b));
    const r = i64Add(ca, cb);
    // canonical: a bigint is never in the safe range
    assert.ok(typeof r === 'number' || r > BigInt(Number.MAX_SAFE_INTEGER) || r < -BigInt(Number.MAX_SAFE_INTEGER));
  }), { numRuns: 500 });
  fc.assert(fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 }).filter((b) => b !== 0), (a, b) => {
    assert.equal(i64Div(a, b), Number(BigInt(a) / BigInt(b)));
  }));
});
