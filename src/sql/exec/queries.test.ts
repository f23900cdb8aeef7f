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
}));

test('CTEs, views and ORDER BY with LIMIT', () => inBothModes(async (s) => {
  await setup(s);
  await s.sql('CREATE VIEW big AS SELECT id, amount FROM orders WHERE amount >= 10');
  assert.deepEqual(await s.query('WITH b AS (SELECT * FROM big) SELECT id FROM b ORDER BY amount DESC LIMIT 2'), rowsOf([4], [6]));
}));
