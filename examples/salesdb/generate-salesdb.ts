// Writes Debezium JSON change events for the three tables of a MySQL sales database (CUSTOMER,
// CUSTOMER_SITE, SALES_ORDER_ALL), as a Debezium MySQL connector would put them on Kafka: a
// snapshot (op r) followed by inserts, updates and deletes. Event timestamps (source.ts_ms) run up
// to 3 s out of order, but each row's changes stay in the order they happened, as in a binlog.
// Deterministic for a seed, and returns the database's final state so the demo can check itself.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Customer { CUST_ID: number; NAME: string; MKTSEGMENT: string }
export interface CustomerSite { SITE_ID: number; CUST_ID: number; ADDRESS: string; CITY: string; STATE: string; COUNTRY: string; PHONE: string }
export interface SalesOrder { ORDER_ID: number; SITE_ID: number; ORDER_DATE: number; SHIP_MODE: string }

export interface SalesDbState {
  readonly customers: Map<number, Customer>;
  readonly sites: Map<number, CustomerSite>;
  readonly orders: Map<number, SalesOrder>;
}

export interface GenerateOptions {
  readonly dir: string;
  readonly seed?: number;
  readonly customers?: number;
  readonly orders?: number;
  /** Changes after the snapshot. */
  readonly changes?: number;
}

