// Every statement form parses to the AST worked out by hand and round-trips through the printer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CreateTable, CreateView, ExplainStatement, InsertStatement, StatementSet } from '../ast/ast.ts';
import { parseStatement, parseStatements } from './index.ts';
import { assertRoundTrip, stripPositions } from './parser-test-util.ts';

const ROUND_TRIP = [
  // CREATE TABLE
  'CREATE TABLE t (a INT)',
  'CREATE TEMPORARY TABLE IF NOT EXISTS cat.db.t (a INT NOT NULL, b STRING COMMENT \'the b\') COMMENT \'tbl\' WITH (\'connector\' = \'print\')',
  `CREATE TABLE orders (
     order_id BIGINT,
     price DECIMAL(10, 2),
     buyer ROW<first_name STRING, last_name STRING>,
     tags ARRAY<STRING>,
     props MAP<STRING, INT>,
     ts TIMESTAMP(3),
     cost AS price * 2 COMMENT 'computed',
     proc AS PROCTIME(),
     origin_ts TIMESTAMP_LTZ(3) METADATA FROM 'value.ingestion-timestamp' VIRTUAL,
     part INT METADATA VIRTUAL,
     \`offset\` BIGINT METADATA,
     PRIMARY KEY (order_id) NOT ENFORCED,
     WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
   ) PARTITIONED BY (part) WITH ('connector' = 'kafka', 'topic' = 'orders')`,
  'CREATE TABLE t (id INT PRIMARY KEY NOT ENFORCED, v STRING)',
  'CREATE TABLE t (id INT, v STRING, CONSTRAINT pk PRIMARY KEY (id, v) NOT ENFORCED)',
  'CREATE TABLE t (id INT CONSTRAINT pk PRIMARY KEY NOT ENFORCED COMMENT \'x\')',
  'CREATE TABLE t WITH (\'connector\' = \'blackhole\')',
  'CREATE TABLE t2 WITH (\'connector\' = \'blackhole\') AS SELECT a, b FROM t',
  'CREATE TABLE t2 AS SELECT * FROM t',
  // views, functions, catalogs, databases
  'CREATE VIEW v AS SELECT a FROM t',
  'CREATE TEMPORARY VIEW IF NOT EXISTS db.v (x, y) COMMENT \'c\' AS SELECT a, b FROM t WHERE a > 1',
  'CREATE FUNCTION f AS \'./udf.ts#f\'',
  'CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS f AS \'./udf.ts#f\' LANGUAGE TYPESCRIPT',
  'CREATE TEMPORARY FUNCTION db.f AS \'m#g\'',
  'CREATE CATALOG c WITH (\'type\' = \'generic_in_memory\')',
  'CREATE DATABASE IF NOT EXISTS c.db COMMENT \'x\'',
  'DROP TABLE t', 'DROP TEMPORARY TABLE IF EXISTS c.d.t', 'DROP VIEW IF EXISTS v', 'DROP TEMPORARY VIEW v',
  'DROP FUNCTION f', 'DROP TEMPORARY SYSTEM FUNCTION IF EXISTS f', 'DROP CATALOG IF EXISTS c',
  'DROP DATABASE db', 'DROP DATABASE IF EXISTS c.db CASCADE',
  'ALTER TABLE t SET (\'a\' = \'1\', \'b\' = \'2\')', 'ALTER TABLE IF EXISTS t RESET (\'a\', \'b\')', 'ALTER TABLE t RENAME TO db.u',
  // SHOW / DESCRIBE / USE / SET / RESET
  'SHOW TABLES', 'SHOW TABLES FROM db LIKE \'a%\'', 'SHOW VIEWS IN c.db NOT LIKE \'x\'', 'SHOW FUNCTIONS', 'SHOW USER FUNCTIONS',
  'SHOW CATALOGS ILIKE \'d%\'', 'SHOW DATABASES FROM c', 'SHOW CURRENT CATALOG', 'SHOW CURRENT DATABASE', 'SHOW JOBS',
  'SHOW MODULES', 'SHOW COLUMNS FROM t LIKE \'%id\'', 'SHOW CREATE TABLE db.t', 'SHOW CREATE VIEW v',
  'DESCRIBE t', 'DESC EXTENDED c.db.t', 'USE db', 'USE c.db', 'USE CATALOG c',
  'SET', 'SET \'table.exec.mini-batch.enabled\' = \'true\'', 'RESET', 'RESET \'a.b\'', 'HELP', 'QUIT',
  // DML
  'INSERT INTO sink SELECT * FROM src',
  'INSERT OVERWRITE c.d.sink /*+ OPTIONS(\'sink.parallelism\'=\'2\') */ PARTITION (dt = \'2020-01-01\', hr = \'10\') (a, b) SELECT x, y FROM src',
  'INSERT INTO t (a, b) VALUES (1, \'x\'), (2, \'y\')',
  'INSERT INTO t (SELECT 1)',
  'INSERT INTO t SELECT * FROM (VALUES (1, \'a\'), (2, \'b\')) AS v (id, name)',
  'INSERT INTO t SELECT a FROM s WHERE ts BETWEEN u.ts - INTERVAL \'4\' HOUR AND u.ts + INTERVAL \'1\' HOUR',
  'EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT * FROM s; INSERT INTO b SELECT * FROM s; END',
  'EXPLAIN SELECT 1', 'EXPLAIN PLAN FOR SELECT 1', 'EXPLAIN CHANGELOG_MODE, ESTIMATED_COST INSERT INTO t SELECT 1',
  'EXPLAIN STATEMENT SET BEGIN INSERT INTO a SELECT 1; END',
  // queries
  'SELECT 1',
  'SELECT DISTINCT a, b AS c, t.* FROM t',
  'SELECT ALL a FROM t',
  'SELECT /*+ STATE_TTL(\'o\'=\'1d\'), BROADCAST(t1, t2) */ a FROM t',
  'WITH a AS (SELECT 1 AS x), b (y) AS (SELECT x FROM a) SELECT * FROM b',
  'SELECT a FROM t1 UNION ALL SELECT a FROM t2 UNION SELECT a FROM t3',
  'SELECT a FROM t1 UNION SELECT a FROM t2 INTERSECT SELECT a FROM t3',
  '(SELECT a FROM t1 UNION SELECT a FROM t2) INTERSECT ALL SELECT a FROM t3',
  'SELECT a FROM t1 EXCEPT (SELECT a FROM t2 EXCEPT SELECT a FROM t3)',
  '(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL SELECT 2',
  'VALUES (1, 2), (3, 4)',
  'SELECT a FROM t ORDER BY a DESC NULLS LAST, b ASC NULLS FIRST, c LIMIT 10 OFFSET 5',
  'SELECT a FROM t ORDER BY a OFFSET 2 ROWS FETCH FIRST 3 ROWS ONLY',
  'SELECT * FROM a, b, c WHERE a.x = b.x',
  'SELECT * FROM a JOIN b ON a.x = b.x LEFT JOIN c ON b.y = c.y RIGHT OUTER JOIN d USING (z) FULL OUTER JOIN e ON TRUE',
  'SELECT * FROM a INNER JOIN b ON a.x = b.x CROSS JOIN c NATURAL JOIN d NATURAL LEFT JOIN e',
  'SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.y = b.y',
  'SELECT * FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.cur = r.cur',
  'SELECT * FROM kafka_table /*+ OPTIONS(\'scan.startup.mode\'=\'earliest-offset\') */ AS k (a, b)',
  'SELECT * FROM (SELECT a FROM t) AS s (x)',
  'SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.a = t.a) AS l',
  'SELECT * FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL \'10\' SECOND))',
  'SELECT * FROM TABLE(HOP(DATA => TABLE bid, TIMECOL => DESCRIPTOR(ts), SLIDE => INTERVAL \'5\' MINUTE, SIZE => INTERVAL \'10\' MINUTE))',
  'SELECT * FROM TABLE(TUMBLE(DATA => TABLE bid, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL \'10\' MINUTE, OFFSET => INTERVAL \'1\' MINUTE))',
  'SELECT * FROM TABLE(CUMULATE(TABLE bid, DESCRIPTOR(ts), INTERVAL \'2\' MINUTE, INTERVAL \'10\' MINUTE))',
  'SELECT * FROM TABLE(SESSION(TABLE bid PARTITION BY auction, DESCRIPTOR(ts), INTERVAL \'1\' MINUTE))',
  'SELECT * FROM TABLE(SESSION(TABLE bid PARTITION BY (auction, bidder), DESCRIPTOR(ts), INTERVAL \'5\' MINUTES))',
  'SELECT * FROM t, LATERAL TABLE(split(t.s)) AS x (word, len)',
  'SELECT * FROM t LEFT JOIN LATERAL TABLE(split(t.s)) AS x (w) ON TRUE',
  'SELECT * FROM t CROSS JOIN UNNEST(t.arr) WITH ORDINALITY AS u (v, i)',
  'SELECT a, COUNT(*) FROM t WHERE b > 0 GROUP BY a HAVING COUNT(*) > 1',
  'SELECT a, b, SUM(c) FROM t GROUP BY GROUPING SETS ((a, b), (a), ())',
  'SELECT a, b, SUM(c) FROM t GROUP BY ROLLUP(a, b), CUBE(a)',
  'SELECT COUNT(*) FROM t GROUP BY ()',
  'SELECT TUMBLE_START(ts, INTERVAL \'1\' HOUR), COUNT(*) FROM t GROUP BY TUMBLE(ts, INTERVAL \'1\' HOUR), a',
  'SELECT SUM(x) OVER w, AVG(x) OVER (w ROWS 2 PRECEDING) FROM t WINDOW w AS (PARTITION BY a ORDER BY ts)',
  'SELECT SUM(x) OVER (PARTITION BY a ORDER BY ts RANGE BETWEEN INTERVAL \'1\' HOUR PRECEDING AND CURRENT ROW) FROM t',
  'SELECT SUM(x) OVER (ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING) FROM t',
  'SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY a ORDER BY ts DESC) AS rn FROM t) WHERE rn <= 3',
  'SELECT a FROM t WHERE x IN (SELECT y FROM u) AND NOT EXISTS (SELECT 1 FROM v) AND z = (SELECT MAX(z) FROM w)',
  // keywords as names
  'SELECT value, type, name, data, user, `timestamp`, `select` AS `from` FROM `my table`',
  'SELECT t.value, r.type FROM t AS r',
];

