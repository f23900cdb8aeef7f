import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatType, Types } from '../../core/types/logical-type.ts';
import { arithmeticResultType, canCast, canImplicitCast, leastRestrictive } from './type-rules.ts';

const f = (t: ReturnType<typeof leastRestrictive>): string => (t ? formatType(t) : 'none');

test('arithmetic result types follow Flink', () => {
  assert.equal(f(arithmeticResultType('+', Types.INT(false), Types.BIGINT(false))), 'BIGINT NOT NULL');
  assert.equal(f(arithmeticResultType('*', Types.DECIMAL(3, 3, false), Types.BIGINT(false))), 'DECIMAL(23, 3) NOT NULL');
  assert.equal(f(arithmeticResultType('+', Types.DECIMAL(10, 2), Types.DECIMAL(5, 4))), 'DECIMAL(13, 4)');
  // division: scale = max(6, s1 + p2 + 1) = max(6, 2 + 5 + 1) = 8, precision = p1 - s1 + s2 + scale = 10 - 2 + 0 + 8 = 16
  assert.equal(f(arithmeticResultType('/', Types.DECIMAL(10, 2), Types.DECIMAL(5, 0))), 'DECIMAL(16, 8)');
  assert.equal(f(arithmeticResultType('/', Types.INT(), Types.INT())), 'INT');
  assert.equal(f(arithmeticResultType('+', Types.DECIMAL(10, 2), Types.DOUBLE())), 'DOUBLE');
  // 38-digit cap: DECIMAL(38, 10) * DECIMAL(38, 10) -> (77, 20) -> (38, 6)
  assert.equal(f(arithmeticResultType('*', Types.DECIMAL(38, 10), Types.DECIMAL(38, 10))), 'DECIMAL(38, 6)');
  assert.equal(arithmeticResultType('+', Types.INT(), Types.STRING()), undefined);
});

test('leastRestrictive finds the common type of branches', () => {
  assert.equal(f(leastRestrictive([Types.INT(false), Types.BIGINT(false)])), 'BIGINT NOT NULL');
  assert.equal(f(leastRestrictive([Types.INT(false), Types.DECIMAL(5, 2, false)])), 'DECIMAL(12, 2) NOT NULL');
  assert.equal(f(leastRestrictive([Types.CHAR(3, false), Types.CHAR(5, false)])), 'VARCHAR(5) NOT NULL');
  assert.equal(f(leastRestrictive([Types.CHAR(3, false), Types.CHAR(3)])), 'CHAR(3)');
  assert.equal(f(leastRestrictive([Types.CHAR(3, false), Types.VARCHAR(2, false)])), 'VARCHAR(3) NOT NULL');
  assert.equal(f(leastRestrictive([Types.INT(false), Types.NULL()])), 'INT');
  assert.equal(f(leastRestrictive([Types.DATE(), Types.TIMESTAMP(3)])), 'TIMESTAMP(3)');
  assert.equal(f(leastRestrictive([Types.TIMESTAMP(3), Types.TIMESTAMP(6)])), 'TIMESTAMP(6)');
  assert.equal(f(leastRestrictive([Types.ARRAY(Types.INT()), Types.ARRAY(Types.DOUBLE())])), 'ARRAY<DOUBLE>');
  assert.equal(leastRestrictive([Types.INT(), Types.STRING()]), undefined);
  assert.equal(f(leastRestrictive([Types.NULL(), Types.NULL()])), 'NULL');
});

test('implicit and explicit casts', () => {
  assert.ok(canImplicitCast(Types.INT(), Types.BIGINT()));
  assert.ok(!canImplicitCast(Types.BIGINT(), Types.INT()));
  assert.ok(canImplicitCast(Types.INT(), Types.DECIMAL(10, 0)));
  assert.ok(!canImplicitCast(Types.INT(), Types.DECIMAL(5, 0)));
  assert.ok(canImplicitCast(Types.DECIMAL(5, 2), Types.DOUBLE()));
  assert.ok(!canImplicitCast(Types.STRING(), Types.INT()));
  assert.ok(canImplicitCast(Types.DATE(), Types.TIMESTAMP(3)));
  assert.ok(canCast(Types.STRING(), Types.INT()));
  assert.ok(canCast(Types.INT(), Types.STRING()));
  assert.ok(canCast(Types.TIMESTAMP(3), Types.TIMESTAMP_LTZ(3)));
  assert.ok(canCast(Types.BOOLEAN(), Types.INT()));
  assert.ok(!canCast(Types.DATE(), Types.INT()));
  assert.ok(!canCast(Types.STRING(), Types.ARRAY(Types.INT())));
  assert.ok(canCast(Types.ARRAY(Types.INT()), Types.ARRAY(Types.STRING())));
});
