// Parse errors name the offending token, what was expected, and its line and column (checked by
// counting characters in each statement by hand), also across lines and with script offsets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlParseError } from '../sql-errors.ts';
import { parseDataType, parseExpression, parseQuery, parseStatement, parseStatements } from './index.ts';

function fails(parse: () => unknown, line: number, column: number, reason: string): void {
  assert.throws(parse, (e: unknown) => {
    assert.ok(e instanceof SqlParseError, `not a SqlParseError: ${String(e)}`);
    assert.equal(e.message, `SQL parse error at line ${line}, column ${column}: ${reason}`);
    assert.deepEqual(e.pos, { line, column });
    return true;
  });
}

describe('parse errors', () => {
  const cases: [string, number, number, string][] = [
    // the example of the issue
    ['SELECT a\nFROM t\nWHERE (a = 1 FROM u', 3, 14, "expected ')' but found 'FROM'"],
    // an unexpected keyword on the third line
    ['SELECT a,\n  b\nFROM t WHERE (FROM', 3, 15, "expected an expression but found 'FROM'"],
    ['SELECT a,\n  b\nFROM t WHERE (a = 1 FROM u', 3, 21, "expected ')' but found 'FROM'"],
    ['SELEC 1', 1, 1, "expected a statement (SELECT, INSERT, CREATE, DROP, ALTER, SHOW, DESCRIBE, USE, SET, RESET, EXPLAIN, ...) but found 'SELEC'"],
    ['SELECT * FROM', 1, 14, 'unexpected end of input, expected a table name'],
    ['SELECT a\nFROM t\nWHERE\n\n', 3, 6, 'unexpected end of input, expected an expression'],
    ['CREATE TABLE t (\n  a INT,\n)', 3, 1, "expected a column name, WATERMARK, PRIMARY KEY or CONSTRAINT but found ')'"],
    ['CREATE TABLE t (a INTT)', 1, 19, "expected a data type but found 'INTT'"],
    ['CREATE TABLE t (a INT PRIMARY KEY, b INT)', 1, 34, "expected 'NOT ENFORCED' but found ',': primary keys are not enforced (Flink does not own the data), so only NOT ENFORCED is supported"],
    ['CREATE TABLE t (a INT, PRIMARY KEY (a) ENFORCED)', 1, 40, "expected 'NOT ENFORCED' but found 'ENFORCED': primary keys are not enforced (Flink does not own the data), so only NOT ENFORCED is supported"],
    ['CREATE TABLE t (a INT, PRIMARY KEY (a)', 1, 39, "expected 'NOT ENFORCED' but found end of input: primary keys are not enforced (Flink does not own the data), so only NOT ENFORCED is supported"],
    ["CREATE TABLE t (a INT) WITH (connector = 'x')", 1, 30, "expected an option key as a string literal such as 'connector' but found 'connector'"],
    ['INSERT t SELECT 1', 1, 8, "expected 'INTO' but found 't'"],
    ['SELECT CAST(a AS) FROM t', 1, 17, "expected a data type but found ')'"],
    ['SELECT a FROM t GROUP a', 1, 23, "expected 'BY' but found 'a'"],
    ['SELECT a FROM t ORDER a', 1, 23, "expected 'BY' but found 'a'"],
    ['SELECT * FROM t1 JOIN t2', 1, 25, "unexpected end of input, expected 'ON' or 'USING'"],
    ['SELECT 1 2', 1, 10, "expected end of statement but found '2'"],
    ['SELECT f(a,)', 1, 12, "expected an expression but found ')'"],
    ['SELECT a FROM t WHERE a IS 5', 1, 28, "expected 'NULL', 'TRUE', 'FALSE', 'UNKNOWN', 'JSON' or 'DISTINCT FROM' but found '5'"],
    ['SELECT INTERVAL 5 SECOND', 1, 17, "expected a quoted interval value such as '10' but found '5'"],
    ["SELECT INTERVAL '5' SECONDZ", 1, 21, "expected a time unit (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND) but found 'SECONDZ'"],
    ["SELECT * FROM t /*+ OPTIONS('a') x */", 1, 34, "expected ',' or '*/' but found 'x'"],
    ['SELECT CASE END', 1, 13, "expected 'WHEN' but found 'END'"],
    ['SELECT a FROM t WHERE a NOT 1', 1, 25, "expected end of statement but found 'NOT'"],
    ['SHOW TABLESS', 1, 6, "expected 'TABLES', 'VIEWS', 'FUNCTIONS', 'USER FUNCTIONS', 'CATALOGS', 'DATABASES', 'CURRENT CATALOG', 'CURRENT DATABASE', 'JOBS', 'MODULES', 'COLUMNS' or 'CREATE' but found 'TABLESS'"],
    ['DROP INDEX i', 1, 6, "expected 'TABLE', 'VIEW', 'FUNCTION', 'CATALOG', 'DATABASE' but found 'INDEX'"],
    ['ALTER TABLE t ADD c INT', 1, 15, "expected 'SET', 'RESET' or 'RENAME TO' but found 'ADD'"],
    ['EXPLAIN DROP TABLE t', 1, 9, "expected a query, INSERT or STATEMENT SET to explain (or a detail: ESTIMATED_COST, CHANGELOG_MODE, JSON_EXECUTION_PLAN, PLAN_ADVICE) but found 'DROP'"],
    ['BEGIN STATEMENT SET;\nSELECT 1;\nEND;', 2, 1, "expected 'INSERT' or 'END' but found 'SELECT'"],
    ['', 1, 1, 'empty statement: expected a statement (SELECT, INSERT, CREATE, ...)'],
    ['SELECT * FROM t AS', 1, 19, 'unexpected end of input, expected an alias'],
    ['SELECT `a', 1, 8, 'unterminated quoted identifier'],
    ['SELECT a FROM t WHERE b = TIMESTAMP WITH TIME ZONE', 1, 37, "expected end of statement but found 'WITH'"],
    ['SELECT CAST(a AS TIMESTAMP WITH TIME ZONE)', 1, 28, 'TIMESTAMP WITH TIME ZONE is not supported; use TIMESTAMP_LTZ or TIMESTAMP WITH LOCAL TIME ZONE'],
  ];
  for (const [sql, line, column, reason] of cases) {
    it(`${JSON.stringify(sql)}: ${reason}`, () => fails(() => parseStatement(sql), line, column, reason));
  }

  it('parseStatements names the token after a complete statement', () => {
    fails(() => parseStatements('SELECT 1;\nSELECT 2 3;'), 2, 10, "expected ';' or end of input but found '3'");
  });

  it('reports script-relative positions with line and column offsets', () => {
    fails(() => parseStatement('SELECT (1', { lineOffset: 4, columnOffset: 10 }), 5, 20, "unexpected end of input, expected ')'");
    fails(() => parseStatement('SELECT\n(1 +', { lineOffset: 4, columnOffset: 10 }), 6, 5, 'unexpected end of input, expected an expression');
  });

  it('the other entry points reject trailing tokens', () => {
    fails(() => parseExpression('a + b c'), 1, 7, "expected end of input but found 'c'");
    fails(() => parseQuery('SELECT 1; SELECT 2'), 1, 9, "expected end of input but found ';'");
    fails(() => parseDataType('MAP<INT>'), 1, 8, "expected ',' but found '>'");
  });

  it('names a string literal in its own quotes, and long tokens by their first characters', () => {
    fails(() => parseStatement("SELECT 1 'abc'"), 1, 10, "expected end of statement but found 'abc'");
    fails(() => parseStatement(`SELECT 1 '${'x'.repeat(50)}'`), 1, 10, `expected end of statement but found '${'x'.repeat(37)}...'`);
    fails(() => parseStatement(`SELECT 1 AS a ${'y'.repeat(50)}`), 1, 15, `expected end of statement but found '${'y'.repeat(37)}...'`);
  });
});

describe('deep nesting', () => {
  it('fails with a parse error, not a stack overflow', () => {
    for (const sql of [
      `SELECT ${'('.repeat(5000)}1${')'.repeat(5000)}`,
      `SELECT ${'NOT '.repeat(5000)}a`,
      `SELECT ${'- '.repeat(5000)}a`,
      `${'('.repeat(5000)}SELECT 1`,
      `SELECT * FROM ${'('.repeat(5000)}t`,
      `SELECT CAST(a AS ${'ARRAY<'.repeat(5000)}INT)`,
      `SELECT ${'f('.repeat(5000)}`,
    ]) {
      assert.throws(() => parseStatement(sql), (e: unknown) => e instanceof SqlParseError && /nested too deeply \(more than 400 levels\)/.test(e.message), sql.slice(0, 30));
    }
  });

  it('accepts reasonable nesting', () => {
    assert.equal(parseStatement(`SELECT ${'('.repeat(100)}1${')'.repeat(100)}`).kind, 'QueryStatement');
    assert.equal(parseStatement(`SELECT ${Array.from({ length: 2000 }, (_, i) => `a${i}`).join(' + ')} FROM t`).kind, 'QueryStatement');
  });
});
