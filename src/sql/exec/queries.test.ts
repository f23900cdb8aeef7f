import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inBothModes, rowsOf, type SqlTestSession } from './sql-test-support.ts';

const orders = {
  columns: 'id INT, customer STRING, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL \'1\' SECOND',
  rows: [
    { id: 1, customer: 'ann', amount: 10, ts: '2024-01-01 00:00:01' },
    { id: 2, customer: 'bob', amount: 25, ts: '2024-01-01 00:00:04' },
    { id: 3, customer: 'ann', amount: 7, ts: '2024-01-01 00:00:06' },
    { id: 4, customer: 'cid', amount: 40, ts: '2024-01-01 00:00:12' },
    { id: 5, customer: 'bob', amount: 5, ts: '2024-01-01 00:00:14' },
    { id: 6, customer: 'ann', amount: 30, ts: '2024-01-01 00:00:21' },
  ],
};
const customers = {
  columns: 'name STRING, city STRING',
  rows: [{ name: 'ann', city: 'Oslo' }, { name: 'bob', city: 'Rome' }, { name: 'dan', city: 'Oslo' }],
};

async function setup(s: SqlTestSession): Promise<void> {
  await s.table('orders', orders);
  await s.table('customers', customers);
}

const ms = (t: string): number => Date.parse(t.replace(' ', 'T') + 'Z');

test('projection, filter and a computed expression', () => inBothModes(async (s) => {
  await setup(s);
  assert.deepEqual(await s.query('SELECT id, amount * 2 AS twice, UPPER(customer) FROM orders WHERE amount > 9 AND customer <> \'cid\''),
    rowsOf([1, 20, 'ANN'], [2, 50, 'BOB'], [6, 60, 'ANN']));
}));

test('GROUP BY with HAVING: final counts and sums per key', () => inBothModes(async (s) => {
  await setup(s);
  // ann: 10+7+30 = 47 (3 orders), bob: 25+5 = 30 (2), cid: 40 (1) — HAVING keeps count >= 2.
  assert.deepEqual(await s.query('SELECT customer, COUNT(*) AS n, SUM(amount) AS total FROM orders GROUP BY customer HAVING COUNT(*) >= 2'),
    rowsOf(['ann', 3, 47], ['bob', 2, 30]));
}));

test('an aggregate over an updating aggregate retracts correctly', () => inBothModes(async (s) => {
  await setup(s);
  // Orders per customer: ann 3, bob 2, cid 1 -> how many customers have each count.
  assert.deepEqual(await s.query('SELECT n, COUNT(*) FROM (SELECT customer, COUNT(*) AS n FROM orders GROUP BY customer) GROUP BY n'),
    rowsOf([1, 1], [2, 1], [3, 1]));
}));

test('global aggregate and DISTINCT', () => inBothModes(async (s) => {
  await setup(s);
  assert.deepEqual(await s.query('SELECT COUNT(*), MAX(amount), MIN(amount) FROM orders'), rowsOf([6, 40, 5]));
  assert.deepEqual(await s.query('SELECT DISTINCT customer FROM orders'), rowsOf(['ann'], ['bob'], ['cid']));
}));

test('tumbling window TVF aggregation', () => inBothModes(async (s) => {
  await setup(s);
  // 10 s windows: [0,10) ann 17 bob 25; [10,20) cid 40 bob 5; [20,30) ann 30.
  const rows = await s.query(`SELECT window_start, customer, SUM(amount) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
    GROUP BY window_start, window_end, customer`);
  const w = (t: string) => ms(`2024-01-01 00:00:${t}`);
  assert.deepEqual(rows, rowsOf([w('00'), 'ann', 17], [w('00'), 'bob', 25], [w('10'), 'cid', 40], [w('10'), 'bob', 5], [w('20'), 'ann', 30]));
}));

