// Plans whole statements: binds a query (or an INSERT's query against its sink's columns),
// rewrites it, converts it to a physical plan, creates the connectors' sources and sinks, adds
// ChangelogNormalize after upsert sources, and infers the changelog mode of every node.
import type { LogicalType, RowType } from '../../core/types/logical-type.ts';
import { formatType, withoutTimeAttribute } from '../../core/types/logical-type.ts';
import type { InsertStatement, Query } from '../ast/ast.ts';
import { formatPath, type CatalogTable } from '../catalog/catalog-objects.ts';
import { getConnector } from '../connectors/connector-registry.ts';
import type { SinkContext, SourceContext, TableConnectorFactory } from '../connectors/table-connector.ts';
import type { ExprContext } from '../expr/expr-context.ts';
import { SqlValidationError, TableError } from '../sql-errors.ts';
import { canCast, canImplicitCast } from '../types/type-rules.ts';
import { LOCAL_TIME_ZONE, MINI_BATCH_ENABLED, MINI_BATCH_LATENCY, SINK_UPSERT_MATERIALIZE } from '../table/table-options.ts';
import type { BinderContext } from './binder/binder-context.ts';
import { bindQuery, castTo, sameType } from './binder/bind-query.ts';
import { metadataKeyOf } from './binder/bind-table.ts';
import type { RelNode } from './logical/rel.ts';
import { rewrite } from './logical/rewrite.ts';
import { checkSink, inferModifyKinds, inferUpdateBefore } from './physical/changelog-inference.ts';
import type { PhysNode } from './physical/phys-node.ts';
import { uniqueKeyOf } from './physical/unique-key.ts';
import { PhysicalPlanner } from './physical/to-physical.ts';
import type { PlannerContext } from './planner.ts';
import { call, type Rex } from './rex.ts';

export function exprContext(ctx: PlannerContext): ExprContext {
  const zone = ctx.config.get(LOCAL_TIME_ZONE);
  return { timeZone: zone && zone !== 'default' ? zone : Intl.DateTimeFormat().resolvedOptions().timeZone };
}

export function binderContext(ctx: PlannerContext): BinderContext {
  return { catalog: ctx.catalog, config: ctx.config, exprCtx: exprContext(ctx), mode: ctx.mode, ctes: [] };
}

export function bindRoot(query: Query, ctx: PlannerContext): RelNode {
  return bindQuery(query, binderContext(ctx));
}

/** A planned statement: the logical plan (for EXPLAIN's AST section) and the physical plan. */
export interface PlannedStatement {
  readonly logical: RelNode;
  readonly physical: PhysNode;
  /** For INSERTs: the sink table and the names of the columns written. */
  readonly sink?: { readonly table: CatalogTable; readonly columns: readonly string[] };
}

function physicalPlanner(ctx: PlannerContext): PhysicalPlanner {
  return new PhysicalPlanner({ mode: ctx.mode, exprCtx: exprContext(ctx) });
}

export async function planQuery(query: Query, ctx: PlannerContext): Promise<PlannedStatement> {
  const logical = bindRoot(query, ctx);
  let physical = physicalPlanner(ctx).convert(rewrite(logical));
  physical = await finishPhysical(physical, ctx);
  const modify = inferModifyKinds(physical);
  // Query results are shown as a retract changelog (-U/+U), as Flink's collect does.
  inferUpdateBefore(physical, true, modify);
  return { logical, physical };
}

/** Sink columns an INSERT writes: physical ones, then persisted (non-virtual) metadata columns. */
export function sinkColumns(table: CatalogTable) {
  const physical = table.columns.filter((c) => c.kind === 'physical');
  const metadata = table.columns.filter((c) => c.kind === 'metadata' && !c.virtual);
  return { physical, metadata, all: [...physical, ...metadata] };
}

