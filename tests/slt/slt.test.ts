// Runs every SQL golden file under tests/slt/ (format: slt-file.ts) in STREAMING and in BATCH mode.
// In STREAMING the emitted changelog is applied to a multiset, so both modes are compared with the
// same expected final rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { TableEnvironment, formatValue, type Row } from 'weir';
import { parseSlt, type Mode, type SltRecord } from './slt-file.ts';

const HERE = import.meta.dirname;
/** The shared real-world samples (CI has shared/ beside the repository). */
const TESTDATA = join(HERE, '..', '..', '..', 'shared', 'testdata');
const files = readdirSync(HERE, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.slt')).sort();

function formatRow(row: Row, types: readonly Parameters<typeof formatValue>[1][]): string {
  return row.fields.map((v, i) => (v === null || v === undefined ? 'NULL' : formatValue(v, types[i]!))).join(' | ');
}

/** Applies a changelog to a multiset of formatted rows; a retraction of an absent row is an error. */
function applyChangelog(changes: readonly { kind: string; text: string }[]): string[] {
  const rows: string[] = [];
  for (const c of changes) {
    if (c.kind === '+I' || c.kind === '+U') rows.push(c.text);
    else {
      const at = rows.indexOf(c.text);
      assert.notEqual(at, -1, `${c.kind} ${c.text} retracts a row that is not in the result`);
      rows.splice(at, 1);
    }
  }
  return rows;
}

async function runQuery(tEnv: TableEnvironment, sql: string): Promise<{ kind: string; text: string }[]> {
  const result = await tEnv.executeSql(sql);
  const types = result.getResolvedSchema().types;
  const out: { kind: string; text: string }[] = [];
  for await (const row of result.collect()) out.push({ kind: row.kind, text: formatRow(row, types) });
  return out;
}

async function runFile(records: readonly SltRecord[], mode: Mode, where: string): Promise<void> {
  const data = mkdtempSync(join(tmpdir(), 'weir-slt-'));
  try {
    const tEnv = TableEnvironment.create({ mode: mode === 'STREAMING' ? 'streaming' : 'batch', config: { 'table.local-time-zone': 'UTC', 'parallelism.default': '1' } });
    for (const r of records) {
      const at = `${where}:${r.line} (${mode})`;
      if (r.type === 'file') { writeFileSync(join(data, r.name), r.content); continue; }
      if (!r.modes.includes(mode)) continue;
      const sql = r.sql.replaceAll('${DATA}', data).replaceAll('${TESTDATA}', TESTDATA);
      if (r.type === 'statement') {
        if (r.error === undefined) {
          const result = await tEnv.executeSql(sql);
          await result.getJobClient()?.result;
        } else {
          await assert.rejects(async () => {
            const result = await tEnv.executeSql(sql);
            for await (const _ of result.collect()) { /* drain: some errors surface at run time */ }
          }, (e: Error) => {
            assert.ok(e.message.includes(r.error!), `${at}: expected an error containing '${r.error}', got: ${e.message}`);
            return true;
          }, `${at}: expected an error containing '${r.error}'`);
        }
        continue;
      }
      const changes = await runQuery(tEnv, sql);
      if (r.check === 'changelog') {
        assert.deepEqual(changes.map((c) => `${c.kind} ${c.text}`), r.expected, `${at}: changelog`);
      } else if (r.check === 'ordered') {
        assert.ok(changes.every((c) => c.kind === '+I'), `${at}: an ordered query must be insert-only`);
        assert.deepEqual(changes.map((c) => c.text), r.expected, `${at}: rows in order`);
      } else {
        assert.deepEqual(applyChangelog(changes).sort(), [...r.expected].sort(), `${at}: final rows`);
      }
    }
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

for (const file of files) {
  const where = join('tests/slt', relative(HERE, join(HERE, file)));
  const records = parseSlt(readFileSync(join(HERE, file), 'utf8'), where, (name) => readFileSync(join(HERE, dirname(file), name), 'utf8'));
  for (const mode of ['STREAMING', 'BATCH'] as const) {
    test(`${file} [${mode}]`, { timeout: 120_000 }, () => runFile(records, mode, where));
  }
}
