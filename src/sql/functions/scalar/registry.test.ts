import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlValidationError } from '../../sql-errors.ts';
import { dbl, int, str } from '../../expr/expr-test-kit.ts';
import { isScalarFunction, resolveScalarCall, scalarFunctionNames } from './registry.ts';

test('unknown functions are reported with the operand families', () => {
  assert.throws(() => resolveScalarCall('foo', [int(1), str('a')], { pos: { line: 1, column: 8 } }),
    (e: Error) => e instanceof SqlValidationError && e.message === 'SQL validation failed. At line 1, column 8: No match found for function signature FOO(<NUMERIC>, <CHARACTER>)');
});

test('wrong operand types name the supported forms', () => {
  assert.throws(() => resolveScalarCall('SUBSTRING', [dbl(1)]), /Cannot apply 'SUBSTRING' to arguments of type 'SUBSTRING\(<DOUBLE>\)'. Supported form\(s\): 'SUBSTRING\(<CHARACTER>, <INTEGER>\)'\n'SUBSTRING\(<CHARACTER>, <INTEGER>, <INTEGER>\)'/);
});

test('names are case-insensitive; aliases resolve to the canonical operator', () => {
  assert.ok(isScalarFunction('upper'));
  assert.ok(isScalarFunction('DATE_FORMAT'));
  assert.ok(!isScalarFunction('NOPE'));
  assert.equal(resolveScalarCall('mod', [int(7), int(2)]).op, '%');
  assert.equal(resolveScalarCall('substr', [str('a'), int(1)]).op, 'SUBSTRING');
  const names = scalarFunctionNames();
  for (const n of ['CONCAT_WS', 'REGEXP_EXTRACT', 'TO_TIMESTAMP_LTZ', 'JSON_VALUE', 'CARDINALITY', 'ROUND']) assert.ok(names.includes(n), n);
});

test('nullability: nullable if any operand is', () => {
  assert.equal(resolveScalarCall('UPPER', [str('a')]).type.nullable, false);
  assert.equal(resolveScalarCall('+', [int(1), { kind: 'input', index: 0, type: { root: 'INT', nullable: true } }]).type.nullable, true);
});
