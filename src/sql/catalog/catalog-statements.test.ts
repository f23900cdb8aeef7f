import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TableEnvironment } from '../table/table-environment.ts';

async function rows(tEnv: TableEnvironment, sql: string): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for await (const r of (await tEnv.executeSql(sql)).collect()) out.push(r.fields);
  return out;
}

async function printed(tEnv: TableEnvironment, sql: string): Promise<string> {
  let text = '';
  await (await tEnv.executeSql(sql)).print((s) => (text += s));
  return text;
}

const ORDERS = `CREATE TABLE orders (
  id BIGINT,
  product STRING,
  amount DECIMAL(10, 2),
  ts TIMESTAMP(3),
  src STRING METADATA FROM 'value.source.table' VIRTUAL,
  PRIMARY KEY (id) NOT ENFORCED
) COMMENT 'all orders'
WITH ('connector' = 'filesystem', 'path' = '/tmp/orders', 'format' = 'debezium-json')`;

test('DDL returns OK; DESCRIBE lists name, type, null, key, extras and watermark like Flink', async () => {
  const tEnv = TableEnvironment.create();
  assert.equal(await printed(tEnv, ORDERS), '+--------+\n| result |\n+--------+\n|     OK |\n+--------+\n1 row in set\n');
  assert.deepEqual(await rows(tEnv, 'DESCRIBE orders'), [
    ['id', 'BIGINT', false, 'PRI(id)', '', ''],
    ['product', 'STRING', true, '', '', ''],
    ['amount', 'DECIMAL(10, 2)', true, '', '', ''],
    ['ts', 'TIMESTAMP(3)', true, '', '', ''],
    ['src', 'STRING', true, '', "METADATA FROM 'value.source.table' VIRTUAL", ''],
  ]);
  assert.equal(await printed(tEnv, 'DESC orders'), [
    '+---------+----------------+-------+---------+--------------------------------------------+-----------+',
    '|    name |           type |  null |     key |                                     extras | watermark |',
    '+---------+----------------+-------+---------+--------------------------------------------+-----------+',
    '|      id |         BIGINT | FALSE | PRI(id) |                                            |           |',
    '| product |         STRING |  TRUE |         |                                            |           |',
    '|  amount | DECIMAL(10, 2) |  TRUE |         |                                            |           |',
    '|      ts |   TIMESTAMP(3) |  TRUE |         |                                            |           |',
    "|     src |         STRING |  TRUE |         | METADATA FROM 'value.source.table' VIRTUAL |           |",
    '+---------+----------------+-------+---------+--------------------------------------------+-----------+',
    '5 rows in set',
    '',
  ].join('\n'));
});

test('SHOW CREATE TABLE prints the DDL back with its options in the order written', async () => {
  const tEnv = TableEnvironment.create();
  await tEnv.executeSql(ORDERS);
  assert.deepEqual(await rows(tEnv, 'SHOW CREATE TABLE orders'), [[
    'CREATE TABLE `default_catalog`.`default_database`.`orders` (\n' +
    '  `id` BIGINT NOT NULL,\n' +
    '  `product` STRING,\n' +
    '  `amount` DECIMAL(10, 2),\n' +
    '  `ts` TIMESTAMP(3),\n' +
    "  `src` STRING METADATA FROM 'value.source.table' VIRTUAL,\n" +
    '  CONSTRAINT `PK_id` PRIMARY KEY (`id`) NOT ENFORCED\n' +
    ")\nCOMMENT 'all orders'\n" +
    "WITH (\n  'connector' = 'filesystem',\n  'path' = '/tmp/orders',\n  'format' = 'debezium-json'\n)\n",
  ]]);
  await assert.rejects(tEnv.executeSql('SHOW CREATE VIEW orders'), /SHOW CREATE VIEW is only supported for views, but 'default_catalog.default_database.orders' is a table/);
});