export async function planInsert(stmt: InsertStatement, ctx: PlannerContext): Promise<PlannedStatement> {
  const path = ctx.catalog.resolvePath(stmt.table);
  const table = ctx.catalog.getRelation(path);
  if (!table) throw new SqlValidationError(`Object '${stmt.table.parts.map((p) => p.name).join('.')}' not found within '${path.catalog}.${path.database}'`, stmt.table.pos);
  if (table.kind !== 'table') throw new TableError(`Table '${formatPath(path)}' is a ${table.kind === 'view' ? 'view' : 'DataStream table'}; INSERT needs a table with a connector`);
  const cols = sinkColumns(table);
  const target = cols.all;
  let query = bindRoot(stmt.query, ctx);
  // An explicit column list: the query fills those columns, the others get NULL.
  // Static partition values (`PARTITION (k='v')`) fill their columns; an explicit column list names
  // the columns the query fills; the others get NULL.
  const staticValues = new Map<number, string>();
  for (const p of stmt.staticPartition) {
    const i = target.findIndex((c) => c.name === p.key || c.name.toLowerCase() === p.key.toLowerCase());
    if (i < 0) throw new SqlValidationError(`Static partition column '${p.key}' is not a column of table '${formatPath(path)}'`, p.pos);
    staticValues.set(i, p.value);
  }
  if (stmt.columns.length || staticValues.size) {
    const positions = stmt.columns.length
      ? stmt.columns.map((id) => {
        const i = target.findIndex((c) => c.name === id.name || (!id.quoted && c.name.toLowerCase() === id.name.toLowerCase()));
        if (i < 0) throw new SqlValidationError(`Unknown target column '${id.name}'`, id.pos);
        return i;
      })
      : target.map((_, i) => i).filter((i) => !staticValues.has(i));
    if (positions.length !== query.rowType.types.length) throw columnCountError(table, query.rowType, positions.map((i) => [target[i]!.name, target[i]!.type]));
    const exprs: Rex[] = target.map((c, i) => {
      const at = positions.indexOf(i);
      const fixed = staticValues.get(i);
      if (fixed !== undefined) return call('CAST', [{ kind: 'literal', value: fixed, type: { root: 'VARCHAR', length: fixed.length, nullable: false } }], { ...c.type, nullable: false });
      if (at < 0) {
        if (!c.type.nullable) throw new SqlValidationError(`Column '${c.name}' has no default value and does not allow NULLs`, stmt.pos);
        return { kind: 'literal', value: null, type: c.type };
      }
      return { kind: 'input', index: at, type: query.rowType.types[at]! };
    });
    query = { kind: 'Project', input: query, exprs, rowType: { names: target.map((c) => c.name), types: exprs.map((e) => e.type) } };
  }
  if (query.rowType.types.length !== target.length) throw columnCountError(table, query.rowType, target.map((c) => [c.name, c.type]));
  const types = target.map((c, i) => {
    const from = query.rowType.types[i]!;
    const to = c.type;
    // VALUES literals are coerced to the column types, as Calcite does for INSERT ... VALUES.
    const coerced = stmt.query.body.kind === 'Values' && canCast(from, to);
    if (!sameType(withoutTimeAttribute(from), to) && !sinkAccepts(from, to) && !coerced) {
      throw new SqlValidationError(`Column types of query result and sink for '${formatPath(path)}' do not match.\nCause: Incompatible types for sink column '${c.name}' at position ${i}.\n\nQuery schema: [${query.rowType.names.map((n, j) => `${n}: ${formatType(query.rowType.types[j]!)}`).join(', ')}]\nSink schema:  [${target.map((t) => `${t.name}: ${formatType(t.type)}`).join(', ')}]`, stmt.pos);
    }
    return to;
  });
  const casted = castToSink(query, types, target.map((c) => c.name));
  const planner = physicalPlanner(ctx);
  let input = planner.convert(rewrite(casted));
  const pkNames = table.primaryKey ?? [];
  const pk = pkNames.map((n) => target.findIndex((c) => c.name === n));
  const options = hintOptions(table, stmt);
  const factory = await connectorOf(table, options);
  if (!factory.createSink) throw new TableError(`Connector '${options['connector']}' can only be used as a source. It cannot be used as a sink of table '${formatPath(path)}'.`);
  const sinkCtx: SinkContext = {
    path, options, physicalType: { names: cols.physical.map((c) => c.name), types: cols.physical.map((c) => c.type) },
    primaryKey: pk.length ? pk : undefined, partitionKeys: table.partitionKeys, config: ctx.config, mode: ctx.mode,
    metadataKeys: cols.metadata.map((c) => metadataKeyOf(c)),
    staticPartition: Object.fromEntries(stmt.staticPartition.map((p) => [p.key, p.value])), overwrite: stmt.overwrite,
  };
  const sink = await factory.createSink(sinkCtx);
  input = await finishPhysical(input, ctx);
  const modify0 = inferModifyKinds(input);
  const updating = modify0.get(input)!.has('U') || modify0.get(input)!.has('D');
  // Rows of one sink key may come from several upstream keys (e.g. GROUP BY a, b into a sink keyed
  // by a): their changes can arrive out of order, so they are materialised per sink key (Flink's AUTO).
  const inputKey = uniqueKeyOf(input);
  const keyed = inputKey !== undefined && inputKey.every((k) => pk.includes(k));
  const setting = ctx.config.get(SINK_UPSERT_MATERIALIZE);
  const materialize = ctx.mode === 'STREAMING' && updating && pk.length > 0 && (setting === 'FORCE' || (setting === 'AUTO' && !keyed));
  if (updating && pk.length && ctx.mode === 'STREAMING') input = planner.exchange(input, pk);
  if (materialize) input = { kind: 'SinkUpsertMaterializer', inputs: [input], rowType: input.rowType, primaryKey: pk, upsertKey: inputKey };
  const sinkNode: PhysNode = {
    kind: 'Sink', inputs: [input], rowType: input.rowType, path, sink, primaryKey: pk.length ? pk : undefined, upsertMaterialize: materialize,
    fields: target.map((c) => c.name),
  };
  const modify = inferModifyKinds(sinkNode);
  // In BATCH the final table reaches the sink as inserts (see exec/batch-materialize.ts).
  const { needsUpdateBefore } = ctx.mode === 'BATCH' ? { needsUpdateBefore: true } : checkSink(sinkNode as Extract<PhysNode, { kind: 'Sink' }>, modify);
  inferUpdateBefore(sinkNode, needsUpdateBefore, modify);
  return { logical: casted, physical: sinkNode, sink: { table, columns: target.map((c) => c.name) } };
}

