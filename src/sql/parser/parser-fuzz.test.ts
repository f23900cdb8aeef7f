// Fuzz: random token sequences and random mutations of valid statements either parse (and then
// print and parse back to the same AST) or fail with a SqlParseError — never another exception.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SqlParseError } from '../sql-errors.ts';
import { formatStatement, parseStatements, splitStatements } from './index.ts';
import { stripPositions } from './parser-test-util.ts';
import { tokenize } from './tokenizer.ts';

const VALID = [
  "CREATE TABLE t (a INT NOT NULL, b AS a + 1, m STRING METADATA FROM 'k' VIRTUAL, PRIMARY KEY (a) NOT ENFORCED, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) PARTITIONED BY (a) WITH ('connector' = 'datagen')",
  "INSERT INTO s /*+ OPTIONS('a'='b') */ SELECT a, COUNT(*) AS c, MAX(b) FROM t WHERE a IN (1, 2) AND b LIKE 'x%' GROUP BY a HAVING COUNT(*) > 1",
  "SELECT window_start, SUM(x) FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end",
  'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY a ORDER BY ts DESC) AS rn FROM t) WHERE rn <= 3 ORDER BY a LIMIT 5',
  "SELECT CASE WHEN a THEN CAST(b AS DECIMAL(10, 2)) ELSE TRIM(LEADING 'x' FROM c) END, EXTRACT(YEAR FROM d), JSON_VALUE(j, '$.a' RETURNING INT NULL ON EMPTY) FROM t",
  'WITH x AS (SELECT 1 AS a) SELECT a FROM x UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT VALUES (4)',
  'SELECT * FROM a LEFT JOIN b FOR SYSTEM_TIME AS OF a.ts AS bb ON a.k = bb.k CROSS JOIN UNNEST(a.arr) AS u (v)',
  "BEGIN STATEMENT SET; INSERT INTO a SELECT 1; INSERT INTO b SELECT ARRAY[1, 2], MAP['k', 1], ROW(1, 'x'); END",
  "SET 'table.exec.state.ttl' = '1 h'", "SHOW TABLES FROM db LIKE 'a%'", 'EXPLAIN CHANGELOG_MODE SELECT a FROM t',
  "CREATE TEMPORARY VIEW v (x) AS SELECT a FROM t WHERE b IS NOT NULL", "ALTER TABLE t SET ('k' = 'v')",
  'SELECT SUM(x) OVER (ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), a[1], (b).c, - -x FROM t',
];

const VOCABULARY = [
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'BY', 'ORDER', 'HAVING', 'LIMIT', 'OFFSET', 'JOIN', 'LEFT', 'ON', 'USING', 'AS',
  'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'TRUE', 'LIKE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'CAST',
  'INTERVAL', 'SECOND', 'DAY', 'TO', 'TABLE', 'TUMBLE', 'DESCRIPTOR', 'LATERAL', 'UNNEST', 'WITH', 'VALUES', 'UNION',
  'ALL', 'DISTINCT', 'OVER', 'PARTITION', 'ROWS', 'PRECEDING', 'CURRENT', 'ROW', 'ARRAY', 'MAP', 'EXISTS', 'INSERT',
  'INTO', 'CREATE', 'VIEW', 'FUNCTION', 'DROP', 'SET', 'RESET', 'SHOW', 'TABLES', 'EXPLAIN', 'BEGIN', 'STATEMENT',
  'EXECUTE', 'WATERMARK', 'FOR', 'PRIMARY', 'KEY', 'METADATA', 'VIRTUAL', 'INT', 'STRING', 'TIMESTAMP', 'DECIMAL',
  'EXTRACT', 'TRIM', 'FLOOR', 'JSON_VALUE', 'JSON_OBJECT', 'COUNT', 'FILTER', 'DATE', 'a', 'b', 't', '`q`', "'s'",
  "'k'", '1', '2.5', '.5', '1e3', "X'0A'", '?', '(', ')', ',', ';', '.', '*', '+', '-', '/', '%', '=', '<>', '<', '>=',
  '||', '=>', '[', ']', '<', '>', ':', "/*+ OPTIONS('a'='b') */", '/* c */', '-- c\n',
];

