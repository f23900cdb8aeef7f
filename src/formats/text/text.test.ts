import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LineFormat } from '../line-format.ts';
import { TextLineFormat } from './text-line-format.ts';
import { SimpleStringEncoder } from './simple-string-encoder.ts';

test('text format returns the line itself, empty lines included', () => {
  const f: LineFormat<string> = new TextLineFormat();
  assert.equal(f.decode('héllo, world', 'a.txt', 1), 'héllo, world');
  assert.equal(f.decode('', 'a.txt', 2), '');
  assert.equal(f.skipEmptyLines, false);
});

test('SimpleStringEncoder writes String(value) and a newline', () => {
  const e = new SimpleStringEncoder<unknown>();
  assert.equal(e.encode('abc'), 'abc\n');
  assert.equal(e.encode(42), '42\n');
  assert.equal(e.encode(null), 'null\n');
});
