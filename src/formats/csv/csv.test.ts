import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConfigError, InputFormatError } from '../../core/errors.ts';
import { CsvLineFormat } from './csv-line-format.ts';
import { CsvEncoder } from './csv-encoder.ts';

function formatError(source: string, line: number, message: string) {
  return (e: unknown) => {
    assert.ok(e instanceof InputFormatError);
    assert.equal(e.source, source);
    assert.equal(e.line, line);
    assert.equal(e.message, message);
    return true;
  };
}

test('csv without header or columns gives string arrays', () => {
  const f = new CsvLineFormat();
  assert.deepEqual(f.decode('a,b,,d', 'f.csv', 1), ['a', 'b', '', 'd']);
  assert.deepEqual(f.decode('x,', 'f.csv', 1), ['x', '']);
  assert.equal(f.parseHeader, undefined);
});

test('quoted fields keep delimiters, doubled quotes and spaces', () => {
  const f = new CsvLineFormat();
  assert.deepEqual(f.decode('"a,b","say ""hi""", c ,""', 'f.csv', 1), ['a,b', 'say "hi"', ' c ', '']);
});

test('custom delimiter and quote', () => {
  const f = new CsvLineFormat({ fieldDelimiter: ';', quoteCharacter: "'" });
  assert.deepEqual(f.decode("1;'x;y';'it''s'", 'f.csv', 1), ['1', 'x;y', "it's"]);
});

test('quote errors name file, line and column', () => {
  const f = new CsvLineFormat();
  assert.throws(() => f.decode('a,"bc', 'f.csv', 3), formatError('f.csv', 3, 'f.csv:3: unterminated quoted field starting at column 3'));
  assert.throws(() => f.decode('"ab"c,d', 'f.csv', 4), formatError('f.csv', 4, "f.csv:4: unexpected character 'c' after the closing quote at column 5"));
});

test('a header gives object records of strings', () => {
  const f = new CsvLineFormat({ header: true });
  const header = f.parseHeader!('id,name', 'f.csv', 1);
  assert.deepEqual(header, ['id', 'name']);
  assert.deepEqual(f.decode('1,"Ann, B."', 'f.csv', 2, header), { id: '1', name: 'Ann, B.' });
  assert.throws(() => f.decode('1,2,3', 'f.csv', 5, header), formatError('f.csv', 5, 'f.csv:5: expected 2 fields as in the header (id, name), got 3'));
});

test('columns type fields; empty numbers and booleans are null', () => {
  const f = new CsvLineFormat({ columns: [{ name: 'id', type: 'number' }, { name: 'ok', type: 'boolean' }, { name: 's', type: 'string' }] });
  assert.deepEqual(f.decode('-1.5e2,TRUE,x', 'f.csv', 1), { id: -150, ok: true, s: 'x' });
  assert.deepEqual(f.decode(' 7 ,false,', 'f.csv', 1), { id: 7, ok: false, s: '' });
  assert.deepEqual(f.decode(',,', 'f.csv', 1), { id: null, ok: null, s: '' });
  assert.throws(() => f.decode('1,true', 'f.csv', 2), formatError('f.csv', 2, 'f.csv:2: expected 3 fields as in the columns (id, ok, s), got 2'));
});

test('a bad number or boolean names file, line and field', () => {
  const f = new CsvLineFormat({ columns: [{ name: 'id', type: 'number' }, { name: 'ok', type: 'boolean' }] });
  assert.throws(() => f.decode('12x,true', '/in/a.csv', 9), formatError('/in/a.csv', 9, "/in/a.csv:9: field 'id' (column 1): '12x' is not a number"));
  assert.throws(() => f.decode('0x10,true', '/in/a.csv', 9), /'0x10' is not a number/);
  assert.throws(() => f.decode('1,yes', '/in/a.csv', 10), formatError('/in/a.csv', 10, "/in/a.csv:10: field 'ok' (column 2): 'yes' is not a boolean (true or false)"));
});

test('with header and columns, fields are matched by name and typed', () => {
  const f = new CsvLineFormat({ header: true, columns: [{ name: 'price', type: 'number' }] });
  const header = f.parseHeader!('name,price', 'f.csv', 1);
  assert.deepEqual(f.decode('pen,1.25', 'f.csv', 2, header), { name: 'pen', price: 1.25 });
  assert.throws(() => f.parseHeader!('name,cost', 'f.csv', 1), formatError('f.csv', 1, "f.csv:1: header (name, cost) has no column 'price'"));
  assert.throws(() => f.parseHeader!('a,a,price', 'f.csv', 1), /header names field 'a' twice/);
});

test('bad options are config errors', () => {
  assert.throws(() => new CsvLineFormat({ fieldDelimiter: '||' }), ConfigError);
  assert.throws(() => new CsvLineFormat({ quoteCharacter: ',' }), ConfigError);
  assert.throws(() => new CsvLineFormat({ columns: [{ name: 'a', type: 'string' }, { name: 'a', type: 'number' }] }), /declared twice/);
});

test('CsvEncoder quotes only when needed', () => {
  const e = new CsvEncoder<unknown[]>();
  assert.equal(e.encode(['a', 1, null, true]), 'a,1,,true\n');
  assert.equal(e.encode(['a,b', 'say "hi"', 'x\ny']), '"a,b","say ""hi""","x\ny"\n');
  assert.equal(e.encode(['']), '""\n');
  const o = new CsvEncoder<Record<string, unknown>>({ fields: ['b', 'a'], fieldDelimiter: ';' });
  assert.equal(o.encode({ a: 1, b: 'x;y' }), '"x;y";1\n');
});

test('encoding then decoding gives the fields back (no line breaks in fields)', () => {
  const e = new CsvEncoder<string[]>();
  const f = new CsvLineFormat();
  fc.assert(fc.property(fc.array(fc.string().filter((s) => !/[\r\n]/.test(s)), { minLength: 2, maxLength: 6 }), (fields) => {
    const line = e.encode(fields).slice(0, -1);
    assert.deepEqual(f.decode(line, 'f.csv', 1), fields);
  }));
});
