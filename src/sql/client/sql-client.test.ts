// The SQL client as a user runs it: `weir sql -f script.sql`, `-i init.sql`, and the interactive
// prompt fed through a pipe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const MAIN = resolve(import.meta.dirname, '..', '..', 'cli', 'main.ts');

interface Run { code: number | null; stdout: string; stderr: string }

function weirSql(args: string[], opts: { stdin?: string; home?: string; cwd?: string } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [MAIN, 'sql', ...args], {
      cwd: opts.cwd, env: { ...process.env, HOME: opts.home ?? process.env.HOME }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'weir-sql-client-'));
}

test('-f runs DDL, SET and SHOW, echoing each statement after the prompt like Flink', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'ddl.sql'), [
      '-- tables of the demo',
      "CREATE TABLE t (id INT, name STRING) WITH ('connector' = 'datagen');",
      "SET 'table.exec.state.ttl' = '1 h';",
      'SHOW TABLES;',
      '',
    ].join('\n'));
    const r = await weirSql(['-f', join(dir, 'ddl.sql')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, [
      '[INFO] Executing SQL from file.',
      "Weir SQL> CREATE TABLE t (id INT, name STRING) WITH ('connector' = 'datagen');",
      '[INFO] Execute statement succeeded.',
      '',
      "Weir SQL> SET 'table.exec.state.ttl' = '1 h';",
      '[INFO] Execute statement succeeded.',
      '',
      'Weir SQL> SHOW TABLES;',
      '+------------+',
      '| table name |',
      '+------------+',
      '|          t |',
      '+------------+',
      '1 row in set',
      '',
      '',
    ].join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-f stops at the first failing statement with exit code 1; the error has the position in the script', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'bad.sql'), [
      "SET 'table.dml-sync' = 'true';",
      '',
      'CREATE TABLE t (',
      '  id INT,',
      '  PRIMARY KEY (idx) NOT ENFORCED',
      ") WITH ('connector' = 'datagen');",
      'SHOW TABLES;',
    ].join('\n'));
    const r = await weirSql(['-f', join(dir, 'bad.sql')]);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.endsWith([
      '[ERROR] Could not execute SQL statement. Reason:',
      "SqlValidationError: SQL validation failed. At line 5, column 16: Invalid primary key 'PK_idx'. Column 'idx' does not exist.",
      '',
      '',
    ].join('\n')), r.stdout);
    assert.doesNotMatch(r.stdout, /SHOW TABLES/);

    writeFileSync(join(dir, 'parse.sql'), "SET 'a.b' = 'c'; SHOW TABLES;\nSELECT a,\n  FROM t;\n");
    const p = await weirSql(['-f', join(dir, 'parse.sql')]);
    assert.equal(p.code, 1);
    assert.match(p.stdout, /Weir SQL> SET 'a.b' = 'c';\n\[ERROR\] Could not execute SQL statement. Reason:\nConfigError: Unknown configuration key 'a.b'/);

    writeFileSync(join(dir, 'parse2.sql'), "SHOW TABLES;\nSELECT a,\n  FROM t;\n");
    const q = await weirSql(['-f', join(dir, 'parse2.sql')]);
    assert.equal(q.code, 1);
    assert.match(q.stdout, /SqlParseError: SQL parse error at line 3, column 3: .*'FROM'/);

    const v = await weirSql(['--verbose', '-f', join(dir, 'parse2.sql')]);
    assert.match(v.stdout, /SqlParseError: SQL parse error at line 3, column 3: .*\n {4}at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-i initialises the session before the script; a failing init exits with 1; a missing file is reported', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'init.sql'), "CREATE TABLE from_init (a INT) WITH ('connector' = 'datagen');\nSET 'sql-client.execution.result-mode' = 'tableau';\n");
    writeFileSync(join(dir, 'main.sql'), 'SHOW TABLES;\n');
    const r = await weirSql(['-i', join(dir, 'init.sql'), '-f', join(dir, 'main.sql')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\[INFO\] Executing SQL from file.\nWeir SQL> SHOW TABLES;\n\+------------\+\n\| table name \|\n\+------------\+\n\|  from_init \|/);

    writeFileSync(join(dir, 'bad-init.sql'), 'DROP TABLE nope;\n');
    const b = await weirSql(['-i', join(dir, 'bad-init.sql'), '-f', join(dir, 'main.sql')]);
    assert.equal(b.code, 1);
    assert.match(b.stdout, /CatalogError: Table with identifier 'default_catalog.default_database.nope' does not exist./);
    assert.doesNotMatch(b.stdout, /SHOW TABLES/);

    const m = await weirSql(['-f', join(dir, 'missing.sql')]);
    assert.equal(m.code, 1);
    assert.match(m.stderr, /cannot read SQL file '.*missing.sql': no such file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-D sets session configuration; a bad value is reported at SET time', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'set.sql'), 'SET;\n');
    const r = await weirSql(['-D', 'table.exec.state.ttl=10 min', '-p', '2', '-f', join(dir, 'set.sql')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\|\s+parallelism.default \|\s+2 \|\n\|\s+table.exec.state.ttl \| 10 min \|/);
    const bad = await weirSql(['-D', 'parallelism.default=zero', '-f', join(dir, 'set.sql')]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /invalid value 'zero' for configuration key 'parallelism.default'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('interactive: multi-line statements with the continuation prompt, HELP, errors that do not end the session, QUIT, and the history file', async () => {
  const home = tempDir();
  try {
    const input = [
      'CREATE TABLE t (',
      '  id INT',
      ") WITH ('connector' = 'datagen');",
      'HELP;',
      'DROP TABLE nope;',
      'SHOW TABLES; SHOW VIEWS;',
      'QUIT;',
      'SHOW TABLES;',
    ].join('\n') + '\n';
    const r = await weirSql([], { stdin: input, home });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Command history file path: ${join(home, '.weir', 'sql-history').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    assert.match(r.stdout, /Weir SQL> > > \[INFO\] Execute statement succeeded.\n/);
    assert.match(r.stdout, /The following commands are available:\n\nCREATE TABLE +Create table/);
    assert.match(r.stdout, /\nQUIT +Quits the SQL CLI client/);
    assert.match(r.stdout, /\[ERROR\] Could not execute SQL statement. Reason:\nCatalogError: Table with identifier 'default_catalog.default_database.nope' does not exist./);
    assert.match(r.stdout, /\| table name \|\n\+------------\+\n\|          t \|\n\+------------\+\n1 row in set\n\nEmpty set\n/);
    assert.match(r.stdout, /Shutting down the session...\ndone.\n$/);
    assert.equal((r.stdout.match(/table name/g) ?? []).length, 1, 'nothing runs after QUIT');
    assert.equal(readFileSync(join(home, '.weir', 'sql-history'), 'utf8'),
      "CREATE TABLE t ( id INT ) WITH ('connector' = 'datagen');\nHELP;\nDROP TABLE nope;\nSHOW TABLES;\nSHOW VIEWS;\nQUIT;\n");

    // A second session appends to the same history.
    const again = await weirSql([], { stdin: 'SHOW CATALOGS;\n', home });
    assert.equal(again.code, 0);
    assert.match(again.stdout, /default_catalog/);
    assert.match(readFileSync(join(home, '.weir', 'sql-history'), 'utf8'), /QUIT;\nSHOW CATALOGS;\n$/);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

const UDFS = resolve(import.meta.dirname, '..', 'catalog', 'testdata', 'udfs.ts');

test('-f prints query results in tableau form: the changelog while streaming, the final rows in batch', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'q.sql'), [
      "SET 'parallelism.default' = '1';",
      "SELECT name, COUNT(*) AS cnt FROM (VALUES ('Bob'), ('Alice'), ('Greg'), ('Bob')) AS NameTable(name) GROUP BY name;",
      "SET 'execution.runtime-mode' = 'batch';",
      "SELECT name, COUNT(*) AS cnt FROM (VALUES ('Bob'), ('Alice'), ('Greg'), ('Bob')) AS NameTable(name) GROUP BY name ORDER BY name;",
      'SELECT * FROM (VALUES (1)) AS t(a) WHERE a > 1;',
    ].join('\n'));
    const r = await weirSql(['-f', join(dir, 'q.sql')]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes([
      "Weir SQL> SELECT name, COUNT(*) AS cnt FROM (VALUES ('Bob'), ('Alice'), ('Greg'), ('Bob')) AS NameTable(name) GROUP BY name;",
      '+----+--------------------------------+----------------------+',
      '| op |                           name |                  cnt |',
      '+----+--------------------------------+----------------------+',
      '| +I |                            Bob |                    1 |',
      '| +I |                          Alice |                    1 |',
      '| +I |                           Greg |                    1 |',
      '| -U |                            Bob |                    1 |',
      '| +U |                            Bob |                    2 |',
      '+----+--------------------------------+----------------------+',
      'Received a total of 5 rows',
      '',
    ].join('\n')), r.stdout);
    assert.ok(r.stdout.includes([
      'GROUP BY name ORDER BY name;',
      '+-------+-----+',
      '|  name | cnt |',
      '+-------+-----+',
      '| Alice |   1 |',
      '|   Bob |   2 |',
      '|  Greg |   1 |',
      '+-------+-----+',
      '3 rows in set',
      '',
    ].join('\n')), r.stdout);
    assert.ok(r.stdout.endsWith('WHERE a > 1;\nEmpty set\n\n'), r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-f submits a bounded INSERT, prints its job id, goes on with the script, and exits when the job ends', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'insert.sql'), [
      "CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '100');",
      "CREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole');",
      'INSERT INTO sink SELECT id FROM src;',
      'SHOW TABLES;',
    ].join('\n'));
    const r = await weirSql(['-f', join(dir, 'insert.sql')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Weir SQL> INSERT INTO sink SELECT id FROM src;\n\[INFO\] Submitting SQL update statement to the cluster...\n\[INFO\] SQL update statement has been successfully submitted to the cluster:\nJob ID: [0-9a-f]{32}\n\nWeir SQL> SHOW TABLES;\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a detached INSERT over an unbounded source keeps running after the script until Ctrl-C cancels it', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'endless.sql'), [
      "CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '20');",
      "CREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole');",
      'INSERT INTO sink SELECT id FROM src;',
      "SELECT 'after' AS s;",
    ].join('\n'));
    const child = spawn(process.execPath, [MAIN, 'sql', '-f', join(dir, 'endless.sql')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    const running = new Promise<void>((ok) => child.stderr.on('data', (d) => {
      stderr += d;
      if (stderr.includes('still running')) ok();
    }));
    const closed = new Promise<number | null>((ok) => child.on('close', ok));
    await running;
    assert.match(stdout, /Job ID: [0-9a-f]{32}\n/);
    assert.match(stdout, /Received a total of 1 row\n/);
    assert.match(stderr, /\[INFO\] 1 submitted job\(s\) still running; the client stays until they end \(Ctrl-C cancels them\)./);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(child.exitCode, null, 'the process stays alive while the job runs');
    child.kill('SIGINT');
    assert.equal(await closed, 130);
    assert.match(stderr, /Cancelling 1 running job\(s\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("with table.dml-sync an INSERT waits for its job and a failing job fails the script; without it the failure is reported later", async () => {
  const dir = tempDir();
  try {
    const ddl = [
      `CREATE FUNCTION boom AS '${UDFS}#boom';`,
      "CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '5', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '5');",
      "CREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole');",
    ];
    writeFileSync(join(dir, 'sync-ok.sql'), [...ddl, "SET 'table.dml-sync' = 'true';", 'INSERT INTO sink SELECT id FROM src;', 'SHOW TABLES;'].join('\n'));
    const ok = await weirSql(['-f', join(dir, 'sync-ok.sql')]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /\[INFO\] Submitting SQL update statement to the cluster...\n\[INFO\] Complete execution of the SQL update statement.\n/);

    writeFileSync(join(dir, 'sync-fail.sql'), [...ddl, "SET 'table.dml-sync' = 'true';", 'INSERT INTO sink SELECT boom(id) FROM src;', 'SHOW TABLES;'].join('\n'));
    const failed = await weirSql(['-f', join(dir, 'sync-fail.sql')]);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /\[INFO\] Submitting SQL update statement to the cluster...\n\[ERROR\] Could not execute SQL statement. Reason:\n.*boom at 3/);
    assert.doesNotMatch(failed.stdout, /SHOW TABLES/);

    writeFileSync(join(dir, 'detached-fail.sql'), [...ddl, 'INSERT INTO sink SELECT boom(id) FROM src;'].join('\n'));
    const later = await weirSql(['-f', join(dir, 'detached-fail.sql')]);
    assert.equal(later.code, 1);
    assert.match(later.stdout, /Job ID: [0-9a-f]{32}\n/);
    assert.match(later.stderr, /\[ERROR\] Job [0-9a-f]{32} failed: .*boom at 3/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Ctrl-C cancels the running query, not the client: the script goes on with the next statement', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'endless-query.sql'), [
      "CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '20', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100000');",
      'SELECT id FROM src;',
      'SHOW TABLES;',
    ].join('\n'));
    const child = spawn(process.execPath, [MAIN, 'sql', '-f', join(dir, 'endless-query.sql')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    const firstRow = new Promise<void>((ok) => child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('| +I |                    1 |')) ok();
    }));
    const closed = new Promise<number | null>((ok) => child.on('close', ok));
    await firstRow;
    child.kill('SIGINT');
    assert.equal(await closed, 0);
    assert.match(stdout, /\| \+I \| {20}1 \|\n(\| \+I \| +\d+ \|\n)*Query terminated, received a total of \d+ rows?\n\nWeir SQL> SHOW TABLES;\n\+------------\+\n\| table name \|/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