/**
 * Whether a query column fits a sink column (Flink's implicit casts by type family: wider numbers,
 * any DECIMAL from integers and decimals, strings and binaries of any length, timestamps).
 */
function sinkAccepts(from: LogicalType, to: LogicalType): boolean {
  if (canImplicitCast(from, to)) return true;
  const family = (t: LogicalType): string => (t.root === 'CHAR' || t.root === 'VARCHAR' ? 'string' : t.root === 'BINARY' || t.root === 'VARBINARY' ? 'binary' : t.root);
  if (family(from) === family(to) && (family(to) === 'string' || family(to) === 'binary' || to.root === 'DECIMAL')) return true;
  return to.root === 'DECIMAL' && ['TINYINT', 'SMALLINT', 'INT', 'BIGINT'].includes(from.root);
}

function hintOptions(table: CatalogTable, stmt: InsertStatement): Record<string, string> {
  const out: Record<string, string> = { ...table.options };
  for (const h of stmt.hints) if (h.name.toUpperCase() === 'OPTIONS') for (const p of h.options) out[p.key] = p.value;
  return out;
}

function columnCountError(table: CatalogTable, query: RowType, sink: [string, LogicalType][]): SqlValidationError {
  return new SqlValidationError(`Column types of query result and sink for '${formatPath(table.path)}' do not match.\nCause: Different number of columns.\n\nQuery schema: [${query.names.map((n, i) => `${n}: ${formatType(query.types[i]!)}`).join(', ')}]\nSink schema:  [${sink.map(([n, t]) => `${n}: ${formatType(t)}`).join(', ')}]`);
}

