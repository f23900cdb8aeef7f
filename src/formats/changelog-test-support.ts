// Test support for the CDC formats: decode a sample file line by line, apply a changelog to a table
// keyed by primary key, and read the independently computed expected-*.json files of ../shared/testdata.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../core/row.ts';
import { rowType, Types, type LogicalType, type RowType } from '../core/types/logical-type.ts';
import type { RowFormatFactory } from './row-format.ts';

export const TESTDATA = join(import.meta.dirname, '../../../shared/testdata');

interface Expected {
  readonly table: { primary_key: string[]; columns: { name: string; type: string }[] };
  readonly changelog?: { kind: Row['kind']; row: Record<string, unknown> }[];
  readonly rows?: Record<string, unknown>[];
}

export function readExpected(file: string): Expected {
  return JSON.parse(readFileSync(join(TESTDATA, file), 'utf8')) as Expected;
}

function columnType(spec: string): LogicalType {
  if (spec.startsWith('INT')) return Types.INT(!spec.includes('NOT NULL'));
  if (spec.startsWith('FLOAT')) return Types.FLOAT();
  if (spec.startsWith('STRING')) return Types.STRING();
  throw new Error(`test support: unknown column type ${spec}`);
}

/** The table an expected file describes. */
export function expectedTable(e: Expected): RowType {
  return rowType(e.table.columns.map((c) => [c.name, columnType(c.type)]));
}

/** An expected row as field values in column order; FLOAT values rounded to float32 like the column. */
export function expectedFields(e: Expected, row: Record<string, unknown>): unknown[] {
  return e.table.columns.map((c) => {
    const v = row[c.name] ?? null;
    return typeof v === 'number' && c.type.startsWith('FLOAT') ? Math.fround(v) : v;
  });
}

/** Decodes every line of a sample file (lines numbered from 1). */
export function decodeLines(format: RowFormatFactory, file: string, type: RowType, options: Record<string, string> = {}, metadataKeys: string[] = []): Row[] {
  const rows: Row[] = [];
  const decoder = format.createDecoder({ physicalType: type, metadataKeys, options, source: file });
  const lines = readFileSync(join(TESTDATA, file), 'utf8').split('\n');
  lines.forEach((line, i) => decoder.decode(line, (r) => rows.push(r), { line: i + 1 }));
  return rows;
}

/** Applies a changelog to a table keyed by the fields at `key`; returns the rows sorted by key. */
export function applyChangelog(rows: readonly Row[], key: readonly number[]): unknown[][] {
  const table = new Map<string, unknown[]>();
  for (const r of rows) {
    const k = key.map((i) => String(r.fields[i])).join('\u0000');
    if (r.kind === '+I' || r.kind === '+U') table.set(k, r.fields);
    else if (!table.delete(k)) throw new Error(`${r.kind} of a row that is not in the table: ${k}`);
  }
  return [...table.values()].sort((a, b) => compareKeys(key.map((i) => a[i]), key.map((i) => b[i])));
}

function compareKeys(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number, y = b[i] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Asserts that `rows` are the changelog of an expected file and, applied keyed by the first field, give the final table of another. */
export function assertChangelog(changelogFile: string, finalFile: string, rows: readonly Row[]): void {
  const changelog = readExpected(changelogFile);
  assert.deepEqual(rows.map((r) => ({ kind: r.kind, fields: r.fields })), changelog.changelog!.map((c) => ({ kind: c.kind, fields: expectedFields(changelog, c.row) })));
  const final = readExpected(finalFile);
  assert.deepEqual(applyChangelog(rows, [0]), final.rows!.map((r) => expectedFields(final, r)));
}