test('CREATE TABLE checks the primary key, the watermark column, partition keys, metadata keys and the connector option', async () => {
  const tEnv = TableEnvironment.create();
  await assert.rejects(tEnv.executeSql(`CREATE TABLE t (a INT,\n  PRIMARY KEY (b) NOT ENFORCED) WITH ('connector' = 'datagen')`),
    { name: 'SqlValidationError', message: "SQL validation failed. At line 2, column 16: Invalid primary key 'PK_b'. Column 'b' does not exist." });
  await assert.rejects(tEnv.executeSql(`CREATE TABLE t (a INT, a STRING) WITH ('connector' = 'datagen')`), /A column named 'a' already exists in the table/);
  await assert.rejects(tEnv.executeSql(`CREATE TABLE t (a INT, WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen')`),
    /Invalid column name 'ts' for rowtime attribute in watermark declaration. Available columns are: \[a\]/);
  await assert.rejects(tEnv.executeSql(`CREATE TABLE t (a INT, WATERMARK FOR a AS a) WITH ('connector' = 'datagen')`),
    /The field must be of type TIMESTAMP\(p\) or TIMESTAMP_LTZ\(p\), the supported precision 'p' is from 0 to 3, but the time field type is INT/);
  await assert.rejects(tEnv.executeSql(`CREATE TABLE t (a INT) PARTITIONED BY (b) WITH ('connector' = 'filesystem')`),
    /Partition column 'b' not defined in the table schema. Available columns: \['a'\]/);
  await assert.rejects(tEnv.executeSql(`CREATE TABLE t (a INT)`), /Table options do not contain an option key 'connector' for discovering a connector/);
  await assert.rejects(tEnv.executeSql(`CREATE TABLE t (a INT, m STRING METADATA FROM 'nope') WITH ('connector' = 'datagen')`),
    /Invalid metadata key 'nope' in column 'm' of table 'default_catalog.default_database.t'/);
  assert.deepEqual(tEnv.listTables(), []);
});

test('SHOW TABLES / VIEWS / CATALOGS / DATABASES / CURRENT with LIKE, USE and temporary objects', async () => {
  const tEnv = TableEnvironment.create();
  await tEnv.executeSql(`CREATE TABLE beta (a INT) WITH ('connector' = 'datagen')`);
  await tEnv.executeSql(`CREATE TEMPORARY TABLE alpha (a INT) WITH ('connector' = 'datagen')`);
  await tEnv.executeSql(`CREATE TABLE IF NOT EXISTS beta (x STRING) WITH ('connector' = 'datagen')`);
  assert.deepEqual(await rows(tEnv, 'SHOW TABLES'), [['alpha'], ['beta']]);
  assert.deepEqual(await rows(tEnv, "SHOW TABLES LIKE 'b%'"), [['beta']]);
  assert.deepEqual(await rows(tEnv, "SHOW TABLES NOT LIKE 'b%'"), [['alpha']]);
  assert.deepEqual(await rows(tEnv, 'SHOW VIEWS'), []);
  assert.equal(await printed(tEnv, 'SHOW VIEWS'), 'Empty set\n');
  await tEnv.executeSql('CREATE DATABASE db2');
  assert.deepEqual(await rows(tEnv, 'SHOW DATABASES'), [['db2'], ['default_database']]);
  await tEnv.executeSql('USE db2');
  assert.deepEqual(await rows(tEnv, 'SHOW CURRENT DATABASE'), [['db2']]);
  assert.deepEqual(await rows(tEnv, 'SHOW TABLES'), []);
  assert.deepEqual(await rows(tEnv, 'SHOW TABLES FROM default_database'), [['alpha'], ['beta']]);
  await tEnv.executeSql("CREATE CATALOG mem WITH ('type' = 'generic_in_memory')");
  await assert.rejects(tEnv.executeSql("CREATE CATALOG hive WITH ('type' = 'hive')"), /Unsupported catalog type 'hive'/);
  await tEnv.executeSql('USE CATALOG mem');
  assert.deepEqual(await rows(tEnv, 'SHOW CURRENT CATALOG'), [['mem']]);
  assert.deepEqual(await rows(tEnv, 'SHOW CATALOGS'), [['default_catalog'], ['mem']]);
  assert.deepEqual((await rows(tEnv, 'DESCRIBE default_catalog.default_database.alpha')).map((r) => r[0]), ['a']);
});