/** Parses; on success checks print -> parse gives the same ASTs. Any error other than SqlParseError fails. */
function check(sql: string): void {
  let statements;
  try {
    statements = parseStatements(sql);
  } catch (e) {
    if (e instanceof SqlParseError) return;
    throw new Error(`${(e as Error).name} for ${JSON.stringify(sql)}: ${(e as Error).stack}`);
  }
  for (const st of statements) {
    const printed = formatStatement(st);
    const again = parseStatements(printed);
    assert.deepEqual(stripPositions(again), [stripPositions(st)], `round trip of ${JSON.stringify(sql)} printed ${JSON.stringify(printed)}`);
  }
  splitStatements(sql);
}

/** WEIR_FUZZ_SCALE=20 runs twenty times as many cases (for a longer hunt than the test suite's). */
const SCALE = Number(process.env['WEIR_FUZZ_SCALE'] ?? 1);

const tokenTexts = (sql: string): string[] => tokenize(sql).filter((t) => t.type !== 'eof').map((t) => t.text);

describe('parser fuzz', () => {
  it('the seed statements are valid', () => {
    for (const sql of VALID) assert.equal(parseStatements(sql).length, 1, sql);
  });

  it('random token sequences', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 30 }), (tokens) => check(tokens.join(' '))), { numRuns: 1500 * SCALE });
  });

  it('random statements built from a valid prefix and random tokens', () => {
    const arb = fc.tuple(fc.constantFrom(...VALID), fc.nat(), fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 8 }));
    fc.assert(fc.property(arb, ([sql, cut, tail]) => {
      const tokens = tokenTexts(sql);
      check([...tokens.slice(0, cut % (tokens.length + 1)), ...tail].join(' '));
    }), { numRuns: 1000 * SCALE });
  });

  it('token mutations of valid statements: deletions, insertions, swaps, duplications', () => {
    const mutation = fc.record({
      op: fc.constantFrom('delete', 'insert', 'swap', 'duplicate'),
      at: fc.nat(), other: fc.nat(), token: fc.constantFrom(...VOCABULARY),
    });
    const arb = fc.tuple(fc.constantFrom(...VALID), fc.array(mutation, { minLength: 1, maxLength: 3 }));
    fc.assert(fc.property(arb, ([sql, mutations]) => {
      const tokens = tokenTexts(sql);
      for (const m of mutations) {
        const i = m.at % (tokens.length + 1);
        const j = m.other % (tokens.length + 1);
        if (m.op === 'delete') tokens.splice(i, 1);
        else if (m.op === 'insert') tokens.splice(i, 0, m.token);
        else if (m.op === 'duplicate' && i < tokens.length) tokens.splice(i, 0, tokens[i]!);
        else if (m.op === 'swap' && i < tokens.length && j < tokens.length) [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
      }
      check(tokens.join(' '));
    }), { numRuns: 1500 * SCALE });
  });

  it('character mutations of valid statements', () => {
    const arb = fc.tuple(fc.constantFrom(...VALID), fc.array(fc.tuple(fc.nat(), fc.constantFrom('', "'", '`', '(', ')', ';', '-', '/*', '*/', 'x', ' ', '\n', '"', '\\', '€', '\u0000')), { minLength: 1, maxLength: 4 }));
    fc.assert(fc.property(arb, ([sql, edits]) => {
      let s = sql;
      for (const [at, text] of edits) {
        const i = at % (s.length + 1);
        s = text === '' ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + text + s.slice(i);
      }
      check(s);
    }), { numRuns: 1500 * SCALE });
  });

  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => check(s)), { numRuns: 1000 * SCALE });
  });
});