test('inner, left and full joins', () => inBothModes(async (s) => {
  await setup(s);
  assert.deepEqual(await s.query('SELECT o.id, c.city FROM orders o JOIN customers c ON o.customer = c.name WHERE o.amount >= 10'),
    rowsOf([1, 'Oslo'], [2, 'Rome'], [6, 'Oslo']));
  assert.deepEqual(await s.query('SELECT c.name, o.id FROM customers c LEFT JOIN orders o ON o.customer = c.name AND o.amount > 20'),
    rowsOf(['ann', 6], ['bob', 2], ['dan', null]));
  assert.deepEqual(await s.query('SELECT c.name, o.customer FROM customers c FULL JOIN (SELECT DISTINCT customer FROM orders) o ON o.customer = c.name'),
    rowsOf(['ann', 'ann'], ['bob', 'bob'], ['dan', null], [null, 'cid']));
  // A comma join with the condition in WHERE is an equi-join.
  assert.deepEqual(await s.query('SELECT o.id FROM orders o, customers c WHERE o.customer = c.name AND c.city = \'Rome\''), rowsOf([2], [5]));
}));

test('UNION ALL, UNION, VALUES, INTERSECT and EXCEPT', () => inBothModes(async (s) => {
  await setup(s);
  assert.deepEqual(await s.query('SELECT customer FROM orders WHERE amount > 20 UNION ALL SELECT name FROM customers WHERE city = \'Oslo\''),
    rowsOf(['ann'], ['ann'], ['bob'], ['cid'], ['dan']));
  assert.deepEqual(await s.query('SELECT customer FROM orders UNION SELECT name FROM customers'), rowsOf(['ann'], ['bob'], ['cid'], ['dan']));
  assert.deepEqual(await s.query('SELECT * FROM (VALUES (1, \'a\'), (2, \'b\')) AS t(x, y) WHERE x > 1'), rowsOf([2, 'b']));
  assert.deepEqual(await s.query('SELECT customer FROM orders INTERSECT SELECT name FROM customers'), rowsOf(['ann'], ['bob']));
  assert.deepEqual(await s.query('SELECT name FROM customers EXCEPT SELECT customer FROM orders'), rowsOf(['dan']));
}));

test('IN, NOT IN and correlated EXISTS subqueries', () => inBothModes(async (s) => {
  await setup(s);
  assert.deepEqual(await s.query('SELECT id FROM orders WHERE customer IN (SELECT name FROM customers WHERE city = \'Oslo\')'), rowsOf([1], [3], [6]));
  assert.deepEqual(await s.query('SELECT name FROM customers WHERE name NOT IN (SELECT customer FROM orders)'), rowsOf(['dan']));
  assert.deepEqual(await s.query('SELECT name FROM customers c WHERE EXISTS (SELECT * FROM orders o WHERE o.customer = c.name AND o.amount > 20)'),
    rowsOf(['ann'], ['bob']));
  assert.deepEqual(await s.query('SELECT name FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer = c.name)'), rowsOf(['dan']));
}));

test('Top-N per key with ROW_NUMBER', () => inBothModes(async (s) => {
  await setup(s);
  // Largest order per customer: ann 30 (id 6), bob 25 (id 2), cid 40 (id 4); the two largest overall: 40, 30.
  assert.deepEqual(await s.query(`SELECT customer, id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY amount DESC) AS rn FROM orders) WHERE rn = 1`),
    rowsOf(['ann', 6], ['bob', 2], ['cid', 4]));
  assert.deepEqual(await s.query(`SELECT id, rn FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY amount DESC) AS rn FROM orders) WHERE rn <= 2`),
    rowsOf([4, 1], [6, 2]));
}));

