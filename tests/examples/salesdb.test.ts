// The `npm start` demo (examples/salesdb): the upsert sink's final table equals the order counts
// computed from the generator's final database state, and the script runs unchanged in `weir sql`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expectedOrderCounts, generateSalesDb } from '../../examples/salesdb/generate-salesdb.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'salesdb');

test('npm start (examples/salesdb/run.ts) ends with the database final state, checked by the demo itself', { timeout: 120_000 }, async () => {
  const work = mkdtempSync(join(tmpdir(), 'weir-salesdb-'));
  const { stdout } = await run(process.execPath, [join(EXAMPLE, 'run.ts'), work], { cwd: ROOT });
  rmSync(work, { recursive: true, force: true });
  assert.match(stdout, /Final state of customer_order_counts \(40 customers with orders\)/);
  assert.match(stdout, /The result equals what the database's final state gives for every customer \(40\)\./);
});

test('weir sql -p 2 -f salesdb.sql writes a changelog whose final table is the expected one', { timeout: 120_000 }, async () => {
  // The script as a user runs it, with its paths pointed at a private directory.
  const work = mkdtempSync(join(tmpdir(), 'weir-salesdb-'));
  const db = generateSalesDb({ dir: join(work, 'data') });
  const output = join(work, 'output');
  const script = join(work, 'salesdb.sql');
  writeFileSync(script, readFileSync(join(EXAMPLE, 'salesdb.sql'), 'utf8').replaceAll("'examples/salesdb/", `'${work}/`));
  const { stdout } = await run(process.execPath, [join(ROOT, 'src', 'cli', 'main.ts'), 'sql', '-p', '2', '-f', script], { cwd: ROOT });
  assert.match(stdout, /\[INFO\] Complete execution of the SQL update statement\./);
  // Part files sort in the order they were written; apply the Debezium JSON lines by customer.
  const table = new Map<number, string>();
  const files = readdirSync(output, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && !f.name.startsWith('.')).map((f) => join(f.parentPath, f.name)).sort();
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const c = JSON.parse(line) as { op: string; before: { cust_id: number } | null; after: { cust_id: number; order_count: number; name: string; mktsegment: string } | null };
      if (c.op === 'c') table.set(c.after!.cust_id, `${c.after!.order_count} ${c.after!.name} ${c.after!.mktsegment}`);
      else table.delete(c.before!.cust_id);
    }
  }
  rmSync(work, { recursive: true, force: true });
  const expected = new Map([...expectedOrderCounts(db)].map(([id, e]) => [id, `${e.count} ${e.name} ${e.segment}`]));
  assert.deepEqual(new Map([...table].sort((a, b) => a[0] - b[0])), new Map([...expected].sort((a, b) => a[0] - b[0])));
});