describe('every statement form round-trips through the printer', () => {
  for (const sql of ROUND_TRIP) {
    it(sql.replace(/\s+/g, ' ').slice(0, 110), () => {
      assertRoundTrip(sql);
    });
  }
});

const P = { line: 1, column: 1 };
const id = (name: string, quoted = false) => ({ kind: 'Ident', name, quoted });
const qn = (...parts: string[]) => ({ kind: 'QualifiedName', parts: parts.map((p) => id(p)) });
const col = (...parts: string[]) => ({ kind: 'ColumnRef', name: qn(...parts) });
const type = (name: string, params: number[] = [], more: object = {}) =>
  ({ kind: 'TypeSpec', name, params, elementTypes: [], fields: [], nullable: true, ...more });
void P;

describe('statement ASTs', () => {
  it('CREATE TABLE with every kind of column and constraint', () => {
    const st = parseStatement(`CREATE TABLE c.t (
      id INT NOT NULL,
      ts TIMESTAMP(3) WITHOUT TIME ZONE,
      dt AS CAST(ts AS DATE),
      src STRING METADATA FROM 'value.source.table' VIRTUAL COMMENT 'source',
      CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED,
      WATERMARK FOR ts AS ts
    ) COMMENT 'demo' PARTITIONED BY (dt) WITH ('connector' = 'filesystem', 'path' = '/tmp/x')`) as CreateTable;
    assert.deepEqual(stripPositions(st), {
      kind: 'CreateTable', temporary: false, ifNotExists: false, name: qn('c', 't'),
      columns: [
        { kind: 'PhysicalColumn', name: id('id'), type: type('INT', [], { nullable: false }) },
        { kind: 'PhysicalColumn', name: id('ts'), type: type('TIMESTAMP', [3]) },
        { kind: 'ComputedColumn', name: id('dt'), expr: { kind: 'CastExpr', operand: col('ts'), type: type('DATE'), safe: false } },
        { kind: 'MetadataColumn', name: id('src'), type: type('STRING'), key: 'value.source.table', virtual: true, comment: 'source' },
      ],
      primaryKey: { columns: [id('id')], constraintName: id('pk') },
      watermark: { column: id('ts'), expr: col('ts') },
      comment: 'demo',
      partitionedBy: [id('dt')],
      options: [{ key: 'connector', value: 'filesystem' }, { key: 'path', value: '/tmp/x' }],
    });
    assert.deepEqual(st.columns[3]!.pos, { line: 5, column: 7 });
    assert.deepEqual(st.watermark!.pos, { line: 7, column: 7 });
  });

  it('CREATE VIEW keeps the query text as written', () => {
    const st = parseStatement('CREATE VIEW v AS\nSELECT a -- note\n  FROM t ;') as CreateView;
    assert.equal(st.queryText, 'SELECT a -- note\n  FROM t');
  });

  it('CREATE FUNCTION keeps module and export, language upper-cased', () => {
    assert.deepEqual(stripPositions(parseStatement("CREATE TEMPORARY FUNCTION parse_it AS './udfs/parse.ts#parseIt' LANGUAGE typescript")), {
      kind: 'CreateFunction', temporary: true, system: false, ifNotExists: false, name: qn('parse_it'),
      className: './udfs/parse.ts#parseIt', language: 'TYPESCRIPT',
    });
  });

  it('SET with quoted and unquoted keys and values', () => {
    assert.deepEqual(stripPositions(parseStatement("SET 'sql-client.execution.result-mode' = 'tableau';")),
      { kind: 'SetStatement', key: 'sql-client.execution.result-mode', value: 'tableau' });
    assert.deepEqual(stripPositions(parseStatement('SET table.dml-sync = true')), { kind: 'SetStatement', key: 'table.dml-sync', value: 'true' });
    assert.deepEqual(stripPositions(parseStatement("SET 'table.exec.mini-batch.allow-latency' = 2 s")),
      { kind: 'SetStatement', key: 'table.exec.mini-batch.allow-latency', value: '2 s' });
    assert.deepEqual(stripPositions(parseStatement('SET')), { kind: 'SetStatement' });
    assert.deepEqual(stripPositions(parseStatement("RESET 'a.b'")), { kind: 'ResetStatement', key: 'a.b' });
    assert.deepEqual(stripPositions(parseStatement('RESET table.dml-sync')), { kind: 'ResetStatement', key: 'table.dml-sync' });
  });

  it('INSERT with hints, static partition and column list', () => {
    const st = parseStatement("INSERT OVERWRITE t /*+ OPTIONS('a'='b') */ PARTITION (dt='x', hr=10) (c1, `C2`) VALUES (1, 2)") as InsertStatement;
    assert.equal(st.overwrite, true);
    assert.deepEqual(stripPositions(st.hints), [{ kind: 'Hint', name: 'OPTIONS', options: [{ key: 'a', value: 'b' }], args: [] }]);
    assert.deepEqual(stripPositions(st.staticPartition), [{ key: 'dt', value: 'x' }, { key: 'hr', value: '10' }]);
    assert.deepEqual(stripPositions(st.columns), [id('c1'), id('C2', true)]);
    assert.equal(st.query.body.kind, 'Values');
  });

  it('both statement set spellings give the same AST', () => {
    const a = parseStatement('BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;\nEND;') as StatementSet;
    const b = parseStatement('EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END') as StatementSet;
    assert.equal(a.inserts.length, 2);
    assert.deepEqual(stripPositions(a), stripPositions(b));
  });

  it('GROUP BY () is the empty grouping set', () => {
    const st = parseStatement('SELECT COUNT(*) FROM t GROUP BY ()');
    const select = st.kind === 'QueryStatement' && st.query.body.kind === 'Select' ? st.query.body : undefined;
    assert.deepEqual(stripPositions(select!.groupBy!.elements), [{ type: 'GROUPING SETS', sets: [[]] }]);
  });

  it('EXECUTE INSERT is an INSERT', () => {
    assert.deepEqual(stripPositions(parseStatement('EXECUTE INSERT INTO t SELECT 1')), stripPositions(parseStatement('INSERT INTO t SELECT 1')));
    assert.deepEqual(parseStatement('EXECUTE INSERT INTO t SELECT 1').pos, { line: 1, column: 1 });
  });

  it('EXPLAIN keeps its details', () => {
    const st = parseStatement('EXPLAIN PLAN FOR CHANGELOG_MODE, JSON_EXECUTION_PLAN SELECT 1') as ExplainStatement;
    assert.deepEqual(st.details, ['CHANGELOG_MODE', 'JSON_EXECUTION_PLAN']);
    assert.equal(st.statement.kind, 'QueryStatement');
  });

  it('SHOW forms', () => {
    assert.deepEqual(stripPositions(parseStatement("SHOW TABLES IN c.db NOT ILIKE 'a%'")), {
      kind: 'ShowStatement', what: 'TABLES', from: qn('c', 'db'), like: { pattern: 'a%', negated: true, ilike: true },
    });
    assert.deepEqual(stripPositions(parseStatement('SHOW USER FUNCTIONS')), { kind: 'ShowStatement', what: 'USER FUNCTIONS' });
    assert.deepEqual(stripPositions(parseStatement('show create view v')), { kind: 'ShowCreate', what: 'VIEW', name: qn('v') });
  });

  it('DROP and ALTER forms', () => {
    assert.deepEqual(stripPositions(parseStatement('DROP TEMPORARY SYSTEM FUNCTION IF EXISTS f')),
      { kind: 'DropFunction', ifExists: true, name: qn('f'), temporary: true, system: true });
    assert.deepEqual(stripPositions(parseStatement("ALTER TABLE t RESET ('k')")),
      { kind: 'AlterTable', ifExists: false, name: qn('t'), action: { type: 'RESET', keys: ['k'] } });
    assert.deepEqual(stripPositions(parseStatement('USE CATALOG cat')), { kind: 'UseStatement', catalog: true, name: qn('cat') });
  });

  it('HELP, QUIT and EXIT', () => {
    assert.equal(parseStatement('help;').kind, 'HelpStatement');
    assert.equal(parseStatement('EXIT').kind, 'QuitStatement');
    assert.equal(parseStatement('quit').kind, 'QuitStatement');
  });

  it('parseStatements splits at top-level semicolons and skips empty statements', () => {
    const list = parseStatements("SET 'a' = 'b;c';;\nSELECT ';' FROM t; -- end\n");
    assert.deepEqual(list.map((s) => s.kind), ['SetStatement', 'QueryStatement']);
    assert.deepEqual(list[1]!.pos, { line: 2, column: 1 });
    assert.deepEqual(parseStatements(''), []);
  });

  it('parseStatement reports script-relative positions with offsets', () => {
    const st = parseStatement('SELECT a\nFROM t', { lineOffset: 9, columnOffset: 4 });
    assert.deepEqual(st.pos, { line: 10, column: 5 });
    const q = st.kind === 'QueryStatement' && st.query.body.kind === 'Select' ? st.query.body : undefined;
    assert.deepEqual(q!.from!.pos, { line: 11, column: 6 });
  });
});