test('grouping sets and ROLLUP', () => inBothModes(async (s) => {
  await setup(s);
  assert.deepEqual(await s.query('SELECT customer, COUNT(*) FROM orders WHERE amount > 6 GROUP BY ROLLUP (customer)'),
    rowsOf(['ann', 3], ['bob', 1], ['cid', 1], [null, 5]));
  // CUBE over orders of 20 or more: bob 25, cid 40, ann 30; GROUPING marks the keys not grouped by.
  assert.deepEqual(await s.query('SELECT customer, amount > 30, COUNT(*), GROUPING(customer), GROUPING(customer, amount > 30) FROM orders WHERE amount >= 20 GROUP BY CUBE (customer, amount > 30)'),
    rowsOf(['ann', false, 1, 0, 0], ['bob', false, 1, 0, 0], ['cid', true, 1, 0, 0], ['ann', null, 1, 0, 1], ['bob', null, 1, 0, 1], ['cid', null, 1, 0, 1],
      [null, false, 2, 1, 2], [null, true, 1, 1, 2], [null, null, 3, 1, 3]));
}));

test('CTEs, views and ORDER BY with LIMIT', () => inBothModes(async (s) => {
  await setup(s);
  await s.sql('CREATE VIEW big AS SELECT id, amount FROM orders WHERE amount >= 10');
  assert.deepEqual(await s.query('WITH b AS (SELECT * FROM big) SELECT id FROM b ORDER BY amount DESC LIMIT 2'), rowsOf([4], [6]));
}));

test('deduplication keeps the first row per key in event time', () => inBothModes(async (s) => {
  await setup(s);
  assert.deepEqual(await s.query(`SELECT customer, id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY ts ASC) AS rn FROM orders) WHERE rn = 1`),
    rowsOf(['ann', 1], ['bob', 2], ['cid', 4]));
  assert.deepEqual(await s.query(`SELECT customer, id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY ts DESC) AS rn FROM orders) WHERE rn = 1`),
    rowsOf(['ann', 6], ['bob', 5], ['cid', 4]));
}));

test('OVER aggregates: running sum per key and a 10-second range', () => inBothModes(async (s) => {
  await setup(s);
  // ann: 10, 17, 47; bob: 25, 30; cid: 40.
  assert.deepEqual(await s.query(`SELECT id, SUM(amount) OVER (PARTITION BY customer ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM orders`),
    rowsOf([1, 10], [3, 17], [6, 47], [2, 25], [5, 30], [4, 40]));
  // Over all customers, the orders within the last 10 s (inclusive) of each order's time.
  // t=1:10; t=4:35; t=6:42; t=12: (t>=2) 25+7+40=72; t=14: (t>=4) 25+7+40+5=77; t=21: (t>=11) 40+5+30=75.
  assert.deepEqual(await s.query(`SELECT id, SUM(amount) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '10' SECOND PRECEDING AND CURRENT ROW) FROM orders`),
    rowsOf([1, 10], [2, 35], [3, 42], [4, 72], [5, 77], [6, 75]));
}));

const payments = {
  columns: 'oid INT, paid INT, pts TIMESTAMP(3), WATERMARK FOR pts AS pts - INTERVAL \'1\' SECOND',
  rows: [
    { oid: 1, paid: 10, pts: '2024-01-01 00:00:03' },
    { oid: 2, paid: 25, pts: '2024-01-01 00:00:20' },
    { oid: 4, paid: 40, pts: '2024-01-01 00:00:13' },
  ],
};

