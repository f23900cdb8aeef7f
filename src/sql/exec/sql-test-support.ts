// Test-only: runs SQL end to end through a TableEnvironment over JSON-lines files, applies the
// emitted changelog and returns the final table as sorted JSON rows, in STREAMING or BATCH mode.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAccumulate } from '../../core/row-kind.ts';
import type { Row } from '../../core/row.ts';
import { TableEnvironment } from '../table/table-environment.ts';

export interface TestTable {
  /** Column declarations as in CREATE TABLE (may include computed columns and a WATERMARK). */
  readonly columns: string;
  /** Rows as objects keyed by physical column name. */
  readonly rows: readonly Record<string, unknown>[];
}

const show = (v: unknown): unknown => (typeof v === 'bigint' ? `${v}n` : v);

/** A row as text: field values in order, bigints suffixed with n. */
export const rowText = (fields: readonly unknown[]): string => JSON.stringify(fields.map(show));

/** Applies +I/+U (add) and -U/-D (remove) to a multiset of rows; throws on a retraction of a missing row. */
export function finalTable(rows: readonly Row[]): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const k = rowText(r.fields);
    const n = (counts.get(k) ?? 0) + (isAccumulate(r.kind) ? 1 : -1);
    if (n < 0) throw new Error(`retraction of a row that is not in the table: ${r.kind}${k}`);
    if (n === 0) counts.delete(k);
    else counts.set(k, n);
  }
  return [...counts].flatMap(([k, n]) => Array<string>(n).fill(k)).sort();
}

export class SqlTestSession {
  readonly env: TableEnvironment;
  readonly dir: string;

  constructor(mode: 'STREAMING' | 'BATCH', config: Record<string, string> = {}) {
    this.env = TableEnvironment.create({ mode: mode.toLowerCase() as 'streaming', config: { 'parallelism.default': '1', 'table.local-time-zone': 'UTC', ...config } });
    this.dir = mkdtempSync(join(tmpdir(), 'weir-sql-test-'));
  }

  /** A filesystem table over a JSON-lines file holding `rows`. */
  async table(name: string, t: TestTable, extra = ''): Promise<void> {
    const path = join(this.dir, `${name}.json`);
    writeFileSync(path, t.rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await this.env.executeSql(`CREATE TABLE ${name} (${t.columns}) WITH ('connector' = 'filesystem', 'path' = '${path}', 'format' = 'json'${extra})`);
  }

  async sql(statement: string): Promise<void> {
    await this.env.executeSql(statement);
  }

  /** Every row the query emits, with its kind. */
  async changelog(query: string): Promise<Row[]> {
    const result = await this.env.executeSql(query);
    const out: Row[] = [];
    for await (const r of result.collect()) out.push(r);
    return out;
  }

  /** The query's final table (changelog applied), rows as JSON text, sorted. */
  async query(query: string): Promise<string[]> {
    return finalTable(await this.changelog(query));
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs `fn` once per mode with a fresh session. */
export async function inBothModes(fn: (s: SqlTestSession, mode: 'STREAMING' | 'BATCH') => Promise<void>, config: Record<string, string> = {}): Promise<void> {
  for (const mode of ['STREAMING', 'BATCH'] as const) {
    const s = new SqlTestSession(mode, config);
    try {
      await fn(s, mode);
    } catch (e) {
      (e as Error).message = `[${mode}] ${(e as Error).message}`;
      throw e;
    } finally {
      s.close();
    }
  }
}

/** Rows as the JSON text finalTable produces, sorted. */
export const rowsOf = (...rows: unknown[][]): string[] => rows.map(rowText).sort();
