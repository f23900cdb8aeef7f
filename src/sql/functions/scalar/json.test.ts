import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Types } from '../../../core/types/logical-type.ts';
import { big, bool, dec, evaluate, fn, fnx, int, lit, nul, str } from '../../expr/expr-test-kit.ts';

const doc = str('{"a": {"b": [1, 2, {"c": "x"}]}, "n": 1.5, "t": true, "s": "hi", "z": null}');

test('JSON_VALUE extracts scalars, with RETURNING and ON EMPTY / ON ERROR', () => {
  assert.equal(evaluate(fn('JSON_VALUE', doc, str('$.s'))), 'hi');
  assert.equal(evaluate(fn('JSON_VALUE', doc, str('$.a.b[2].c'))), 'x');
  assert.equal(evaluate(fn('JSON_VALUE', doc, str('$.n'))), '1.5');
  assert.equal(evaluate(fn('JSON_VALUE', doc, str('$.t'))), 'true');
  assert.equal(evaluate(fn('JSON_VALUE', doc, str('$.z'))), null);
  assert.equal(evaluate(fn('JSON_VALUE', doc, str('$.missing'))), null);
  assert.equal(evaluate(fn('JSON_VALUE', doc, str('$.a'))), null); // not a scalar: NULL ON ERROR by default
  assert.equal(evaluate(fnx('JSON_VALUE', { flags: { returning: Types.DOUBLE() } }, doc, str('$.n'))), 1.5);
  assert.equal(evaluate(fnx('JSON_VALUE', { flags: { returning: Types.INT() } }, doc, str('$.a.b[1]'))), 2);
  assert.equal(evaluate(fnx('JSON_VALUE', { flags: { returning: Types.BOOLEAN() } }, doc, str('$.t'))), true);
  const dflt = { returning: Types.INT(), onEmpty: { behavior: 'DEFAULT', default: int(-1) }, onError: { behavior: 'DEFAULT', default: int(-2) } };
  assert.equal(evaluate(fnx('JSON_VALUE', { flags: dflt }, doc, str('$.missing'))), -1);
  assert.equal(evaluate(fnx('JSON_VALUE', { flags: dflt }, doc, str('$.s'))), -2);
  assert.equal(evaluate(fnx('JSON_VALUE', { flags: dflt }, str('not json'), str('$.s'))), -2);
  assert.throws(() => evaluate(fnx('JSON_VALUE', { flags: { onEmpty: { behavior: 'ERROR' } } }, doc, str('$.missing'))), /no value/);
  assert.throws(() => evaluate(fnx('JSON_VALUE', { flags: { onError: { behavior: 'ERROR' } } }, doc, str('$.a'))), /not a scalar/);
  assert.equal(evaluate(fn('JSON_VALUE', nul(), str('$.a'))), null);
  assert.equal(evaluate(fn('JSON_VALUE', doc, str('strict $.missing'))), null);
});

test('JSON_QUERY returns JSON text with wrapper options', () => {
  assert.equal(evaluate(fn('JSON_QUERY', doc, str('$.a'))), '{"b":[1,2,{"c":"x"}]}');
  assert.equal(evaluate(fn('JSON_QUERY', doc, str('$.a.b'))), '[1,2,{"c":"x"}]');
  assert.equal(evaluate(fn('JSON_QUERY', doc, str('$.s'))), null); // a scalar without a wrapper
  assert.equal(evaluate(fnx('JSON_QUERY', { flags: { wrapper: 'WITH UNCONDITIONAL' } }, doc, str('$.s'))), '["hi"]');
  assert.equal(evaluate(fnx('JSON_QUERY', { flags: { wrapper: 'WITH CONDITIONAL' } }, doc, str('$.a'))), '{"b":[1,2,{"c":"x"}]}');
  assert.equal(evaluate(fnx('JSON_QUERY', { flags: { wrapper: 'WITH UNCONDITIONAL' } }, doc, str('$.a.b[*]'))), '[1,2,{"c":"x"}]');
  assert.equal(evaluate(fnx('JSON_QUERY', { flags: { onEmpty: { behavior: 'EMPTY ARRAY' } } }, doc, str('$.missing'))), '[]');
  assert.equal(evaluate(fnx('JSON_QUERY', { flags: { onError: { behavior: 'EMPTY OBJECT' } } }, doc, str('$.s'))), '{}');
});

test('JSON_EXISTS and IS JSON', () => {
  assert.equal(evaluate(fn('JSON_EXISTS', doc, str('$.a.b'))), true);
  assert.equal(evaluate(fn('JSON_EXISTS', doc, str('$.nope'))), false);
  assert.equal(evaluate(fn('JSON_EXISTS', doc, str('$.z'))), true);
  assert.equal(evaluate(fn('JSON_EXISTS', str('{'), str('$.a'))), false);
  assert.equal(evaluate(fnx('JSON_EXISTS', { flags: { onError: { behavior: 'UNKNOWN' } } }, str('{'), str('$.a'))), null);
  assert.equal(evaluate(fn('IS JSON', str('{"a":1}'))), true);
  assert.equal(evaluate(fn('IS JSON', str('{a:1}'))), false);
  assert.equal(evaluate(fn('IS JSON OBJECT', str('[1]'))), false);
  assert.equal(evaluate(fn('IS JSON ARRAY', str('[1]'))), true);
  assert.equal(evaluate(fn('IS JSON SCALAR', str('1'))), true);
  assert.equal(evaluate(fn('IS NOT JSON', str('x'))), true);
});

test('JSON_OBJECT and JSON_ARRAY build JSON, nesting without re-quoting', () => {
  assert.equal(evaluate(fn('JSON_OBJECT', str('a'), int(1), str('b'), str('x'), str('c'), nul())), '{"a":1,"b":"x","c":null}');
  assert.equal(evaluate(fnx('JSON_OBJECT', { flags: { onNull: 'ABSENT' } }, str('a'), int(1), str('c'), nul())), '{"a":1}');
  assert.equal(evaluate(fn('JSON_OBJECT', str('n'), fn('JSON_ARRAY', int(1), bool(true)))), '{"n":[1,true]}');
  assert.equal(evaluate(fn('JSON_ARRAY', int(1), nul(), str('a'))), '[1,"a"]');
  assert.equal(evaluate(fnx('JSON_ARRAY', { flags: { onNull: 'NULL' } }, int(1), nul())), '[1,null]');
  assert.equal(evaluate(fn('JSON_OBJECT', str('d'), dec('1.50'), str('b'), big(9007199254740993n))), '{"d":1.50,"b":9007199254740993}');
  assert.equal(evaluate(fn('JSON_STRING', lit([1, 2], Types.ARRAY(Types.INT())))), '[1,2]');
  assert.equal(evaluate(fn('JSON_STRING', str('a"b'))), '"a\\"b"');
  assert.equal(evaluate(fn('JSON_STRING', nul())), null);
});
