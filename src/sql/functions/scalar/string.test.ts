import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatType, Types } from '../../../core/types/logical-type.ts';
import { col, evaluate, fn, fnx, int, lit, nul, str } from '../../expr/expr-test-kit.ts';

const e = (op: string, ...args: Parameters<typeof fn>[1][]): unknown => evaluate(fn(op, ...args));

test('LIKE with % _ and escapes', () => {
  assert.equal(e('LIKE', str('hello'), str('h%o')), true);
  assert.equal(e('LIKE', str('hello'), str('h_llo')), true);
  assert.equal(e('LIKE', str('hello'), str('h_lo')), false);
  assert.equal(e('LIKE', str('a.c'), str('a.c')), true);
  assert.equal(e('LIKE', str('abc'), str('a.c')), false);
  assert.equal(e('LIKE', str('50%'), str('50!%'), str('!')), true);
  assert.equal(e('LIKE', str('500'), str('50!%'), str('!')), false);
  assert.equal(e('LIKE', str('a_b'), str('a\\_b'), str('\\')), true);
  assert.equal(e('NOT LIKE', str('abc'), str('a%')), false);
  assert.equal(e('LIKE', str('line1\nline2'), str('line1%')), true);
  assert.equal(e('LIKE', nul(), str('a')), null);
  assert.equal(e('SIMILAR TO', str('abc'), str('(a|x)%')), true);
  assert.equal(e('SIMILAR TO', str('xbc'), str('a%')), false);
});

test('concatenation: || and CONCAT are NULL if any is, CONCAT_WS skips NULLs', () => {
  assert.equal(e('||', str('a'), str('b')), 'ab');
  assert.equal(formatType(fn('||', lit('ab', Types.CHAR(2)), lit('c', Types.CHAR(1))).type), 'CHAR(3) NOT NULL');
  assert.equal(e('||', str('a'), nul()), null);
  assert.equal(e('CONCAT', str('a'), str('b'), str('c')), 'abc');
  assert.equal(e('CONCAT', str('a'), nul()), null);
  assert.equal(e('CONCAT_WS', str('-'), str('a'), nul(), str('c')), 'a-c');
  assert.equal(e('CONCAT_WS', nul(), str('a')), null);
  assert.throws(() => fn('||', str('a'), int(1)), /Cannot apply '\|\|'/);
});

test('SUBSTRING is 1-based with Flink edge cases', () => {
  assert.equal(e('SUBSTRING', str('hello'), int(2)), 'ello');
  assert.equal(e('SUBSTRING', str('hello'), int(2), int(3)), 'ell');
  assert.equal(e('SUBSTR', str('hello'), int(0), int(2)), 'he');
  assert.equal(e('SUBSTRING', str('hello'), int(-3)), 'llo');
  assert.equal(e('SUBSTRING', str('hello'), int(10)), '');
  assert.equal(e('SUBSTRING', str('hello'), int(4), int(10)), 'lo');
});

test('case, trim, length, position', () => {
  assert.equal(e('UPPER', str('aBc')), 'ABC');
  assert.equal(e('LOWER', str('aBc')), 'abc');
  assert.equal(evaluate(fnx('TRIM', { flags: { side: 'BOTH' } }, str(' '), str('  ab  '))), 'ab');
  assert.equal(evaluate(fnx('TRIM', { flags: { side: 'LEADING' } }, str('x'), str('xxabxx'))), 'abxx');
  assert.equal(evaluate(fnx('TRIM', { flags: { side: 'TRAILING' } }, str('x'), str('xxabxx'))), 'xxab');
  assert.equal(e('LTRIM', str('  ab ')), 'ab ');
  assert.equal(e('RTRIM', str(' ab  ')), ' ab');
  assert.equal(e('BTRIM', str('--ab--'), str('-')), 'ab');
  assert.equal(e('CHAR_LENGTH', str('héllo')), 5);
  assert.equal(e('CHARACTER_LENGTH', str('😀a')), 2);
  assert.equal(e('POSITION', str('lo'), str('hello')), 4);
  assert.equal(e('POSITION', str('z'), str('hello')), 0);
  assert.equal(e('LOCATE', str('l'), str('hello'), int(4)), 4);
  assert.throws(() => fn('UPPER', int(1)), /Cannot apply 'UPPER' to arguments of type 'UPPER\(<INTEGER>\)'. Supported form\(s\): 'UPPER\(<CHARACTER>\)'/);
});

test('REPLACE and regular expressions', () => {
  assert.equal(e('REPLACE', str('a.b.c'), str('.'), str('-')), 'a-b-c');
  assert.equal(e('REGEXP_EXTRACT', str('foothebar'), str('foo(.*?)(bar)'), int(2)), 'bar');
  assert.equal(e('REGEXP_EXTRACT', str('foothebar'), str('foo(.*?)(bar)'), int(1)), 'the');
  assert.equal(e('REGEXP_EXTRACT', str('foothebar'), str('foo(.*?)(bar)')), 'foothebar');
  assert.equal(e('REGEXP_EXTRACT', str('abc'), str('x(y)'), int(1)), null);
  assert.equal(e('REGEXP_REPLACE', str('foobar'), str('oo|ar'), str('')), 'fb');
  assert.equal(e('REGEXP_REPLACE', str('2020-01-02'), str('(\\d+)-(\\d+)-(\\d+)'), str('$3/$2/$1')), '02/01/2020');
  assert.equal(e('REGEXP', str('abc123'), str('\\d+')), true);
  assert.equal(e('REGEXP', str('abc'), str('^\\d+$')), false);
  assert.equal(e('REGEXP', str('abc'), str('(')), null); // an invalid pattern gives NULL
});