const SEGMENTS = ['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'HOUSEHOLD', 'MACHINERY'];
const SHIP_MODES = ['AIR', 'FOB', 'MAIL', 'RAIL', 'REG AIR', 'SHIP', 'TRUCK'];
const CITIES: [string, string][] = [['Seattle', 'WA'], ['Austin', 'TX'], ['Boston', 'MA'], ['Denver', 'CO'], ['Miami', 'FL'], ['Chicago', 'IL']];
const NAMES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Vandelay'];
const START_MS = Date.UTC(2026, 10, 2, 9, 0, 0);

/** Park-Miller minimal standard generator: tiny and repeatable across platforms. */
function random(seed: number): () => number {
  let s = (seed % 2147483647) || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

type Table = 'CUSTOMER' | 'CUSTOMER_SITE' | 'SALES_ORDER_ALL';
type Op = 'r' | 'c' | 'u' | 'd';

interface ChangeEvent { table: Table; op: Op; before: object | null; after: object | null; ts: number }

/** One Debezium value (payload only, JSON converter with schemas.enable=false). */
function debezium(e: ChangeEvent, pos: number): string {
  return JSON.stringify({
    before: e.before,
    after: e.after,
    source: {
      version: '2.7.3.Final', connector: 'mysql', name: 'salesdb', ts_ms: e.op === 'r' ? 0 : e.ts,
      snapshot: e.op === 'r' ? 'true' : 'false', db: 'salesdb', sequence: null, table: e.table, server_id: e.op === 'r' ? 0 : 1,
      gtid: null, file: 'mysql-bin.000003', pos, row: 0, thread: null, query: null,
    },
    op: e.op,
    ts_ms: e.ts + 250,
    transaction: null,
  });
}

export function generateSalesDb(opts: GenerateOptions): SalesDbState {
  const rnd = random(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const nCustomers = opts.customers ?? 40;
  const nOrders = opts.orders ?? 400;
  const nChanges = opts.changes ?? 600;
  const state: SalesDbState = { customers: new Map(), sites: new Map(), orders: new Map() };
  const events: ChangeEvent[] = [];
  let clock = START_MS;
  const emit = (table: Table, op: Op, before: object | null, after: object | null) => {
    clock += 5 + Math.floor(rnd() * 20);
    events.push({ table, op, before: before && { ...before }, after: after && { ...after }, ts: clock });
  };

  // Snapshot: what the database holds when the connector starts.
  let nextSite = 1;
  for (let c = 1; c <= nCustomers; c++) {
    const customer = { CUST_ID: c, NAME: `${pick(NAMES)} ${c}`, MKTSEGMENT: pick(SEGMENTS) };
    state.customers.set(c, customer);
    emit('CUSTOMER', 'r', null, customer);
    for (let s = 0, n = 1 + Math.floor(rnd() * 3); s < n; s++) {
      const [city, st] = pick(CITIES);
      const site = { SITE_ID: nextSite, CUST_ID: c, ADDRESS: `${100 + nextSite} Main St`, CITY: city, STATE: st, COUNTRY: 'USA', PHONE: `555-${String(1000 + nextSite)}` };
      state.sites.set(nextSite++, site);
      emit('CUSTOMER_SITE', 'r', null, site);
    }
  }
  const siteIds = () => [...state.sites.keys()];
  let nextOrder = 1;
  const newOrder = (op: Op) => {
    const order = { ORDER_ID: nextOrder, SITE_ID: pick(siteIds()), ORDER_DATE: Math.floor(clock / 86_400_000), SHIP_MODE: pick(SHIP_MODES) };
    state.orders.set(nextOrder++, order);
    emit('SALES_ORDER_ALL', op, null, order);
  };
  for (let o = 0; o < nOrders; o++) newOrder('r');

  // Live changes: new orders mostly, some moved or cancelled, customers renamed or re-segmented.
  for (let i = 0; i < nChanges; i++) {
    const r = rnd();
    if (r < 0.5 || state.orders.size === 0) {
      newOrder('c');
    } else if (r < 0.65) {
      const id = pick([...state.orders.keys()]);
      const before = state.orders.get(id)!;
      const after = { ...before, SITE_ID: pick(siteIds()), SHIP_MODE: pick(SHIP_MODES) };
      state.orders.set(id, after);
      emit('SALES_ORDER_ALL', 'u', before, after);
    } else if (r < 0.8) {
      const id = pick([...state.orders.keys()]);
      emit('SALES_ORDER_ALL', 'd', state.orders.get(id)!, null);
      state.orders.delete(id);
    } else if (r < 0.93) {
      const id = pick([...state.customers.keys()]);
      const before = state.customers.get(id)!;
      const after = rnd() < 0.5 ? { ...before, MKTSEGMENT: pick(SEGMENTS) } : { ...before, NAME: `${pick(NAMES)} ${id}` };
      state.customers.set(id, after);
      emit('CUSTOMER', 'u', before, after);
    } else {
      const [city, st] = pick(CITIES);
      const site = { SITE_ID: nextSite, CUST_ID: pick([...state.customers.keys()]), ADDRESS: `${100 + nextSite} Main St`, CITY: city, STATE: st, COUNTRY: 'USA', PHONE: `555-${String(1000 + nextSite)}` };
      state.sites.set(nextSite++, site);
      emit('CUSTOMER_SITE', 'c', null, site);
    }
  }

  // Bounded disorder of event time: a change's timestamp may be up to 3 s earlier than the one before.
  for (const e of events) if (e.op !== 'r') e.ts -= Math.floor(rnd() * 3000);

  mkdirSync(opts.dir, { recursive: true });
  const files: Record<Table, string[]> = { CUSTOMER: [], CUSTOMER_SITE: [], SALES_ORDER_ALL: [] };
  events.forEach((e, i) => files[e.table].push(debezium(e, 154 + i * 313)));
  for (const [table, lines] of Object.entries(files)) writeFileSync(join(opts.dir, `${table.toLowerCase()}.jsonl`), lines.join('\n') + '\n');
  return state;
}

/** The result the demo's query must reach: orders per customer that has at least one order. */
export function expectedOrderCounts(state: SalesDbState): Map<number, { count: number; name: string; segment: string }> {
  const out = new Map<number, { count: number; name: string; segment: string }>();
  for (const o of state.orders.values()) {
    const site = state.sites.get(o.SITE_ID)!;
    const c = state.customers.get(site.CUST_ID)!;
    const prev = out.get(c.CUST_ID);
    out.set(c.CUST_ID, { count: (prev?.count ?? 0) + 1, name: c.NAME, segment: c.MKTSEGMENT });
  }
  return out;
}

if (import.meta.main) {
  const dir = process.argv[2] ?? 'examples/salesdb/data';
  const s = generateSalesDb({ dir });
  console.log(`wrote Debezium change logs for ${s.customers.size} customers, ${s.sites.size} sites, ${s.orders.size} orders to ${dir}/`);
}
