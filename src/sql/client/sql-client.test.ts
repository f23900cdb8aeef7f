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
