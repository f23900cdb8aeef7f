import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputFormatError } from '../../core/errors.ts';
import { JsonLineFormat } from './json-line-format.ts';
import { JsonEncoder } from './json-encoder.ts';

test('json format parses one document per line', () => {
  const f = new JsonLineFormat<{ a: number; b: string[] }>();
  assert.deepEqual(f.decode('{"a": 1, "b": ["x"]}', 'in.json', 1), { a: 1, b: ['x'] });
  assert.equal(f.skipEmptyLines, true);
});

test('a bad json line names the file, the line and the JSON error', () => {
  const f = new JsonLineFormat();
  assert.throws(() => f.decode('{"a": 1, }', '/data/in.json', 7), (e: unknown) => {
    assert.ok(e instanceof InputFormatError);
    assert.equal(e.source, '/data/in.json');
    assert.equal(e.line, 7);
    assert.equal(e.message, "/data/in.json:7: invalid JSON: Expected double-quoted property name in JSON at position 9 (line 1 column 10)");
    return true;
  });
});

test('JsonEncoder writes JSON lines and rejects values without JSON form', () => {
  const e = new JsonEncoder();
  assert.equal(e.encode({ a: 1, s: 'x\ny' }), '{"a":1,"s":"x\\ny"}\n');
  assert.equal(e.encode([1, null]), '[1,null]\n');
  assert.throws(() => e.encode(undefined), /has no JSON representation/);
});
