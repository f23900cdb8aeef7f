// Expressions: precedence and associativity, every expression kind's AST, special-syntax functions,
// literals and data types; each also round-trips through the printer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Expr } from '../ast/ast.ts';
import { formatExpr, formatType, parseDataType, parseExpression } from './index.ts';
import { stripPositions } from './parser-test-util.ts';

/** A compact fully-parenthesised rendering of the tree, to check grouping by hand. */
function shape(e: Expr): string {
  switch (e.kind) {
    case 'Literal': return e.value === null ? 'null' : String(e.value);
    case 'ColumnRef': return e.name.parts.map((p) => p.name).join('.');
    case 'BinaryExpr': return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'UnaryExpr': return `(${e.op} ${shape(e.operand)})`;
    case 'IsExpr': return `(${shape(e.operand)} IS ${e.negated ? 'NOT ' : ''}${e.test})`;
    case 'BetweenExpr': return `(${shape(e.operand)} ${e.negated ? 'NOT ' : ''}BETWEEN ${shape(e.low)} ${shape(e.high)})`;
    case 'LikeExpr': return `(${shape(e.operand)} ${e.negated ? 'NOT ' : ''}LIKE ${shape(e.pattern)})`;
    case 'InListExpr': return `(${shape(e.operand)} ${e.negated ? 'NOT ' : ''}IN [${e.list.map(shape).join(', ')}])`;
    case 'FunctionCall': return `${e.name.parts.map((p) => p.name).join('.')}(${e.args.map(shape).join(', ')})`;
    case 'ItemAccess': return `${shape(e.operand)}[${shape(e.index)}]`;
    case 'FieldAccess': return `${shape(e.operand)}.${e.field.name}`;
    case 'ExistsExpr': return `${e.negated ? 'NOT ' : ''}EXISTS`;
    default: return e.kind;
  }
}

/** Parses, checks the print parses back to the same tree, and returns the tree. */
function expr(sql: string): Expr {
  const e = parseExpression(sql);
  const printed = formatExpr(e);
  assert.deepEqual(stripPositions(parseExpression(printed)), stripPositions(e), `printed: ${printed}`);
  return e;
}