test('interval join: payments within 5 seconds after the order', () => inBothModes(async (s, mode) => {
  await setup(s);
  await s.table('payments', payments);
  const q = `SELECT o.id, p.paid FROM orders o JOIN payments p ON o.id = p.oid AND p.pts BETWEEN o.ts AND o.ts + INTERVAL '5' SECOND`;
  // order 1 at 1s paid at 3s (yes); order 2 at 4s paid at 20s (no); order 4 at 12s paid at 13s (yes).
  assert.deepEqual(await s.query(q), rowsOf([1, 10], [4, 40]));
  if (mode === 'STREAMING') {
    const { explainSql } = s.env;
    assert.match(await explainSql.call(s.env, q), /IntervalJoin\(joinType=\[InnerJoin\]/);
  }
}));

const rates = {
  columns: 'cur STRING, rate INT, rts TIMESTAMP(3), PRIMARY KEY (cur) NOT ENFORCED, WATERMARK FOR rts AS rts',
  rows: [
    { cur: 'EUR', rate: 2, rts: '2024-01-01 00:00:00' },
    { cur: 'EUR', rate: 3, rts: '2024-01-01 00:00:05' },
    { cur: 'USD', rate: 1, rts: '2024-01-01 00:00:00' },
    { cur: 'EUR', rate: 4, rts: '2024-01-01 00:00:30' },
  ],
};
const sales = {
  columns: 'sid INT, cur STRING, qty INT, sts TIMESTAMP(3), proc AS PROCTIME(), WATERMARK FOR sts AS sts',
  rows: [
    { sid: 1, cur: 'EUR', qty: 10, sts: '2024-01-01 00:00:02' },
    { sid: 2, cur: 'EUR', qty: 10, sts: '2024-01-01 00:00:07' },
    { sid: 3, cur: 'USD', qty: 5, sts: '2024-01-01 00:00:08' },
    { sid: 4, cur: 'GBP', qty: 1, sts: '2024-01-01 00:00:09' },
  ],
};

test('event-time temporal join picks the rate valid at each sale', () => inBothModes(async (s) => {
  await s.table('rates', rates);
  await s.table('sales', sales);
  // sale 1 at 2s: EUR rate 2; sale 2 at 7s: EUR rate 3; sale 3: USD 1; GBP has no version (inner join drops it).
  assert.deepEqual(await s.query('SELECT s.sid, s.qty * r.rate FROM sales s JOIN rates FOR SYSTEM_TIME AS OF s.sts AS r ON s.cur = r.cur'),
    rowsOf([1, 20], [2, 30], [3, 5]));
}));

test('processing-time temporal join looks rows up in a filesystem table', () => inBothModes(async (s) => {
  await s.table('sales', sales);
  await s.table('names', { columns: 'code STRING, label STRING', rows: [{ code: 'EUR', label: 'euro' }, { code: 'USD', label: 'dollar' }] });
  assert.deepEqual(await s.query('SELECT s.sid, n.label FROM sales s LEFT JOIN names FOR SYSTEM_TIME AS OF s.proc AS n ON s.cur = n.code'),
    rowsOf([1, 'euro'], [2, 'euro'], [3, 'dollar'], [4, null]));
}));

test('legacy group windows: GROUP BY TUMBLE with TUMBLE_START / TUMBLE_END, and SESSION', () => inBothModes(async (s) => {
  await setup(s);
  const w = (t: string) => ms(`2024-01-01 00:00:${t}`);
  assert.deepEqual(await s.query(`SELECT TUMBLE_START(ts, INTERVAL '10' SECOND), TUMBLE_END(ts, INTERVAL '10' SECOND), COUNT(*)
    FROM orders GROUP BY TUMBLE(ts, INTERVAL '10' SECOND)`),
    rowsOf([w('00'), w('10'), 3], [w('10'), w('20'), 2], [w('20'), w('30'), 1]));
  // Sessions with a 5 s gap per customer: ann {1,6} then {21}; bob {4} then {14}; cid {12}.
  assert.deepEqual(await s.query(`SELECT customer, SESSION_START(ts, INTERVAL '5' SECOND), SUM(amount) FROM orders GROUP BY customer, SESSION(ts, INTERVAL '5' SECOND)`),
    rowsOf(['ann', w('01'), 17], ['ann', w('21'), 30], ['bob', w('04'), 25], ['bob', w('14'), 5], ['cid', w('12'), 40]));
}));

test('HOP and CUMULATE window TVFs', () => inBothModes(async (s) => {
  await setup(s);
  const w = (t: string) => ms(`2024-01-01 00:00:${t}`);
  // 10 s windows sliding by 5 s over times 1,4,6,12,14,21 (amounts 10,25,7,40,5,30).
  assert.deepEqual(await s.query(`SELECT window_start, SUM(amount) FROM TABLE(HOP(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
    GROUP BY window_start, window_end`),
    rowsOf([ms('2023-12-31 23:59:55'), 35], [w('00'), 42], [w('05'), 52], [w('10'), 45], [w('15'), 30], [w('20'), 30]));
  // Cumulating 20 s windows in 10 s steps: [0,10) 42, [0,20) 87, [20,30) 30, [20,40) 30.
  assert.deepEqual(await s.query(`SELECT window_start, window_end, SUM(amount) FROM TABLE(CUMULATE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '20' SECOND))
    GROUP BY window_start, window_end`),
    rowsOf([w('00'), w('10'), 42], [w('00'), w('20'), 87], [w('20'), w('30'), 30], [w('20'), w('40'), 30]));
}));

test('window Top-N, window deduplication and window join', () => inBothModes(async (s) => {
  await setup(s);
  await s.table('payments', payments);
  const w = (t: string) => ms(`2024-01-01 00:00:${t}`);
  const tumble = (t: string) => `TABLE(TUMBLE(TABLE ${t}, DESCRIPTOR(${t === 'orders' ? 'ts' : 'pts'}), INTERVAL '10' SECOND))`;
  // The largest order of each 10 s window: [0,10) bob 25, [10,20) cid 40, [20,30) ann 30.
  assert.deepEqual(await s.query(`SELECT window_start, id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY amount DESC) AS rn FROM ${tumble('orders')}) WHERE rn <= 1`),
    rowsOf([w('00'), 2], [w('10'), 4], [w('20'), 6]));
  // Top-2 customers by total per window, over a window aggregate.
  assert.deepEqual(await s.query(`SELECT window_start, customer, total FROM (
      SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total DESC) AS rn FROM (
        SELECT window_start, window_end, customer, SUM(amount) AS total FROM ${tumble('orders')} GROUP BY window_start, window_end, customer))
    WHERE rn <= 2`),
    rowsOf([w('00'), 'bob', 25], [w('00'), 'ann', 17], [w('10'), 'cid', 40], [w('10'), 'bob', 5], [w('20'), 'ann', 30]));
  // The last order of each customer per window.
  assert.deepEqual(await s.query(`SELECT window_start, customer, id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, customer ORDER BY ts DESC) AS rn FROM ${tumble('orders')}) WHERE rn = 1`),
    rowsOf([w('00'), 'ann', 3], [w('00'), 'bob', 2], [w('10'), 'cid', 4], [w('10'), 'bob', 5], [w('20'), 'ann', 6]));
  // Orders and payments of the same id in the same window: 1 (both in [0,10)), 4 (both in [10,20)); 2 is paid in another window.
  assert.deepEqual(await s.query(`SELECT o.id, p.paid FROM (SELECT * FROM ${tumble('orders')}) o JOIN (SELECT * FROM ${tumble('payments')}) p
    ON o.window_start = p.window_start AND o.window_end = p.window_end AND o.id = p.oid`),
    rowsOf([1, 10], [4, 40]));
}));

test('the same results at parallelism 2 (keyed exchanges between worker threads)', () => inBothModes(async (s) => {
  await setup(s);
  await s.table('payments', payments);
  assert.deepEqual(await s.query('SELECT customer, COUNT(*) AS n, SUM(amount) AS total FROM orders GROUP BY customer'),
    rowsOf(['ann', 3, 47], ['bob', 2, 30], ['cid', 1, 40]));
  assert.deepEqual(await s.query('SELECT o.id, c.city FROM orders o JOIN customers c ON o.customer = c.name'),
    rowsOf([1, 'Oslo'], [2, 'Rome'], [3, 'Oslo'], [5, 'Rome'], [6, 'Oslo']));
  const w = (t: string) => ms(`2024-01-01 00:00:${t}`);
  assert.deepEqual(await s.query(`SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end`),
    rowsOf([w('00'), 3], [w('10'), 2], [w('20'), 1]));
  assert.deepEqual(await s.query(`SELECT customer, id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY amount DESC) AS rn FROM orders) WHERE rn = 1`),
    rowsOf(['ann', 6], ['bob', 2], ['cid', 4]));
}, { 'parallelism.default': '2' }));

test('user-defined scalar, table and aggregate functions', () => inBothModes(async (s) => {
  await setup(s);
  const { scalarFunction, tableFunction, aggregateFunction } = await import('../functions/user-function.ts');
  s.env.createTemporarySystemFunction('shout', scalarFunction('STRING', (x: string | null) => (x === null ? null : `${x.toUpperCase()}!`)));
  s.env.createTemporarySystemFunction('letters', tableFunction('ROW<ch STRING, pos INT>', function* (x: string) {
    for (let i = 0; i < x.length; i++) yield [x[i], i + 1];
  }));
  s.env.createTemporarySystemFunction('longest', aggregateFunction<{ best: string | null }>('STRING', {
    createAccumulator: () => ({ best: null }),
    accumulate: (acc, v: string) => { if (acc.best === null || v.length > acc.best.length) acc.best = v; },
    getValue: (acc) => acc.best,
  }));
  assert.deepEqual(await s.query('SELECT shout(name) FROM customers WHERE city = \'Rome\''), rowsOf(['BOB!']));
  assert.deepEqual(await s.query('SELECT name, ch, pos FROM customers, LATERAL TABLE(letters(name)) WHERE name = \'bob\''),
    rowsOf(['bob', 'b', 1], ['bob', 'o', 2], ['bob', 'b', 3]));
  assert.deepEqual(await s.query('SELECT city, longest(name) FROM (VALUES (\'Oslo\', \'al\'), (\'Oslo\', \'beth\'), (\'Rome\', \'cy\')) AS t(city, name) GROUP BY city'),
    rowsOf(['Oslo', 'beth'], ['Rome', 'cy']));
}));

test('mini-batch aggregation gives the same final table', () => inBothModes(async (s) => {
  await setup(s);
  assert.deepEqual(await s.query('SELECT customer, COUNT(*), MAX(amount) FROM orders GROUP BY customer'),
    rowsOf(['ann', 3, 30], ['bob', 2, 25], ['cid', 1, 40]));
}, { 'table.exec.mini-batch.enabled': 'true', 'table.exec.mini-batch.allow-latency': '100 ms', 'table.exec.mini-batch.size': '2' }));

test('INSERT INTO a filesystem sink with a column list, from VALUES and a query, as one statement set', () => inBothModes(async (s) => {
  await setup(s);
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const out = join(s.dir, 'out');
  await s.sql(`CREATE TABLE sink (id INT, who STRING, note STRING) WITH ('connector' = 'filesystem', 'path' = '${out}', 'format' = 'json')`);
  await s.sql('SET \'table.dml-sync\' = \'true\'');
  await s.sql(`EXECUTE STATEMENT SET BEGIN
    INSERT INTO sink (who, id) SELECT customer, id FROM orders WHERE amount > 20;
    INSERT INTO sink VALUES (99, 'zed', 'hand');
  END`);
  const lines = readdirSync(out, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && !f.name.startsWith('.'))
    .flatMap((f) => readFileSync(join(f.parentPath, f.name), 'utf8').split('\n').filter(Boolean));
  assert.deepEqual(lines.map((l) => JSON.parse(l)).sort((a, b) => a.id - b.id), [
    { id: 2, who: 'bob', note: null }, { id: 4, who: 'cid', note: null }, { id: 6, who: 'ann', note: null }, { id: 99, who: 'zed', note: 'hand' },
  ]);
}));

test('CROSS JOIN UNNEST of an array, with ordinality', () => inBothModes(async (s) => {
  await s.table('baskets', { columns: 'who STRING, items ARRAY<STRING>', rows: [{ who: 'ann', items: ['tea', 'jam'] }, { who: 'bob', items: [] }, { who: 'cid', items: ['egg'] }] });
  assert.deepEqual(await s.query('SELECT who, item FROM baskets CROSS JOIN UNNEST(items) AS t (item)'), rowsOf(['ann', 'tea'], ['ann', 'jam'], ['cid', 'egg']));
  assert.deepEqual(await s.query('SELECT who, item, n FROM baskets CROSS JOIN UNNEST(items) WITH ORDINALITY AS t (item, n) WHERE who = \'ann\''),
    rowsOf(['ann', 'tea', 1], ['ann', 'jam', 2]));
}));

test('SESSION window TVF with PARTITION BY, on its own and aggregated', () => inBothModes(async (s) => {
  await setup(s);
  const w = (t: string) => ms(`2024-01-01 00:00:${t}`);
  // Sessions with a 5 s gap per customer: ann [1,11) {1,6}, [21,26); bob [4,9), [14,19); cid [12,17).
  const session = `TABLE(SESSION(TABLE orders PARTITION BY customer, DESCRIPTOR(ts), INTERVAL '5' SECOND))`;
  assert.deepEqual(await s.query(`SELECT id, window_start, window_end FROM ${session} WHERE customer = 'ann'`),
    rowsOf([1, w('01'), w('11')], [3, w('01'), w('11')], [6, w('21'), w('26')]));
  assert.deepEqual(await s.query(`SELECT customer, window_start, COUNT(*) FROM ${session} GROUP BY customer, window_start, window_end`),
    rowsOf(['ann', w('01'), 2], ['ann', w('21'), 1], ['bob', w('04'), 1], ['bob', w('14'), 1], ['cid', w('12'), 1]));
}));

test('scalar subqueries: uncorrelated in SELECT and WHERE, correlated with an equality, correlated aggregates', () => inBothModes(async (s) => {
  await setup(s);
  // MIN(amount) = 5.
  assert.deepEqual(await s.query('SELECT id, amount - (SELECT MIN(amount) FROM orders) FROM orders WHERE id <= 2'), rowsOf([1, 5], [2, 20]));
  // AVG of an INT column is an INT in Flink: 117 / 6 = 19.
  assert.deepEqual(await s.query('SELECT id FROM orders WHERE amount > (SELECT AVG(amount) FROM orders)'), rowsOf([2], [4], [6]));
  assert.deepEqual(await s.query('SELECT id, (SELECT city FROM customers c WHERE c.name = o.customer) FROM orders o WHERE id IN (1, 2, 4)'),
    rowsOf([1, 'Oslo'], [2, 'Rome'], [4, null]));
  assert.deepEqual(await s.query('SELECT name, (SELECT SUM(amount) FROM orders o WHERE o.customer = c.name) FROM customers c'),
    rowsOf(['ann', 47], ['bob', 30], ['dan', null]));
}));

test('a global aggregate over no rows yields one row in BATCH and none in STREAMING', () => inBothModes(async (s, mode) => {
  await setup(s);
  assert.deepEqual(await s.query('SELECT COUNT(*), SUM(amount) FROM orders WHERE id > 100'), mode === 'BATCH' ? rowsOf([0, null]) : []);
}));

test('CDC: Debezium change logs joined and aggregated into an upsert sink keyed differently from the GROUP BY', () => inBothModes(async (s) => {
  const { readdirSync, readFileSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dbz = (op: string, before: unknown, after: unknown) => JSON.stringify({ before, after, op, source: { ts_ms: 0, db: 'shop', table: 't' } });
  writeFileSync(join(s.dir, 'cust.json'), [
    dbz('c', null, { id: 1, name: 'ann' }), dbz('c', null, { id: 2, name: 'bob' }),
    dbz('u', { id: 1, name: 'ann' }, { id: 1, name: 'anna' }), dbz('d', { id: 2, name: 'bob' }, null),
  ].join('\n') + '\n');
  writeFileSync(join(s.dir, 'ord.json'), [
    dbz('c', null, { oid: 10, cid: 1 }), dbz('c', null, { oid: 11, cid: 1 }), dbz('c', null, { oid: 12, cid: 2 }),
    dbz('d', { oid: 11, cid: 1 }, null), dbz('c', null, { oid: 13, cid: 1 }), dbz('u', { oid: 12, cid: 2 }, { oid: 12, cid: 1 }),
  ].join('\n') + '\n');
  const out = join(s.dir, 'out');
  await s.sql(`CREATE TABLE cust (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'filesystem', 'path' = '${join(s.dir, 'cust.json')}', 'format' = 'debezium-json')`);
  await s.sql(`CREATE TABLE ord (oid INT, cid INT, PRIMARY KEY (oid) NOT ENFORCED) WITH ('connector' = 'filesystem', 'path' = '${join(s.dir, 'ord.json')}', 'format' = 'debezium-json')`);
  await s.sql(`CREATE TABLE counts (id INT, name STRING, n BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'filesystem', 'path' = '${out}', 'format' = 'debezium-json')`);
  await s.sql('SET \'table.dml-sync\' = \'true\'');
  await s.sql('INSERT INTO counts SELECT c.id, c.name, COUNT(o.oid) FROM cust c JOIN ord o ON o.cid = c.id GROUP BY c.id, c.name');
  // Final: customer 1 is 'anna' with orders 10, 13 and 12 (moved from bob); bob is deleted.
  const table = new Map<number, unknown>();
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && !f.name.startsWith('.')).map((f) => join(f.parentPath, f.name)).sort();
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n').filter(Boolean)) {
      const c = JSON.parse(line) as { before: { id: number } | null; after: { id: number } | null; op: string };
      if (c.op === 'c') table.set(c.after!.id, c.after);
      else table.delete(c.before!.id);
    }
  }
  assert.deepEqual([...table.values()], [{ id: 1, name: 'anna', n: 3 }]);
}));

