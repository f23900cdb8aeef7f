import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatType } from '../../core/types/logical-type.ts';
import type { TypeSpec } from '../ast/ast.ts';
import { SqlValidationError } from '../sql-errors.ts';
import { toLogicalType } from './type-from-spec.ts';

const pos = { line: 2, column: 7 };
const spec = (name: string, params: number[] = [], extra: Partial<TypeSpec> = {}): TypeSpec =>
  ({ kind: 'TypeSpec', pos, name, params, elementTypes: [], fields: [], nullable: true, ...extra });
const show = (s: TypeSpec): string => formatType(toLogicalType(s));

test('Flink defaults for parameterless types', () => {
  assert.equal(show(spec('DECIMAL')), 'DECIMAL(10, 0)');
  assert.equal(show(spec('TIMESTAMP')), 'TIMESTAMP(6)');
  assert.equal(show(spec('VARCHAR')), 'VARCHAR(1)');
  assert.equal(show(spec('CHAR')), 'CHAR(1)');
  assert.equal(show(spec('TIME')), 'TIME(0)');
  assert.equal(show(spec('STRING')), 'STRING');
  assert.equal(show(spec('INTEGER', [], { nullable: false })), 'INT NOT NULL');
  assert.equal(show(spec('NUMERIC', [5, 2])), 'DECIMAL(5, 2)');
  assert.equal(show(spec('TIMESTAMP_LTZ', [3])), 'TIMESTAMP_LTZ(3)');
});

test('nested types', () => {
  assert.equal(show(spec('ARRAY', [], { elementTypes: [spec('INT', [], { nullable: false })] })), 'ARRAY<INT NOT NULL>');
  assert.equal(show(spec('MAP', [], { elementTypes: [spec('STRING'), spec('BIGINT')] })), 'MAP<STRING, BIGINT>');
  const row = spec('ROW', [], { fields: [{ name: { kind: 'Ident', pos, name: 'a', quoted: false }, type: spec('INT') }] });
  assert.equal(show(row), 'ROW<`a` INT>');
});

test('bad parameters are validation errors at the type position', () => {
  assert.throws(() => toLogicalType(spec('DECIMAL', [39, 0])), (e: Error) => e instanceof SqlValidationError && /line 2, column 7/.test(e.message) && /precision/.test(e.message));
  assert.throws(() => toLogicalType(spec('DECIMAL', [5, 6])), /scale/);
  assert.throws(() => toLogicalType(spec('VARCHAR', [0])), /Length/);
  assert.throws(() => toLogicalType(spec('TIMESTAMP', [10])), /precision/);
  assert.throws(() => toLogicalType(spec('FOO')), /Unknown type 'FOO'/);
});
