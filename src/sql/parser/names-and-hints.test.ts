// Identifier rules (unquoted keep their spelling and compare case-insensitively downstream,
// back-quoted are exact, reserved words need quotes), comments anywhere, and hints with positions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NamedTable, QueryStatement, Select } from '../ast/ast.ts';
import { SqlParseError } from '../sql-errors.ts';
import { formatStatement, parseExpression, parseStatement } from './index.ts';
import { assertRoundTrip, stripPositions } from './parser-test-util.ts';

const select = (sql: string): Select => ((parseStatement(sql) as QueryStatement).query.body as Select);

describe('identifiers', () => {
  it('unquoted names keep their spelling and are marked unquoted', () => {
    const s = select('SELECT dateTime, MyCol AS Alias FROM Db.Tbl');
    assert.deepEqual(stripPositions(s.items.map((i) => i.expr)), [
      { kind: 'ColumnRef', name: { kind: 'QualifiedName', parts: [{ kind: 'Ident', name: 'dateTime', quoted: false }] } },
      { kind: 'ColumnRef', name: { kind: 'QualifiedName', parts: [{ kind: 'Ident', name: 'MyCol', quoted: false }] } },
    ]);
    assert.deepEqual(stripPositions(s.items[1]!.alias), { kind: 'Ident', name: 'Alias', quoted: false });
    assert.deepEqual((s.from as NamedTable).name.parts.map((p) => p.name), ['Db', 'Tbl']);
  });

  it('back-quoted names are exact, may contain anything, and print back quoted', () => {
    const st = assertRoundTrip('SELECT `Order Id`, `a``b`, `select`, `日付` FROM `my-db`.`t`');
    const s = (st as QueryStatement).query.body as Select;
    assert.deepEqual(s.items.map((i) => i.expr.kind === 'ColumnRef' && i.expr.name.parts[0]), [
      { kind: 'Ident', pos: { line: 1, column: 8 }, name: 'Order Id', quoted: true },
      { kind: 'Ident', pos: { line: 1, column: 20 }, name: 'a`b', quoted: true },
      { kind: 'Ident', pos: { line: 1, column: 28 }, name: 'select', quoted: true },
      { kind: 'Ident', pos: { line: 1, column: 38 }, name: '日付', quoted: true },
    ]);
  });

  it('non-reserved keywords are names without quotes', () => {
    const st = assertRoundTrip('CREATE TABLE t (value STRING, type INT, name STRING, data BYTES, user STRING, `timestamp` TIMESTAMP(3), key INT, comment STRING, watermark INT)');
    assert.equal(st.kind === 'CreateTable' && st.columns.map((c) => c.name.name).join(','), 'value,type,name,data,user,timestamp,key,comment,watermark');
    assertRoundTrip('SELECT value, type, name, data, user, date, time, position, year, partition FROM t AS source');
  });

  it('reserved words need quotes', () => {
    assert.throws(() => parseStatement('SELECT from FROM t'), SqlParseError);
    assert.throws(() => parseStatement('CREATE TABLE t (select INT)'), /expected a column name, WATERMARK, PRIMARY KEY or CONSTRAINT but found 'select'/);
    assert.equal(formatStatement(parseStatement('SELECT `from` FROM `table`')), 'SELECT `from` FROM `table`');
  });

  it('keywords are case-insensitive', () => {
    assert.deepEqual(stripPositions(parseStatement('select A from T where B is not null')), stripPositions(parseStatement('SELECT A FROM T WHERE B IS NOT NULL')));
  });

  it('a reserved word after a dot is a field name', () => {
    assert.deepEqual(stripPositions(parseExpression('f(x).`value`')), stripPositions(parseExpression('f(x).`value`')));
    const e = parseExpression('f(x).end');
    assert.equal(e.kind === 'FieldAccess' && e.field.name, 'end');
  });
});

describe('comments', () => {
  it('are skipped anywhere between tokens, keeping positions', () => {
    const sql = '-- leading\nSELECT /* inline */ a, -- trailing\n  /* multi\n line */ b\nFROM t -- end';
    const s = select(sql);
    assert.equal(s.items.length, 2);
    assert.deepEqual(s.items[1]!.pos, { line: 4, column: 10 });
    assert.deepEqual(stripPositions(parseStatement(sql)), stripPositions(parseStatement('SELECT a, b FROM t')));
  });

  it('-- inside a string is not a comment and /* */ inside a string is text', () => {
    const s = select("SELECT '-- no', '/* no */' FROM t");
    assert.deepEqual(s.items.map((i) => i.expr.kind === 'Literal' && i.expr.value), ['-- no', '/* no */']);
  });
});

describe('hints', () => {
  it('on a table: OPTIONS with key-value pairs and their positions', () => {
    const s = select("SELECT * FROM src /*+ OPTIONS('scan.startup.mode' = 'earliest-offset', 'a'='b') */ s");
    const t = s.from as NamedTable;
    assert.deepEqual(stripPositions(t.hints), [
      { kind: 'Hint', name: 'OPTIONS', options: [{ key: 'scan.startup.mode', value: 'earliest-offset' }, { key: 'a', value: 'b' }], args: [] },
    ]);
    assert.deepEqual(t.hints[0]!.pos, { line: 1, column: 23 });
    assert.deepEqual(t.hints[0]!.options[1]!.pos, { line: 1, column: 72 });
    assert.equal(t.alias!.name, 's');
  });

  it('on SELECT: several hints with list arguments, names upper-cased', () => {
    const s = select('SELECT /*+ broadcast(t1, t2), STATE_TTL(\'t1\' = \'1d\'), NO_ARGS */ a FROM t1, t2');
    assert.deepEqual(stripPositions(s.hints), [
      { kind: 'Hint', name: 'BROADCAST', options: [], args: ['t1', 't2'] },
      { kind: 'Hint', name: 'STATE_TTL', options: [{ key: 't1', value: '1d' }], args: [] },
      { kind: 'Hint', name: 'NO_ARGS', options: [], args: [] },
    ]);
    assertRoundTrip('SELECT /*+ broadcast(t1, t2), STATE_TTL(\'t1\' = \'1d\'), NO_ARGS */ a FROM t1, t2');
  });

  it('errors inside a hint point into the hint', () => {
    assert.throws(() => parseStatement("SELECT * FROM t /*+ OPTIONS('a' = ) */"), /line 1, column 35: expected a hint option value but found '\)'/);
    assert.throws(() => parseStatement('SELECT * FROM t\n  /*+\n  OPTIONS(( */'), /line 3, column 11: expected a hint option but found '\('/);
  });

  it('a hint where none is allowed is an error', () => {
    assert.throws(() => parseStatement("SELECT a /*+ OPTIONS('a'='b') */ + 1 FROM t"), /expected end of statement but found '\/\*\+ OPTIONS/);
  });
});