test('SPLIT_INDEX, padding, INITCAP and friends', () => {
  assert.equal(e('SPLIT_INDEX', str('a,b,c'), str(','), int(1)), 'b');
  assert.equal(e('SPLIT_INDEX', str('a,b,c'), str(','), int(3)), null);
  assert.equal(e('SPLIT_INDEX', str('a,b,c'), str(','), int(-1)), null);
  assert.equal(e('LPAD', str('hi'), int(4), str('??')), '??hi');
  assert.equal(e('LPAD', str('hi'), int(1), str('??')), 'h');
  assert.equal(e('RPAD', str('hi'), int(5), str('ab')), 'hiaba');
  assert.equal(e('LPAD', str('hi'), int(-1), str('?')), null);
  assert.equal(e('INITCAP', str('hello wORLD-foo')), 'Hello World-Foo');
  assert.equal(e('REVERSE', str('abc')), 'cba');
  assert.equal(e('REPEAT', str('ab'), int(3)), 'ababab');
  assert.equal(e('LEFT', str('hello'), int(2)), 'he');
  assert.equal(e('RIGHT', str('hello'), int(2)), 'lo');
  assert.equal(e('ASCII', str('A')), 65);
  assert.equal(e('CHR', int(97)), 'a');
  assert.equal(e('TO_BASE64', str('hello world')), 'aGVsbG8gd29ybGQ=');
  assert.equal(e('FROM_BASE64', str('aGVsbG8gd29ybGQ=')), 'hello world');
});

test('hashes and UUID', () => {
  assert.equal(e('MD5', str('')), 'd41d8cd98f00b204e9800998ecf8427e');
  assert.equal(e('SHA1', str('abc')), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(e('SHA256', str('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  const u = evaluate(fn('UUID')) as string;
  assert.match(u, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(fn('UUID').kind === 'call' && (fn('UUID') as { nonDeterministic?: boolean }).nonDeterministic);
  assert.equal(evaluate(fn('UPPER', col(0, Types.STRING())), [null]), null);
});

test('STR_TO_MAP splits entries and keys with the delimiters', () => {
  assert.deepEqual(e('STR_TO_MAP', str('a=1,b=2,c')), new Map([['a', '1'], ['b', '2'], ['c', null]]));
  assert.deepEqual(e('STR_TO_MAP', str('a:1;b:2'), str(';'), str(':')), new Map([['a', '1'], ['b', '2']]));
});

test('INSTR, OVERLAY, BIN and HEX', () => {
  assert.equal(e('INSTR', str('abcb'), str('c')), 3);
  assert.equal(e('INSTR', str('abcb'), str('z')), 0);
  assert.equal(e('OVERLAY', str('abcdef'), str('XY'), int(2), int(3)), 'aXYef');
  assert.equal(e('OVERLAY', str('abcdef'), str('XY'), int(2)), 'aXYdef');
  assert.equal(e('BIN', int(12)), '1100');
  assert.equal(e('BIN', int(-1)), '1'.repeat(64));
  assert.equal(e('HEX', int(255)), 'FF');
  assert.equal(e('HEX', str('ab')), '6162');
});

test('SUBSTRING, LEFT, RIGHT and the pads count code points', () => {
  assert.equal(e('SUBSTRING', str('a😀b'), int(2), int(1)), '😀');
  assert.equal(e('SUBSTRING', str('a😀b'), int(-1)), 'b');
  assert.equal(e('LEFT', str('😀😀x'), int(1)), '😀');
  assert.equal(e('RIGHT', str('x😀😀'), int(2)), '😀😀');
  assert.equal(e('RIGHT', str('abc'), int(5)), 'abc');
  assert.equal(e('LPAD', str('😀'), int(3), str('ab')), 'ab😀');
  assert.equal(e('RPAD', str('a'), int(3), str('😀')), 'a😀😀');
});

test('a NULL pattern or a pattern from a column', () => {
  assert.equal(e('LIKE', str('a'), nul()), null);
  assert.equal(evaluate(fn('LIKE', str('abc'), col(0, Types.STRING())), ['a%']), true);
  assert.equal(evaluate(fn('LIKE', str('abc'), col(0, Types.STRING())), ['b%']), false);
});

test('SPLIT and REGEXP_EXTRACT_ALL return arrays', () => {
  assert.deepEqual(e('SPLIT', str('a,b,,c'), str(',')), ['a', 'b', '', 'c']);
  assert.deepEqual(e('REGEXP_EXTRACT_ALL', str('100-200, 300-400'), str('(\\d+)-(\\d+)'), int(1)), ['100', '300']);
  assert.deepEqual(e('REGEXP_EXTRACT_ALL', str('a1b22'), str('\\d+')), ['1', '22']);
});
