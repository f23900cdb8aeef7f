// Tokenizer: token kinds and values, 1-based positions across lines, comments, hints, and errors
// for unterminated strings, comments and quoted names at their start.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlParseError } from '../sql-errors.ts';
import { tokenize } from './tokenizer.ts';

const kinds = (sql: string): string[] => tokenize(sql).map((t) => `${t.type}:${t.value}`);

describe('tokenize', () => {
  it('reads words, quoted names, strings, numbers, operators and params', () => {
    assert.deepEqual(kinds("SELECT `a``b`, 'it''s', 12, 1.5, .5, 1e3, 2E-2 <> ? FROM t"), [
      'word:SELECT', 'qident:a`b', 'op:,', "string:it's", 'op:,', 'number:12', 'op:,', 'number:1.5', 'op:,',
      'number:.5', 'op:,', 'number:1e3', 'op:,', 'number:2E-2', 'op:<>', 'param:?', 'word:FROM', 'word:T', 'eof:',
    ]);
  });

  it('keeps the original spelling of words in text and upper-cases value', () => {
    const [t] = tokenize('dateTime');
    assert.equal(t!.text, 'dateTime');
    assert.equal(t!.value, 'DATETIME');
  });

  it('reads two-character operators before one-character ones', () => {
    assert.deepEqual(kinds('a<=b>=c!=d||e=>f'), [
      'word:A', 'op:<=', 'word:B', 'op:>=', 'word:C', 'op:!=', 'word:D', 'op:||', 'word:E', 'op:=>', 'word:F', 'eof:',
    ]);
  });

  it('reads binary literals as hex', () => {
    assert.deepEqual(kinds("X'0a1B' x''"), ['binary:0A1B', 'binary:', 'eof:']);
  });

  it('skips -- and /* */ comments and keeps hints', () => {
    assert.deepEqual(kinds('a -- one\n/* two\n three */ b /*+ OPTIONS(\'k\'=\'v\') */ c'), [
      'word:A', 'word:B', "hint: OPTIONS('k'='v') ", 'word:C', 'eof:',
    ]);
  });

  it('gives 1-based line and column of the first character of each token', () => {
    const tokens = tokenize("SELECT a,\n  'x\ny' AS b\n\t FROM t");
    const at = tokens.map((t) => [t.text, t.line, t.column]);
    assert.deepEqual(at, [
      ['SELECT', 1, 1], ['a', 1, 8], [',', 1, 9], ["'x\ny'", 2, 3], ['AS', 3, 4], ['b', 3, 7], ['FROM', 4, 3], ['t', 4, 8], ['', 4, 9],
    ]);
  });

  it('places end of input right after the last token, not after trailing blank lines or comments', () => {
    const tokens = tokenize('SELECT 1\n\n-- done\n');
    assert.deepEqual([tokens.at(-1)!.line, tokens.at(-1)!.column], [1, 9]);
  });

  it('treats no-break spaces and a byte-order mark (SQL pasted from web pages) as whitespace', () => {
    assert.deepEqual(kinds('\ufeffSELECT\u00a0a,\u202fb'), ['word:SELECT', 'word:A', 'op:,', 'word:B', 'eof:']);
    assert.deepEqual(kinds('日付'), ['word:日付', 'eof:']);
  });

  it('shifts positions by an origin', () => {
    const tokens = tokenize('a\n b', { line: 10, column: 5 });
    assert.deepEqual(tokens.slice(0, 2).map((t) => [t.line, t.column]), [[10, 5], [11, 2]]);
  });

  for (const [sql, line, column, reason] of [
    ["SELECT 'abc", 1, 8, 'unterminated string literal'],
    ['SELECT 1,\n  `ab', 2, 3, 'unterminated quoted identifier'],
    ['SELECT /* never\n closed', 1, 8, 'unterminated comment'],
    ['SELECT /*+ OPTIONS(', 1, 8, 'unterminated hint'],
    ["SELECT\n  'it''s", 2, 3, 'unterminated string literal'],
    ['SELECT ``', 1, 8, 'empty quoted identifier'],
    ['SELECT #', 1, 8, "unexpected character '#'"],
    ["SELECT X'ABC'", 1, 8, "invalid binary literal X'ABC': expected an even number of hex digits"],
  ] as const) {
    it(`rejects ${JSON.stringify(sql)} at line ${line}, column ${column}`, () => {
      assert.throws(() => tokenize(sql), (e: unknown) => {
        assert.ok(e instanceof SqlParseError);
        assert.deepEqual(e.pos, { line, column });
        assert.equal(e.message, `SQL parse error at line ${line}, column ${column}: ${reason}`);
        return true;
      });
    });
  }
});
