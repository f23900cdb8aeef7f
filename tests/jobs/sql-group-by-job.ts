// An INSERT job of Weir SQL for the exactly-once tests: a GROUP BY over a rate-limited datagen
// sequence into a filesystem sink with the debezium-json changelog format.
//
//   weir run [-p N] [-D ...] [-s CHECKPOINT] tests/jobs/sql-group-by-job.ts OUTPUT_DIR ROWS
import { TableEnvironment } from 'weir';

const [output, rows = '60000'] = process.argv.slice(2);
if (!output) throw new Error('usage: sql-group-by-job.ts OUTPUT_DIR [ROWS]');

const tEnv = TableEnvironment.create({ mode: 'streaming' });
await tEnv.executeSql(`
  CREATE TABLE numbers (
    seq BIGINT,
    k AS seq % 7,
    v AS seq * 3 % 11
  ) WITH (
    'connector' = 'datagen',
    'rows-per-second' = '40000',
    'fields.seq.kind' = 'sequence',
    'fields.seq.start' = '1',
    'fields.seq.end' = '${rows}'
  )`);
await tEnv.executeSql(`
  CREATE TABLE totals (k BIGINT, cnt BIGINT, total BIGINT, PRIMARY KEY (k) NOT ENFORCED)
  WITH ('connector' = 'filesystem', 'path' = '${output}', 'format' = 'debezium-json')`);
const result = await tEnv.executeSql('INSERT INTO totals SELECT k, COUNT(*), SUM(v) FROM numbers GROUP BY k');
await result.getJobClient()!.result;