test('DROP [TEMPORARY] TABLE [IF EXISTS] and ALTER TABLE SET / RESET / RENAME', async () => {
  const tEnv = TableEnvironment.create();
  await tEnv.executeSql(`CREATE TABLE t (a INT) WITH ('connector' = 'datagen', 'number-of-rows' = '5')`);
  await tEnv.executeSql(`ALTER TABLE t SET ('number-of-rows' = '7', 'rows-per-second' = '1')`);
  assert.match((await rows(tEnv, 'SHOW CREATE TABLE t'))[0]![0] as string, /'number-of-rows' = '7',\n  'rows-per-second' = '1'\n\)/);
  await tEnv.executeSql(`ALTER TABLE t RESET ('rows-per-second')`);
  assert.doesNotMatch((await rows(tEnv, 'SHOW CREATE TABLE t'))[0]![0] as string, /rows-per-second/);
  await assert.rejects(tEnv.executeSql(`ALTER TABLE t RESET ('connector')`), /ALTER TABLE RESET does not support changing 'connector'/);
  await tEnv.executeSql('ALTER TABLE t RENAME TO u');
  assert.deepEqual(tEnv.listTables(), ['u']);
  await assert.rejects(tEnv.executeSql('DROP TABLE t'), { name: 'CatalogError', message: "Table with identifier 'default_catalog.default_database.t' does not exist." });
  await tEnv.executeSql('DROP TABLE IF EXISTS t');
  await assert.rejects(tEnv.executeSql('DROP TEMPORARY TABLE u'), /Temporary table with identifier 'default_catalog.default_database.u' does not exist./);
  await tEnv.executeSql('DROP TABLE u');
  assert.deepEqual(tEnv.listTables(), []);
});

test('CREATE FUNCTION loads scalar, table, aggregate and class-style UDFs from a module; errors name the path and export', async () => {
  const tEnv = TableEnvironment.create({ baseDir: import.meta.dirname });
  await tEnv.executeSql(`CREATE FUNCTION shout AS './testdata/udfs.ts#shout'`);
  await tEnv.executeSql(`CREATE TEMPORARY FUNCTION split_words AS './testdata/udfs.ts#splitWords'`);
  await tEnv.executeSql(`CREATE TEMPORARY SYSTEM FUNCTION sum_squares AS './testdata/udfs.ts#sumSquares' LANGUAGE TYPESCRIPT`);
  await tEnv.executeSql(`CREATE FUNCTION twice AS './testdata/udfs.ts#Twice'`);
  assert.deepEqual(await rows(tEnv, 'SHOW USER FUNCTIONS'), [['shout'], ['split_words'], ['sum_squares'], ['twice']]);
  const cm = tEnv.catalogManager;
  const fn = (name: string) => cm.getFunction({ kind: 'QualifiedName', pos: { line: 1, column: 1 }, parts: [{ kind: 'Ident', pos: { line: 1, column: 1 }, name, quoted: false }] })!;
  assert.equal(fn('shout').impl.kind, 'scalar');
  assert.equal((fn('shout').impl as { eval(s: string): unknown }).eval('hi'), 'HI!');
  assert.equal(fn('split_words').impl.kind, 'table');
  assert.equal(fn('sum_squares').impl.kind, 'aggregate');
  assert.equal((fn('twice').impl as { eval(x: number): unknown }).eval(21), 42);
  assert.equal(fn('shout').className, './testdata/udfs.ts#shout');

  await assert.rejects(tEnv.executeSql(`CREATE FUNCTION f AS './testdata/udfs.ts#nope'`), /Cannot load function 'default_catalog.default_database.f': module '.\/testdata\/udfs.ts' has no export 'nope' \(its exports: Twice, badType, boom, notAFunction, shout, splitWords, sumSquares\)/);
  await assert.rejects(tEnv.executeSql(`CREATE FUNCTION f AS './testdata/udfs.ts#notAFunction'`), /export 'notAFunction' of '.\/testdata\/udfs.ts' is not a user-defined function/);
  await assert.rejects(tEnv.executeSql(`CREATE FUNCTION f AS './testdata/missing.ts#x'`), /Cannot load function 'default_catalog.default_database.f': module '.\/testdata\/missing.ts' \(file:.*missing.ts\) could not be imported/);
  await assert.rejects(tEnv.executeSql(`CREATE FUNCTION f AS './testdata/udfs.ts#badType'`), /Function 'default_catalog.default_database.f' declares an invalid result type 'STRIN'/);
  await assert.rejects(tEnv.executeSql(`CREATE FUNCTION shout AS './testdata/udfs.ts#shout'`), /Function default_catalog.default_database.shout already exists in Catalog default_catalog./);
  await tEnv.executeSql('DROP FUNCTION shout');
  await tEnv.executeSql('DROP TEMPORARY SYSTEM FUNCTION sum_squares');
  assert.deepEqual(await rows(tEnv, 'SHOW USER FUNCTIONS'), [['split_words'], ['twice']]);
  assert.ok((await rows(tEnv, 'SHOW FUNCTIONS')).some((r) => r[0] === 'count'));
});