describe('operator precedence', () => {
  for (const [sql, expected] of [
    ['a OR b AND c', '(a OR (b AND c))'],
    ['a AND b OR c', '((a AND b) OR c)'],
    ['NOT a AND b', '((NOT a) AND b)'],
    ['NOT a = b', '(NOT (a = b))'],
    ['a = b AND c <> d', '((a = b) AND (c <> d))'],
    ['a != b', '(a <> b)'],
    ['a || b = c', '((a || b) = c)'],
    ['a + b || c', '((a + b) || c)'],
    ['a + b * c - d', '((a + (b * c)) - d)'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b % c', '((a / b) % c)'],
    ['-a * b', '((- a) * b)'],
    ['- -a', '(- (- a))'],
    ['a * -b', '(a * (- b))'],
    ['(a + b) * c', '((a + b) * c)'],
    ['a IS NULL OR b IS NOT TRUE', '((a IS NULL) OR (b IS NOT TRUE))'],
    ['a + 1 IS UNKNOWN', '((a + 1) IS UNKNOWN)'],
    ['a BETWEEN 1 AND 2 AND b', '((a BETWEEN 1 2) AND b)'],
    ['a NOT BETWEEN b + 1 AND c * 2', '(a NOT BETWEEN (b + 1) (c * 2))'],
    ['a NOT LIKE \'x%\' OR b LIKE c || \'%\'', '((a NOT LIKE x%) OR (b LIKE (c || %)))'],
    ['a IN (1, 2) AND b NOT IN (3)', '((a IN [1, 2]) AND (b NOT IN [3]))'],
    ['NOT EXISTS (SELECT 1) OR x', '(NOT EXISTS OR x)'],
    ['NOT (EXISTS (SELECT 1))', '(NOT EXISTS)'],
    ['a[1][2]', 'a[1][2]'],
    ['f(x).g', 'f(x).g'],
    ['t.a.b', 't.a.b'],
  ] as const) {
    it(`${sql}  ->  ${expected}`, () => assert.equal(shape(expr(sql)), expected));
  }

  it('a parenthesised subquery inside parentheses is still an expression', () => {
    assert.equal(formatExpr(expr('((SELECT MAX(a) FROM t) + 1) * 2')), '((SELECT MAX(a) FROM t) + 1) * 2');
    assert.equal(formatExpr(expr('x IN ((SELECT 1), 2)')), 'x IN ((SELECT 1), 2)');
    assert.equal(expr('x IN ((SELECT 1) UNION (SELECT 2))').kind, 'InSubqueryExpr');
  });

  it('IS [NOT] DISTINCT FROM is a binary operator', () => {
    assert.equal(shape(expr('a IS NOT DISTINCT FROM b + 1')), '(a IS NOT DISTINCT FROM (b + 1))');
    assert.equal(shape(expr('a IS DISTINCT FROM b')), '(a IS DISTINCT FROM b)');
  });

  it('x op ANY | SOME | ALL (query) is a quantified InSubqueryExpr; other uses of the words stay as they were', () => {
    const e = expr('a + 1 > ALL (SELECT b FROM t) AND c = SOME (SELECT d FROM u)');
    assert.equal(e.kind, 'BinaryExpr');
    if (e.kind !== 'BinaryExpr') return;
    const [l, r] = [e.left, e.right];
    assert.ok(l.kind === 'InSubqueryExpr' && r.kind === 'InSubqueryExpr');
    assert.deepEqual([l.quantifier, shape(l.operand), l.negated], [{ op: '>', kind: 'ALL' }, '(a + 1)', false]);
    assert.deepEqual(r.quantifier, { op: '=', kind: 'SOME' });
    for (const [sql, printed] of [
      ['x != ANY (SELECT 1)', 'x <> ANY (SELECT 1)'],
      ['x <= all (SELECT y FROM t)', 'x <= ALL (SELECT y FROM t)'],
      ['(a = b) >= SOME (SELECT c FROM t)', '(a = b) >= SOME (SELECT c FROM t)'],
      ['NOT x = ANY ((SELECT 1) UNION (SELECT 2))', 'NOT x = ANY (SELECT 1 UNION SELECT 2)'],
    ] as const) assert.equal(formatExpr(expr(sql)), printed);
    assert.equal(shape(expr('NOT x < ALL (SELECT 1)')), '(NOT InSubqueryExpr)');
    assert.equal(shape(expr('x = `ALL`')), '(x = ALL)');
    assert.throws(() => parseExpression('x = ANY (1, 2)'), /a subquery after = ANY \(/);
  });

  it('IS [NOT] JSON [VALUE | OBJECT | ARRAY | SCALAR] is a predicate at comparison level', () => {
    assert.equal(shape(expr("s IS JSON")), '(s IS JSON)');
    assert.equal(shape(expr("s IS NOT JSON")), '(s IS NOT JSON)');
    assert.equal(shape(expr("s IS JSON VALUE")), '(s IS JSON VALUE)');
    assert.equal(shape(expr("s IS NOT JSON OBJECT AND t IS JSON ARRAY")), '((s IS NOT JSON OBJECT) AND (t IS JSON ARRAY))');
    assert.equal(shape(expr("a || b IS JSON SCALAR")), '((a || b) IS JSON SCALAR)');
    assert.equal(formatExpr(expr("s IS NOT JSON SCALAR")), 's IS NOT JSON SCALAR');
    assert.equal(formatExpr(expr("'[1]' IS JSON")), "'[1]' IS JSON");
    assert.throws(() => parseExpression('s IS JSONB'), /'JSON'/);
  });
});

describe('expression ASTs', () => {
  const id = (name: string, quoted = false) => ({ kind: 'Ident', name, quoted });
  const col = (...parts: string[]) => ({ kind: 'ColumnRef', name: { kind: 'QualifiedName', parts: parts.map((p) => id(p)) } });
  const num = (value: string) => ({ kind: 'Literal', type: 'numeric', value });
  const str = (value: string) => ({ kind: 'Literal', type: 'string', value });
  const type = (name: string, params: number[] = [], more: object = {}) =>
    ({ kind: 'TypeSpec', name, params, elementTypes: [], fields: [], nullable: true, ...more });
  const fn = (name: string, args: object[], more: object = {}) =>
    ({ kind: 'FunctionCall', name: { kind: 'QualifiedName', parts: [id(name)] }, args, distinct: false, ...more });
  const check = (sql: string, expected: object) => it(sql, () => assert.deepEqual(stripPositions(expr(sql)), expected));

  check("'it''s'", str("it's"));
  check('1.50', num('1.50'));
  check('1e3', num('1e3'));
  check('TRUE', { kind: 'Literal', type: 'boolean', value: true });
  check('NULL', { kind: 'Literal', type: 'null', value: null });
  check("DATE '2020-01-01'", { kind: 'Literal', type: 'date', value: '2020-01-01' });
  check("TIME '10:00:00'", { kind: 'Literal', type: 'time', value: '10:00:00' });
  check("TIMESTAMP '2020-01-01 10:00:00.123'", { kind: 'Literal', type: 'timestamp', value: '2020-01-01 10:00:00.123' });
  check("X'0aff'", { kind: 'Literal', type: 'binary', value: '0AFF' });
  check("INTERVAL '10' SECOND", { kind: 'IntervalLiteral', value: '10', negative: false, unit: 'SECOND' });
  check("INTERVAL '10' SECOND(3)", { kind: 'IntervalLiteral', value: '10', negative: false, unit: 'SECOND' });
  check("INTERVAL '1-2' YEAR TO MONTH", { kind: 'IntervalLiteral', value: '1-2', negative: false, unit: 'YEAR', toUnit: 'MONTH' });
  check("INTERVAL -'1 02:03' DAY(2) TO MINUTE", { kind: 'IntervalLiteral', value: '1 02:03', negative: true, unit: 'DAY', toUnit: 'MINUTE' });
  check("INTERVAL '5' MINUTES", { kind: 'IntervalLiteral', value: '5', negative: false, unit: 'MINUTE' });
  check('?', { kind: 'Param', index: 1 });
  check('COUNT(*)', fn('COUNT', [{ kind: 'Star' }]));
  check('count(DISTINCT a)', { ...fn('count', [col('a')]), distinct: true });
  check('SUM(x) FILTER (WHERE x > 0)', { ...fn('SUM', [col('x')]), filter: { kind: 'BinaryExpr', op: '>', left: col('x'), right: num('0') } });
  check('CURRENT_TIMESTAMP', { ...fn('CURRENT_TIMESTAMP', []), noParens: true });
  check('localtimestamp', { ...fn('localtimestamp', []), noParens: true });
  check('NOW()', fn('NOW', []));
  check('db.my_fn(1)', { kind: 'FunctionCall', name: { kind: 'QualifiedName', parts: [id('db'), id('my_fn')] }, args: [num('1')], distinct: false });
  check('LEFT(s, 2)', fn('LEFT', [col('s'), num('2')]));
  check('CAST(a AS DECIMAL(10, 2))', { kind: 'CastExpr', operand: col('a'), type: type('DECIMAL', [10, 2]), safe: false });
  check('TRY_CAST(a AS INT)', { kind: 'CastExpr', operand: col('a'), type: type('INT'), safe: true });
  check('CASE WHEN a THEN 1 ELSE 2 END', { kind: 'CaseExpr', whens: [{ when: col('a'), then: num('1') }], else: num('2') });
  check('CASE a WHEN 1 THEN \'x\' WHEN 2 THEN \'y\' END', {
    kind: 'CaseExpr', operand: col('a'), whens: [{ when: num('1'), then: str('x') }, { when: num('2'), then: str('y') }],
  });
  check('a BETWEEN SYMMETRIC 2 AND 1', { kind: 'BetweenExpr', operand: col('a'), low: num('2'), high: num('1'), negated: false, symmetric: true });
  check("a LIKE 'x!%' ESCAPE '!'", { kind: 'LikeExpr', operand: col('a'), pattern: str('x!%'), escape: str('!'), negated: false, similar: false });
  check("a NOT SIMILAR TO 'x+'", { kind: 'LikeExpr', operand: col('a'), pattern: str('x+'), negated: true, similar: true });
  check('EXTRACT(YEAR FROM ts)', { kind: 'ExtractExpr', unit: 'YEAR', operand: col('ts') });
  check('FLOOR(ts TO HOUR)', { kind: 'FloorCeilToExpr', fn: 'FLOOR', operand: col('ts'), unit: 'HOUR' });
  check('CEILING(ts TO DAY)', { kind: 'FloorCeilToExpr', fn: 'CEIL', operand: col('ts'), unit: 'DAY' });
  check('FLOOR(x)', fn('FLOOR', [col('x')]));
  check("POSITION('a' IN s)", { kind: 'PositionExpr', needle: str('a'), haystack: col('s') });
  check('TRIM(s)', { kind: 'TrimExpr', side: 'BOTH', operand: col('s') });
  check("TRIM(TRAILING 'x' FROM s)", { kind: 'TrimExpr', side: 'TRAILING', chars: str('x'), operand: col('s') });
  check('TRIM(LEADING FROM s)', { kind: 'TrimExpr', side: 'LEADING', operand: col('s') });
  check('SUBSTRING(s FROM 2 FOR 3)', { kind: 'SubstringExpr', operand: col('s'), start: num('2'), length: num('3') });
  check('SUBSTRING(s, 2)', fn('SUBSTRING', [col('s'), num('2')]));
  check("OVERLAY(s PLACING 'XY' FROM 2 FOR 3)", fn('OVERLAY', [col('s'), str('XY'), num('2'), num('3')]));
  check("OVERLAY(s PLACING 'XY' FROM 2)", fn('OVERLAY', [col('s'), str('XY'), num('2')]));
  check('TIMESTAMPDIFF(DAY, a, b)', { kind: 'TimestampAddExpr', fn: 'TIMESTAMPDIFF', unit: 'DAY', args: [col('a'), col('b')] });
  check('TIMESTAMPADD(HOUR, 1, ts)', { kind: 'TimestampAddExpr', fn: 'TIMESTAMPADD', unit: 'HOUR', args: [num('1'), col('ts')] });
  check("JSON_VALUE(j, '$.a' RETURNING INT DEFAULT -1 ON EMPTY ERROR ON ERROR)", {
    kind: 'JsonCall', fn: 'JSON_VALUE', args: [col('j'), str('$.a')], returning: type('INT'),
    onEmpty: { behavior: 'DEFAULT', default: { kind: 'UnaryExpr', op: '-', operand: num('1') } }, onError: { behavior: 'ERROR' },
  });
  check("JSON_QUERY(j, '$.a' WITH CONDITIONAL ARRAY WRAPPER EMPTY ARRAY ON EMPTY)", {
    kind: 'JsonCall', fn: 'JSON_QUERY', args: [col('j'), str('$.a')], wrapper: 'WITH CONDITIONAL', onEmpty: { behavior: 'EMPTY ARRAY' },
  });
  check("JSON_QUERY(j, '$' WITH ARRAY WRAPPER)", { kind: 'JsonCall', fn: 'JSON_QUERY', args: [col('j'), str('$')], wrapper: 'WITH UNCONDITIONAL' });
  check("JSON_EXISTS(j, '$.a' FALSE ON ERROR)", { kind: 'JsonCall', fn: 'JSON_EXISTS', args: [col('j'), str('$.a')], onError: { behavior: 'FALSE' } });
  check("JSON_OBJECT(KEY 'a' VALUE 1, 'b' VALUE x ABSENT ON NULL)", {
    kind: 'JsonCall', fn: 'JSON_OBJECT', args: [], entries: [{ key: str('a'), value: num('1') }, { key: str('b'), value: col('x') }], onNull: 'ABSENT',
  });
  check('JSON_ARRAY(1, x NULL ON NULL)', { kind: 'JsonCall', fn: 'JSON_ARRAY', args: [num('1'), col('x')], onNull: 'NULL' });
  check('JSON_ARRAYAGG(x ORDER BY y DESC ABSENT ON NULL)', {
    ...fn('JSON_ARRAYAGG', [col('x')]), orderBy: [{ expr: col('y'), direction: 'DESC' }], onNull: 'ABSENT',
  });
  check('JSON_OBJECTAGG(KEY k VALUE v)', fn('JSON_OBJECTAGG', [col('k'), col('v')]));
  check('ROW(1, a)', { kind: 'RowConstructor', values: [num('1'), col('a')], explicit: true });
  check('(1, a)', { kind: 'RowConstructor', values: [num('1'), col('a')], explicit: false });
  check('ARRAY[1, 2]', { kind: 'ArrayConstructor', values: [num('1'), num('2')] });
  check("MAP['a', 1, 'b', 2]", { kind: 'MapConstructor', entries: [{ key: str('a'), value: num('1') }, { key: str('b'), value: num('2') }] });
  check("m['k']", { kind: 'ItemAccess', operand: col('m'), index: str('k') });
  check('(a).b', { kind: 'FieldAccess', operand: col('a'), field: id('b') });
  check('ROW_NUMBER() OVER (PARTITION BY a ORDER BY ts DESC NULLS LAST)', {
    kind: 'OverExpr', call: fn('ROW_NUMBER', []),
    window: { kind: 'WindowSpec', partitionBy: [col('a')], orderBy: [{ expr: col('ts'), direction: 'DESC', nulls: 'LAST' }] },
  });
  check('SUM(x) OVER (ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)', {
    kind: 'OverExpr', call: fn('SUM', [col('x')]),
    window: { kind: 'WindowSpec', partitionBy: [], orderBy: [{ expr: col('ts'), direction: 'ASC' }], frame: { unit: 'ROWS', start: { type: 'PRECEDING', offset: num('10') }, end: { type: 'CURRENT ROW' } } },
  });
  check('SUM(x) OVER w', { kind: 'OverExpr', call: fn('SUM', [col('x')]), window: { kind: 'WindowSpec', ref: id('w'), partitionBy: [], orderBy: [] } });
  check('`Weird Name`.`x``y`', col('Weird Name', 'x`y') && { kind: 'ColumnRef', name: { kind: 'QualifiedName', parts: [id('Weird Name', true), id('x`y', true)] } });
  check('value + type', { kind: 'BinaryExpr', op: '+', left: col('value'), right: col('type') });
  check('dateTime - INTERVAL \'4\' SECOND', {
    kind: 'BinaryExpr', op: '-', left: col('dateTime'), right: { kind: 'IntervalLiteral', value: '4', negative: false, unit: 'SECOND' },
  });
  check('x IN (SELECT 1)', {
    kind: 'InSubqueryExpr', operand: col('x'), negated: false,
    query: { kind: 'Query', with: [], orderBy: [], body: { kind: 'Select', hints: [], distinct: false, items: [{ kind: 'SelectItem', expr: num('1') }], windows: [] } },
  });
});

describe('data types', () => {
  const cases: [string, string][] = [
    ['INTEGER', 'INT'], ['INT NOT NULL', 'INT NOT NULL'], ['DEC(10, 2)', 'DECIMAL(10, 2)'], ['NUMERIC', 'DECIMAL'],
    ['DOUBLE PRECISION', 'DOUBLE'], ['REAL', 'FLOAT'], ['VARCHAR(20)', 'VARCHAR(20)'], ['CHARACTER VARYING(5)', 'VARCHAR(5)'],
    ['CHAR(3)', 'CHAR(3)'], ['BINARY VARYING(4)', 'VARBINARY(4)'], ['BYTES', 'BYTES'], ['STRING NULL', 'STRING'],
    ['TIMESTAMP(3) WITHOUT TIME ZONE', 'TIMESTAMP(3)'], ['TIMESTAMP WITH LOCAL TIME ZONE', 'TIMESTAMP_LTZ'],
    ['TIMESTAMP(6) WITH LOCAL TIME ZONE', 'TIMESTAMP_LTZ(6)'], ['TIMESTAMP_LTZ(3)', 'TIMESTAMP_LTZ(3)'], ['TIME(0)', 'TIME(0)'],
    ['ARRAY<INT NOT NULL>', 'ARRAY<INT NOT NULL>'], ['INT ARRAY', 'ARRAY<INT>'], ['STRING NOT NULL MULTISET NOT NULL', 'MULTISET<STRING NOT NULL> NOT NULL'],
    ['MAP<STRING, ARRAY<INT>>', 'MAP<STRING, ARRAY<INT>>'], ['ROW<a INT, `b c` STRING \'doc\'>', 'ROW<a INT, `b c` STRING \'doc\'>'],
    ['ROW(a INT, b ROW(c DOUBLE))', 'ROW<a INT, b ROW<c DOUBLE>>'], ['INTERVAL DAY TO SECOND(3)', 'INTERVAL DAY(2) TO SECOND(3)'],
    ['INTERVAL YEAR(4) TO MONTH', 'INTERVAL YEAR(4) TO MONTH'], ['INTERVAL SECOND(3)', 'INTERVAL SECOND(3)'],
  ];
  for (const [sql, printed] of cases) {
    it(`${sql} prints as ${printed} and reads back`, () => {
      const t = parseDataType(sql);
      assert.equal(formatType(t), printed);
      assert.deepEqual(stripPositions(parseDataType(printed)), stripPositions(t));
    });
  }

  it('ROW fields keep names, types and comments', () => {
    assert.deepEqual(stripPositions(parseDataType("ROW<a INT 'x'>")).fields, [
      { name: { kind: 'Ident', name: 'a', quoted: false }, type: { kind: 'TypeSpec', name: 'INT', params: [], elementTypes: [], fields: [], nullable: true }, comment: 'x' },
    ]);
  });

  it('interval types keep their units', () => {
    const t = parseDataType('INTERVAL YEAR TO MONTH');
    assert.equal(t.intervalUnit, 'YEAR');
    assert.equal(t.intervalToUnit, 'MONTH');
  });
});