/** Casts query columns to the sink's types where they differ (beyond time attributes and nullability). */
function castToSink(rel: RelNode, types: readonly LogicalType[], names: readonly string[]): RelNode {
  const exprs: Rex[] = rel.rowType.types.map((t, i) => {
    const ref: Rex = { kind: 'input', index: i, type: t };
    const to = types[i]!;
    // The same type up to nullability (NOT NULL into nullable) needs no cast.
    if (sameType({ ...withoutTimeAttribute(t), nullable: to.nullable }, to)) return ref;
    return call('CAST', [ref], { ...to, nullable: t.nullable });
  });
  if (exprs.every((e, i) => e.kind === 'input' && e.index === i) && names.every((n, i) => n === rel.rowType.names[i])) return rel;
  return castTo({ kind: 'Project', input: rel, exprs, rowType: { names, types: exprs.map((e) => e.type) } }, exprs.map((e) => e.type), names);
}

async function connectorOf(table: CatalogTable, options: Readonly<Record<string, string>>): Promise<TableConnectorFactory> {
  const id = options['connector'];
  if (!id) throw new TableError(`Table options do not contain an option key 'connector' for discovering a connector. Table: ${formatPath(table.path)}`);
  return getConnector(id, `table '${formatPath(table.path)}'`);
}

function contains(n: PhysNode, kind: PhysNode['kind']): boolean {
  return n.kind === kind || n.inputs.some((i) => contains(i, kind));
}

/**
 * Creates the sources of the plan's scans and lookup joins; adds ChangelogNormalize after upsert
 * sources, and with mini-batch on, a MiniBatchAssigner after each source of a plan that aggregates.
 */
export async function finishPhysical(root: PhysNode, ctx: PlannerContext): Promise<PhysNode> {
  const miniBatch = ctx.mode === 'STREAMING' && ctx.config.get(MINI_BATCH_ENABLED) && contains(root, 'GroupAggregate');
  const visit = async (n: PhysNode): Promise<PhysNode> => {
    const inputs = await Promise.all(n.inputs.map(visit));
    const node = inputs.every((x, i) => x === n.inputs[i]) ? n : ({ ...n, inputs } as PhysNode);
    if (node.kind === 'TableSourceScan' || node.kind === 'LookupJoin') {
      const table = node.table;
      const physical = table.columns.filter((c) => c.kind === 'physical');
      const pkNames = table.primaryKey ?? [];
      const pk = pkNames.map((k) => physical.findIndex((c) => c.name === k));
      const factory = await connectorOf(table, node.options);
      if (!factory.createSource) throw new TableError(`Connector '${node.options['connector']}' can only be used as a sink. It cannot be used as a source of table '${formatPath(table.path)}'.`);
      const sctx: SourceContext = {
        path: table.path, options: node.options, physicalType: { names: physical.map((c) => c.name), types: physical.map((c) => c.type) },
        primaryKey: pk.length ? pk : undefined, partitionKeys: table.partitionKeys, config: ctx.config, mode: ctx.mode,
        metadataKeys: node.kind === 'TableSourceScan' ? node.metadataKeys : [], projectedFields: node.kind === 'TableSourceScan' ? node.projectedFields : undefined,
      };
      const source = await factory.createSource(sctx);
      if (node.kind === 'LookupJoin') {
        if (!source.createLookup) throw new TableError(`Table '${formatPath(table.path)}' of connector '${node.options['connector']}' does not support lookups; a processing-time temporal join needs a lookup source`);
        return { ...node, source };
      }
      let scan: PhysNode = { ...node, source };
      if (miniBatch) scan = { kind: 'MiniBatchAssigner', inputs: [scan], rowType: scan.rowType, intervalMs: ctx.config.get(MINI_BATCH_LATENCY) };
      if (source.changelogMode.upsert && ctx.mode === 'STREAMING') {
        if (!pk.length) throw new TableError(`Table '${formatPath(table.path)}' produces an upsert changelog and needs a PRIMARY KEY`);
        const keyed: PhysNode = { kind: 'Exchange', inputs: [scan], rowType: scan.rowType, distribution: 'hash', keys: pk.map((index) => ({ kind: 'input', index, type: scan.rowType.types[index]! })) };
        return { kind: 'ChangelogNormalize', inputs: [keyed], rowType: scan.rowType, uniqueKey: pk };
      }
      return scan;
    }
    return node;
  };
  return visit(root);
}
