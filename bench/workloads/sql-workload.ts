// Runs one of the shared Flink SQL benchmark workloads (../shared/bench/flink/workloads/*.sql)
// through Weir's SQL layer, unchanged: 00_source.sql, then the workload's file, with the same
// placeholders and base configuration as the Flink driver (bench.py), and reports rows/s.
//
//   node bench/workloads/sql-workload.ts --workload w3_groupby --parallelism 2 --records 10e6
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TableEnvironment } from 'weir';
import { jobCpuMeter, reportResult } from '../lib/report.ts';

export const SHARED_WORKLOADS = join(import.meta.dirname, '..', '..', '..', 'shared', 'bench', 'flink', 'workloads');

/** The statements of a workload as bench.py reads them: comment lines dropped, split at ';'. */
export function workloadStatements(workload: string, rows: number): string[] {
  const load = (file: string) => {
    const text = readFileSync(join(SHARED_WORKLOADS, file), 'utf8').replaceAll('{{ROWS}}', String(rows)).replaceAll('{{SEQ_END}}', String(rows - 1));
    return text.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n').split(';').map((s) => s.trim()).filter(Boolean);
  };
  return [...load('00_source.sql'), ...load(`${workload}.sql`)];
}

const { values } = parseArgs({ options: { workload: { type: 'string' }, parallelism: { type: 'string', default: '1' }, records: { type: 'string', default: '10000000' } } });
const workload = values.workload ?? 'w0_passthrough';
const parallelism = Number(values.parallelism);
const rows = Number(values.records!.replaceAll('_', ''));

// bench.py's base configuration (Flink's object reuse and state backend keys have no Weir counterpart).
const tEnv = TableEnvironment.create({
  mode: 'streaming',
  config: { 'parallelism.default': String(parallelism), 'table.local-time-zone': 'UTC', 'pipeline.auto-watermark-interval': '200 ms' },
});
const statements = workloadStatements(workload, rows);
const insert = statements.filter((s) => /^INSERT/i.test(s));
if (insert.length !== 1) throw new Error(`expected exactly one INSERT in ${workload}, got ${insert.length}`);
for (const s of statements) if (!/^INSERT/i.test(s)) await tEnv.executeSql(s);

const cpu = jobCpuMeter();
const job = (await tEnv.executeSql(insert[0]!)).getJobClient()!;
const result = await job.result;
reportResult({ workload: `sql-${workload}`, parallelism, records: rows, netRuntimeMs: result.netRuntime, jobCpuMs: cpu() });