test('computed columns get their type from the expression; the rowtime column shows *ROWTIME* and its watermark', async () => {
  const tEnv = TableEnvironment.create();
  await tEnv.executeSql(`CREATE TABLE o (
    id INT,
    price DOUBLE,
    ts TIMESTAMP(3),
    total AS price * 2,
    ptime AS PROCTIME(),
    WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
  ) WITH ('connector' = 'datagen')`);
  assert.deepEqual(await rows(tEnv, 'DESCRIBE o'), [
    ['id', 'INT', true, '', '', ''],
    ['price', 'DOUBLE', true, '', '', ''],
    ['ts', 'TIMESTAMP(3) *ROWTIME*', true, '', '', "ts - INTERVAL '5' SECOND"],
    ['total', 'DOUBLE', true, '', 'AS price * 2', ''],
    ['ptime', 'TIMESTAMP_LTZ(3) *PROCTIME*', false, '', 'AS PROCTIME()', ''],
  ]);
  await assert.rejects(tEnv.executeSql(`CREATE TABLE o2 (id INT, ts TIMESTAMP(3),\n WATERMARK FOR ts AS id) WITH ('connector' = 'datagen')`),
    { message: "SQL validation failed. At line 2, column 22: Invalid data type of expression for watermark definition. The field must be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but the watermark expression type is INT" });
  await assert.rejects(tEnv.executeSql(`CREATE TABLE o2 (id INT, x AS nope + 1) WITH ('connector' = 'datagen')`), /At line 1, column 31: Column 'nope' not found/);
});

test('views: DESCRIBE validates the query for its types; SHOW CREATE VIEW prints the query as written', async () => {
  const tEnv = TableEnvironment.create();
  await tEnv.executeSql(`CREATE TABLE o (id INT NOT NULL, price DOUBLE) WITH ('connector' = 'datagen')`);
  await tEnv.executeSql('CREATE VIEW v (k, p) AS SELECT id, price FROM o WHERE id > 3');
  assert.deepEqual(await rows(tEnv, 'DESCRIBE v'), [['k', 'INT', false, '', '', ''], ['p', 'DOUBLE', true, '', '', '']]);
  assert.deepEqual(await rows(tEnv, 'SHOW CREATE VIEW v'), [['CREATE VIEW `default_catalog`.`default_database`.`v`(`k`, `p`)\nAS SELECT id, price FROM o WHERE id > 3\n']]);
  assert.deepEqual(await rows(tEnv, 'SHOW VIEWS'), [['v']]);
  await assert.rejects(tEnv.executeSql('CREATE VIEW w (a) AS SELECT id, price FROM o'), /VIEW definition and input fields not match:\n\tDef fields: \[a\].\n\tInput fields: \[id, price\]./);
  await assert.rejects(tEnv.executeSql('DROP TABLE v'), /Table with identifier 'default_catalog.default_database.v' does not exist./);
  await tEnv.executeSql('DROP VIEW v');
  assert.deepEqual(await rows(tEnv, 'SHOW VIEWS'), []);
});

test('SHOW COLUMNS filters DESCRIBE by name; SHOW MODULES lists core', async () => {
  const tEnv = TableEnvironment.create();
  await tEnv.executeSql(`CREATE TABLE t (order_id INT, order_ts TIMESTAMP(3), amount INT) WITH ('connector' = 'datagen')`);
  assert.deepEqual((await rows(tEnv, "SHOW COLUMNS FROM t LIKE 'order%'")).map((r) => r[0]), ['order_id', 'order_ts']);
  assert.deepEqual(await rows(tEnv, 'SHOW MODULES'), [['core']]);
});