test('INSERT with a static partition writes the partition value', () => inBothModes(async (s) => {
  await setup(s);
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join, relative } = await import('node:path');
  const out = join(s.dir, 'parts');
  await s.sql(`CREATE TABLE part_sink (id INT, amount INT, day STRING) PARTITIONED BY (day) WITH ('connector' = 'filesystem', 'path' = '${out}', 'format' = 'json')`);
  await s.sql('SET \'table.dml-sync\' = \'true\'');
  await s.sql(`INSERT INTO part_sink PARTITION (day = '2024-01-01') SELECT id, amount FROM orders WHERE amount >= 30`);
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && !f.name.startsWith('.'));
  assert.ok(files.length > 0);
  for (const f of files) assert.equal(relative(out, f.parentPath), 'day=2024-01-01');
  const rows = files.flatMap((f) => readFileSync(join(f.parentPath, f.name), 'utf8').split('\n').filter(Boolean)).map((l) => JSON.parse(l).id).sort();
  assert.deepEqual(rows, [4, 6]);
}));

test('USING and NATURAL joins show the common columns once', () => inBothModes(async (s) => {
  await setup(s);
  assert.deepEqual(await s.query('SELECT * FROM customers JOIN (SELECT name, COUNT(*) AS n FROM (SELECT customer AS name FROM orders) GROUP BY name) USING (name)'),
    rowsOf(['ann', 'Oslo', 3], ['bob', 'Rome', 2]));
  assert.deepEqual(await s.query('SELECT name, city FROM customers NATURAL JOIN (SELECT customer AS name FROM orders WHERE amount = 40 OR amount = 5)'),
    rowsOf(['bob', 'Rome']));
}));

test('cascaded window aggregation over a window aggregate', () => inBothModes(async (s, mode) => {
  await setup(s);
  const w = (t: string) => ms(`2024-01-01 00:00:${t}`);
  const q = `SELECT window_start, SUM(n), COUNT(*) FROM (
      SELECT window_start, window_end, customer, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
      GROUP BY window_start, window_end, customer)
    GROUP BY window_start, window_end`;
  // [0,10): ann 2 + bob 1 over 2 customers; [10,20): cid 1 + bob 1; [20,30): ann 1.
  assert.deepEqual(await s.query(q), rowsOf([w('00'), 3, 2], [w('10'), 2, 2], [w('20'), 1, 1]));
  if (mode === 'STREAMING') assert.match(await s.env.explainSql(q), /WindowAggregate\(window=\[TUMBLE\(win_end=\[window_end\], size=\[10 s\]\)\]/);
}));
