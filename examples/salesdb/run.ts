// The `npm start` demo: generates Debezium change events of a sales database, runs salesdb.sql
// (three CDC tables joined and aggregated into an upsert sink), then applies the changelog the
// sink wrote and shows the final table — and checks it against the database's own final state.
//
//   node examples/salesdb/run.ts [WORK_DIR]   (default examples/salesdb: data/ and output/ go there)
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TableEnvironment, splitStatements } from 'weir';
import { expectedOrderCounts, generateSalesDb } from './generate-salesdb.ts';

const HERE = import.meta.dirname;
const WORK = resolve(process.argv[2] ?? HERE);
const DATA = join(WORK, 'data');
const OUTPUT = join(WORK, 'output');

interface ResultRow { order_count: number; cust_id: number; name: string; mktsegment: string }

/** Applies the Debezium JSON changelog of every committed part file (hidden in-progress files are skipped). */
function finalTable(dir: string): Map<number, ResultRow> {
  const table = new Map<number, ResultRow>();
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && !f.name.startsWith('.'))
    .map((f) => join(f.parentPath, f.name))
    .sort();
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      const change = JSON.parse(line) as { before: ResultRow | null; after: ResultRow | null; op: 'c' | 'd' };
      if (change.op === 'c') table.set(change.after!.cust_id, change.after!);
      else table.delete(change.before!.cust_id);
    }
  }
  return table;
}

async function main(): Promise<void> {
  const db = generateSalesDb({ dir: DATA });
  console.log(`Generated Debezium change events: ${db.customers.size} customers, ${db.sites.size} sites, ${db.orders.size} orders (after inserts, updates and deletes) in ${DATA}`);
  rmSync(OUTPUT, { recursive: true, force: true });

  // The script's paths are relative to the repository root and point into examples/salesdb/.
  process.chdir(join(HERE, '..', '..'));
  const tEnv = TableEnvironment.create({ mode: 'streaming' });
  for (const stmt of splitStatements(readFileSync(join(HERE, 'salesdb.sql'), 'utf8'))) {
    if (!stmt.text.trim()) continue;
    const firstLine = stmt.text.trim().split('\n').find((l) => !l.trim().startsWith('--'))?.trim();
    console.log(`\nWeir SQL> ${firstLine}${stmt.text.trim().includes('\n') ? ' ...' : ''}`);
    const result = await tEnv.executeSql(stmt.text.replaceAll("'examples/salesdb/", `'${WORK}/`));
    const job = result.getJobClient();
    if (job) console.log(`Job ${job.jobId} finished.`);
    else console.log('[INFO] Execute statement succeeded.');
  }

  const actual = finalTable(OUTPUT);
  const expected = expectedOrderCounts(db);
  console.log(`\nFinal state of customer_order_counts (${actual.size} customers with orders):\n`);
  console.log('cust_id  order_count  name           mktsegment');
  for (const row of [...actual.values()].sort((a, b) => a.cust_id - b.cust_id)) {
    console.log(`${String(row.cust_id).padStart(7)}  ${String(row.order_count).padStart(11)}  ${row.name.padEnd(13)}  ${row.mktsegment}`);
  }
  const mismatches = [...new Set([...actual.keys(), ...expected.keys()])].filter((id) => {
    const a = actual.get(id);
    const e = expected.get(id);
    return !a || !e || a.order_count !== e.count || a.name !== e.name || a.mktsegment !== e.segment;
  });
  if (mismatches.length) {
    console.error(`\nMISMATCH with the database's final state for customers ${mismatches.join(', ')}`);
    process.exitCode = 1;
  } else {
    console.log(`\nThe result equals what the database's final state gives for every customer (${expected.size}).`);
  }
}

await main();
