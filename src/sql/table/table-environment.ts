// The entry point of SQL and the Table API (Flink's TableEnvironment / StreamTableEnvironment): a
// session with its catalogs, configuration and functions, that runs SQL statements. Queries and
// INSERTs become jobs on a fresh StreamExecutionEnvironment built from the session configuration.
//
// executeSql is async (unlike Flink's) because connectors, formats and UDF modules load lazily.
//
// @example
//   const tEnv = TableEnvironment.create({ mode: 'streaming' });
//   await tEnv.executeSql(`CREATE TABLE t (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3')`);
//   const result = await tEnv.executeSql('SELECT id FROM t');
//   for await (const row of result.collect()) console.log(row.kind, row.fields);
//
// Worker threads (parallelism > 1) rebuild a job by replaying the session's statements in
// sql-job-module.ts; sessions with objects registered from TypeScript (functions, DataStreams)
// cannot be replayed, and their job module is the program that runs them, as for DataStream jobs.
import { Configuration } from '../../core/config.ts';
import * as o from '../../core/config-options.ts';
import { insertRow, type Row } from '../../core/row.ts';
import { Types, type RowType } from '../../core/types/logical-type.ts';
import { StreamExecutionEnvironment } from '../../api/stream-execution-environment.ts';
import type { DataStream } from '../../api/data-stream.ts';
import type { JobClient } from '../../api/job-client.ts';
import type { CreateTableAs, InsertStatement, Query, Statement } from '../ast/ast.ts';
import { CatalogManager } from '../catalog/catalog-manager.ts';
import { formatPath, type CatalogTable, type DataStreamTable } from '../catalog/catalog-objects.ts';
import { CATALOG_STATEMENTS, executeCatalogStatement, type StatementOutcome } from '../catalog/catalog-statements.ts';
import { asUserFunction, checkReturnType } from '../catalog/function-loader.ts';
import { ALL_CHANGES, INSERT_ONLY, type ChangelogMode } from '../connectors/table-connector.ts';
import type { LoadedUserFunction } from '../functions/user-function.ts';
import { parseDataType, parseStatement } from '../parser/index.ts';
import { explain, translateInserts, translateQuery, validateQuery, type PlannerContext } from '../planner/planner.ts';
import { builtinFunctionNames } from '../catalog/builtin-function-names.ts';
import { TableError } from '../sql-errors.ts';
import { toLogicalType } from '../types/type-from-spec.ts';
import { RowQueue } from './row-queue.ts';
import { DML_SYNC, PIPELINE_NAME, TableConfig } from './table-config.ts';
import { TableResult } from './table-result.ts';
import { Table } from './table.ts';
import { StatementSet } from './statement-set.ts';

export interface TableEnvironmentOptions {
  /** STREAMING (default) or BATCH; also `execution.runtime-mode` in `config`. */
  readonly mode?: 'streaming' | 'batch';
  /** Initial session configuration: what RESET returns to. */
  readonly config?: Readonly<Record<string, string>> | Configuration;
  /** Directory against which relative module paths of CREATE FUNCTION resolve first (default: the working directory). */
  readonly baseDir?: string;
}

/** Where a statement comes from: its first line in a script (positions in errors count from it) and the directory for relative paths. */
export interface StatementOrigin {
  /** Lines before the statement in its script (a splitStatements piece's `line - 1`). */
  readonly lineOffset?: number;
  /** Columns before the statement on its first line (the piece's `column - 1`). */
  readonly columnOffset?: number;
  readonly baseDir?: string;
}

/** A statement of the session that worker threads replay to rebuild a job. */
interface SessionOp {
  readonly sql: string;
  readonly lineOffset: number;
  readonly columnOffset?: number;
  readonly baseDir: string;
  /** CREATE TABLE AS SELECT replays only the table's creation. */
  readonly ddlOnly?: boolean;
}

/** What sql-job-module.ts needs to rebuild a job in a worker thread. */
export interface SqlJobPayload {
  readonly config: Record<string, string>;
  readonly ops: readonly SessionOp[];
  readonly statement: SessionOp;
}

const SQL_JOB_MODULE = new URL('./sql-job-module.ts', import.meta.url).href;
const REPLAYED = new Set<Statement['kind']>([
  'CreateTable', 'CreateView', 'CreateFunction', 'CreateCatalog', 'CreateDatabase', 'DropTable', 'DropView', 'DropFunction',
  'DropCatalog', 'DropDatabase', 'AlterTable', 'UseStatement', 'SetStatement', 'ResetStatement',
]);

function stringConfig(config: TableEnvironmentOptions['config']): Record<string, string> {
  if (!config) return {};
  const entries = config instanceof Configuration ? Object.entries(config.toJSON()) : Object.entries(config);
  return Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
}

export class TableEnvironment {
  readonly #catalog = new CatalogManager();
  readonly #config: TableConfig;
  readonly #baseDir: string;
  readonly #streamEnv: StreamExecutionEnvironment | undefined;
  readonly #ops: SessionOp[] = [];
  readonly #jobs: { client: JobClient; start: number }[] = [];
  /** False once the session holds objects registered from TypeScript, which worker threads cannot rebuild from SQL. */
  #replayable = true;
  #hasStreamTables = false;
  #unnamed = 0;

  private constructor(config: Record<string, string>, baseDir: string, streamEnv?: StreamExecutionEnvironment) {
    this.#config = new TableConfig(config);
    this.#baseDir = baseDir;
    this.#streamEnv = streamEnv;
    if (streamEnv) this.#replayable = false;
  }

  static create(opts: TableEnvironmentOptions = {}): TableEnvironment {
    const config = stringConfig(opts.config);
    if (opts.mode) config[o.RUNTIME_MODE.key] = opts.mode.toUpperCase();
    return new TableEnvironment(config, opts.baseDir ?? process.cwd());
  }

  /**
   * A table environment bound to a DataStream program's environment: fromDataStream/toDataStream
   * convert between the two, and queries are added to `env` (which runs them with the program's
   * other operators).
   */
  static fromStreamEnvironment(env: StreamExecutionEnvironment): TableEnvironment {
    return new TableEnvironment({}, process.cwd(), env);
  }

  // ---- configuration and catalog ----

  getConfig(): TableConfig {
    return this.#config;
  }

  /** @internal The catalog (for the SQL client's completion and tests). */
  get catalogManager(): CatalogManager {
    return this.#catalog;
  }

  get mode(): 'STREAMING' | 'BATCH' {
    return this.#sessionConfig().get(o.RUNTIME_MODE) === 'BATCH' ? 'BATCH' : 'STREAMING';
  }

  /** The session's options over those of the bound DataStream environment, if any. */
  #sessionConfig(): Configuration {
    return this.#streamEnv ? this.#streamEnv.config.merge(this.#config.configuration()) : this.#config.configuration();
  }

  /** The session time zone (`table.local-time-zone`; 'default' is the system's). */
  get zone(): string {
    const z = this.#config.get('table.local-time-zone');
    return z && z !== 'default' ? z : Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  plannerContext(): PlannerContext {
    return { catalog: this.#catalog, config: this.#sessionConfig(), mode: this.mode };
  }

  getCurrentCatalog(): string {
    return this.#catalog.currentCatalog;
  }

  getCurrentDatabase(): string {
    return this.#catalog.currentDatabase;
  }

  useCatalog(name: string): void {
    this.#catalog.useCatalog(name);
    this.#ops.push({ sql: `USE CATALOG ${quote(this.#catalog.currentCatalog)}`, lineOffset: 0, baseDir: this.#baseDir });
  }

  useDatabase(name: string): void {
    this.#catalog.useDatabase([name]);
    this.#ops.push({ sql: `USE ${quote(this.#catalog.currentDatabase)}`, lineOffset: 0, baseDir: this.#baseDir });
  }

  listCatalogs(): string[] {
    return this.#catalog.listCatalogs();
  }

  listDatabases(): string[] {
    return this.#catalog.listDatabases();
  }

  /** Tables and views of the current database, temporary and permanent, sorted. */
  listTables(): string[] {
    return this.#catalog.listRelations(this.#catalog.currentCatalog, this.#catalog.currentDatabase).map((r) => r.path.name).sort();
  }

  listViews(): string[] {
    return this.#catalog.listRelations(this.#catalog.currentCatalog, this.#catalog.currentDatabase).filter((r) => r.kind !== 'table').map((r) => r.path.name).sort();
  }

  listUserDefinedFunctions(): string[] {
    return this.#catalog.listUserFunctions().map((f) => f.path.name).sort();
  }

  /** Registers a TypeScript function under `name` (Flink's createTemporarySystemFunction). */
  createTemporarySystemFunction(name: string, fn: LoadedUserFunction | (new () => unknown)): void {
    const impl = asUserFunction(fn);
    if (!impl) throw new TableError(`createTemporarySystemFunction('${name}'): not a user-defined function (use scalarFunction(), tableFunction() or aggregateFunction(), or a class with eval or accumulate and 'returns')`);
    checkReturnType(impl, name);
    this.#catalog.createFunction({ kind: 'function', path: { catalog: '', database: '', name }, temporary: true, impl }, true, false);
    this.#replayable = false;
  }

  // ---- SQL ----

  /**
   * Runs one statement. DDL, SET, SHOW and DESCRIBE complete at once; a query returns as soon as
   * its job runs (rows stream through collect()/print()); an INSERT returns once its job is
   * submitted (await `result.await()`), or when it ends if `table.dml-sync` is true.
   */
  async executeSql(statement: string, origin: StatementOrigin = {}): Promise<TableResult> {
    const op: SessionOp = { sql: statement, lineOffset: origin.lineOffset ?? 0, columnOffset: origin.columnOffset ?? 0, baseDir: origin.baseDir ?? this.#baseDir };
    return this.#execute(parseStatement(statement, op), op);
  }

  /** A query as a Table, to run, convert to a DataStream, or insert. */
  async sqlQuery(query: string): Promise<Table> {
    const stmt = parseStatement(query);
    if (stmt.kind !== 'QueryStatement') throw new TableError(`sqlQuery() takes a query (SELECT, VALUES, WITH); use executeSql() for ${stmt.kind.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase()}`);
    return new Table(this, stmt.query, query.trim().replace(/;\s*$/, ''), validateQuery(stmt.query, this.plannerContext()));
  }

  /** EXPLAIN of a query, INSERT or statement set; `details` as in EXPLAIN (CHANGELOG_MODE, ESTIMATED_COST, JSON_EXECUTION_PLAN). */
  async explainSql(statement: string, ...details: string[]): Promise<string> {
    const stmt = parseStatement(statement);
    const target = stmt.kind === 'ExplainStatement' ? stmt.statement : stmt;
    if (target.kind !== 'QueryStatement' && target.kind !== 'InsertStatement' && target.kind !== 'StatementSet') {
      throw new TableError('explainSql() takes a query, an INSERT or a statement set');
    }
    return explain(target, this.plannerContext(), stmt.kind === 'ExplainStatement' ? [...stmt.details, ...details] : details);
  }

  createStatementSet(): StatementSet {
    return new StatementSet(this);
  }

  // ---- DataStream conversion ----

  /**
   * A table over a stream of rows: Rows, arrays of field values, or objects with a property per
   * column. `schema` names and types the columns: a RowType or `'id INT, name STRING'`.
   * `opts.rowtime` names a TIMESTAMP(3) column that carries the stream's event time.
   */
  fromDataStream(stream: DataStream<any>, schema: RowType | string, opts: { rowtime?: string } = {}): Promise<Table> {
    return this.#registerStream(stream, schema, INSERT_ONLY, opts.rowtime);
  }

  /** Like fromDataStream for a stream of Rows of any kind (+I -U +U -D). */
  fromChangelogStream(stream: DataStream<any>, schema: RowType | string): Promise<Table> {
    return this.#registerStream(stream, schema, ALL_CHANGES, undefined);
  }

  /** Registers a stream (like fromDataStream) or a Table (as a temporary view) under `name`. */
  async createTemporaryView(name: string, source: DataStream<any> | Table, schema?: RowType | string): Promise<void> {
    if (source instanceof Table) {
      await this.executeSql(`CREATE TEMPORARY VIEW ${quote(name)} AS ${source.queryText}`);
      return;
    }
    if (!schema) throw new TableError(`createTemporaryView('${name}'): a DataStream needs a schema ('id INT, name STRING')`);
    this.#addStreamTable(name, source, schema, INSERT_ONLY, undefined);
  }

  /** The rows of an insert-only table as a DataStream of Rows (in the environment given to fromStreamEnvironment). */
  async toDataStream(table: Table | string): Promise<DataStream<Row>> {
    const t = await this.#translateForStream(table);
    if (t.changelogMode.kinds.some((k) => k !== '+I')) {
      throw new TableError(`Table sink '*anonymous_datastream_sink*' doesn't support consuming update and delete changes; use toChangelogStream() for an updating table`);
    }
    return t.stream;
  }

  /** The rows of any table with their RowKind (in the environment given to fromStreamEnvironment). */
  async toChangelogStream(table: Table | string): Promise<DataStream<Row>> {
    return (await this.#translateForStream(table)).stream;
  }

  /**
   * @internal Registers a Table as a temporary view named `UnnamedTable$<n>` and returns the name,
   * so that a Table can be written into SQL text: `tEnv.sqlQuery(`SELECT * FROM ${table}`)`.
   */
  registerUnnamed(table: Table): string {
    const name = `UnnamedTable$${this.#unnamed++}`;
    const path = this.#catalog.resolveParts([this.#catalog.currentCatalog, this.#catalog.currentDatabase, name]);
    const schema = table.getResolvedSchema();
    this.#catalog.createRelation({ kind: 'view', path, temporary: true, columnNames: schema.names, query: table.query, queryText: table.queryText }, false);
    this.#ops.push({ sql: `CREATE TEMPORARY VIEW ${quote(name)} AS ${table.queryText}`, lineOffset: 0, baseDir: this.#baseDir });
    return quote(name);
  }

  // ---- internals ----

  /** @internal Runs a parsed statement; `op` is its text and origin for replay in worker threads. */
  async executeParsed(stmt: Statement, op: { sql: string; lineOffset?: number; columnOffset?: number; baseDir?: string; ddlOnly?: boolean }): Promise<TableResult> {
    return this.#execute(stmt, { ...op, lineOffset: op.lineOffset ?? 0, baseDir: op.baseDir ?? this.#baseDir });
  }

  async #execute(stmt: Statement, op: SessionOp): Promise<TableResult> {
    const result = await this.#dispatch(stmt, op);
    if (REPLAYED.has(stmt.kind) || stmt.kind === 'CreateTableAs') this.#ops.push(stmt.kind === 'CreateTableAs' ? { ...op, ddlOnly: true } : op);
    return result;
  }

  async #dispatch(stmt: Statement, op: SessionOp): Promise<TableResult> {
    switch (stmt.kind) {
      case 'QueryStatement':
        return this.#runQuery(stmt.query, op);
      case 'InsertStatement':
        return this.#runInserts([stmt], op);
      case 'StatementSet':
        return this.#runInserts(stmt.inserts, op);
      case 'CreateTableAs':
        return this.#createTableAs(stmt, op);
      case 'ExplainStatement':
        return TableResult.ofRows({ names: ['result'], types: [Types.STRING(false)] }, [[await explain(stmt.statement, this.plannerContext(), stmt.details)]], { raw: true });
      case 'SetStatement':
        if (stmt.key === undefined) return TableResult.ofRows({ names: ['key', 'value'], types: [Types.STRING(false), Types.STRING(false)] }, this.#config.entries());
        this.#config.set(stmt.key, stmt.value ?? '');
        return TableResult.ok();
      case 'ResetStatement':
        this.#config.reset(stmt.key);
        return TableResult.ok();
      case 'ShowStatement':
        if (stmt.what === 'JOBS') return this.#showJobs();
        break;
      case 'HelpStatement':
      case 'QuitStatement':
        throw new TableError(`${stmt.kind === 'HelpStatement' ? 'HELP' : 'QUIT'} is a command of the SQL client (weir sql), not a statement`);
    }
    if (!CATALOG_STATEMENTS.has(stmt.kind)) throw new TableError(`Unsupported statement: ${stmt.kind}`);
    const outcome: StatementOutcome = await executeCatalogStatement(stmt, {
      ...this.plannerContext(), catalog: this.#catalog, baseDir: op.baseDir, builtinFunctions: builtinFunctionNames,
    });
    return outcome.kind === 'ok' ? TableResult.ok() : TableResult.ofRows(outcome.schema, outcome.rows, { raw: outcome.raw, zone: this.zone });
  }

  #showJobs(): TableResult {
    const schema: RowType = { names: ['job id', 'job name', 'status', 'start time'], types: [Types.STRING(false), Types.STRING(false), Types.STRING(false), Types.TIMESTAMP_LTZ(3, false)] };
    return TableResult.ofRows(schema, this.#jobs.map((j) => [j.client.jobId, j.client.jobName, j.client.getJobStatus(), j.start]), { zone: this.zone });
  }

  /**
   * A stream environment for one job, from the session configuration. Tables over DataStreams live
   * in the bound environment's graph, so once there are any, jobs are built there (and run with
   * whatever else the program added to it).
   */
  #newStreamEnv(): StreamExecutionEnvironment {
    if (this.#streamEnv && this.#hasStreamTables) return this.#streamEnv;
    return new StreamExecutionEnvironment(this.#sessionConfig());
  }

  #jobName(fallback: string): string {
    return this.#config.getOption(PIPELINE_NAME) || fallback;
  }

  #useJobModule(env: StreamExecutionEnvironment, op: SessionOp): void {
    if (!this.#replayable) return;
    const payload: SqlJobPayload = { config: this.#config.initialValues(), ops: [...this.#ops], statement: op };
    env.setJobModule({ url: SQL_JOB_MODULE, argv: [JSON.stringify(payload)] });
  }

  #track(client: JobClient): void {
    this.#jobs.push({ client, start: Date.now() });
  }

  async #runQuery(query: Query, op: SessionOp): Promise<TableResult> {
    const env = this.#newStreamEnv();
    const translated = await translateQuery(query, this.plannerContext(), env);
    const collectId = env.addCollectSink(translated.stream);
    this.#useJobModule(env, op);
    let client: JobClient | undefined;
    const queue = new RowQueue(() => void client?.cancel());
    client = await env.executeAsync(this.#jobName('collect'), { [collectId]: (values) => queue.push(values as Row[]) });
    client.result.then(() => queue.end(), (e) => queue.fail(e));
    this.#track(client);
    return TableResult.ofQuery({
      schema: translated.schema, queue, jobClient: client, changelogMode: translated.changelogMode,
      uniqueKey: translated.uniqueKey, streaming: this.mode === 'STREAMING', zone: this.zone,
    });
  }

  async #runInserts(inserts: readonly InsertStatement[], op: SessionOp): Promise<TableResult> {
    if (inserts.length === 0) throw new TableError('A statement set needs at least one INSERT');
    const sinks = inserts.map((i) => formatPath(this.#catalog.resolvePath(i.table)));
    const env = this.#newStreamEnv();
    await translateInserts(inserts, this.plannerContext(), env);
    this.#useJobModule(env, op);
    const client = await env.executeAsync(this.#jobName(`insert-into_${sinks.join(',')}`));
    this.#track(client);
    if (this.#config.getOption(DML_SYNC)) await client.result;
    return TableResult.ofInsert(sinks, client);
  }

  /** CREATE TABLE t WITH (...) AS SELECT: a table with the query's columns, filled by an INSERT job. */
  async #createTableAs(stmt: CreateTableAs, op: SessionOp): Promise<TableResult> {
    const path = this.#catalog.resolvePath(stmt.name);
    const schema = validateQuery(stmt.query, this.plannerContext());
    const options = Object.fromEntries(stmt.options.map((p) => [p.key, p.value]));
    if (options.connector === undefined) throw new TableError(`Table options do not contain an option key 'connector' for discovering a connector. Table: ${formatPath(path)}`);
    const table: CatalogTable = {
      kind: 'table', path, temporary: stmt.temporary, partitionKeys: [], options,
      columns: schema.names.map((name, i) => ({ kind: 'physical', name, type: schema.types[i]! })),
    };
    if (!this.#catalog.createRelation(table, stmt.ifNotExists) && stmt.ifNotExists) return TableResult.ok();
    if (op.ddlOnly) return TableResult.ok();
    const insert: InsertStatement = { kind: 'InsertStatement', pos: stmt.pos, overwrite: false, table: stmt.name, hints: [], staticPartition: [], columns: [], query: stmt.query };
    return this.#runInserts([insert], op);
  }

  async #registerStream(stream: DataStream<any>, schema: RowType | string, mode: ChangelogMode, rowtime: string | undefined): Promise<Table> {
    const name = `UnnamedTable$${this.#unnamed++}`;
    this.#addStreamTable(name, stream, schema, mode, rowtime);
    return this.sqlQuery(`SELECT * FROM \`${name}\``);
  }

  #addStreamTable(name: string, stream: DataStream<any>, schemaSpec: RowType | string, mode: ChangelogMode, rowtime: string | undefined): void {
    const schema = typeof schemaSpec === 'string' ? rowTypeOf(schemaSpec) : schemaSpec;
    const rowtimeIndex = rowtime === undefined ? undefined : schema.names.indexOf(rowtime);
    if (rowtimeIndex === -1) throw new TableError(`fromDataStream: rowtime column '${rowtime}' is not in the schema (${schema.names.join(', ')})`);
    const names = schema.names;
    const rows = stream.map((v: unknown): Row => {
      if (Array.isArray(v)) return insertRow(v);
      const r = v as Row;
      if (r && typeof r === 'object' && 'kind' in r && Array.isArray(r.fields)) return r;
      return insertRow(names.map((n) => (v as Record<string, unknown>)[n] ?? null));
    });
    const path = this.#catalog.resolveParts([this.#catalog.currentCatalog, this.#catalog.currentDatabase, name]);
    const table: DataStreamTable = { kind: 'datastream', path, temporary: true, stream: rows, schema, changelogMode: mode, rowtimeIndex };
    this.#catalog.createRelation(table, false);
    this.#replayable = false;
    this.#hasStreamTables = true;
  }

  async #translateForStream(table: Table | string) {
    if (!this.#streamEnv) throw new TableError('toDataStream/toChangelogStream need a table environment made with TableEnvironment.fromStreamEnvironment(env)');
    const t = typeof table === 'string' ? await this.sqlQuery(`SELECT * FROM ${table}`) : table;
    return translateQuery(t.query, this.plannerContext(), this.#streamEnv);
  }
}

const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``;

/** `'id INT, name STRING'` as a RowType. */
function rowTypeOf(columns: string): RowType {
  const type = toLogicalType(parseDataType(`ROW<${columns}>`));
  return { names: type.fields!.map((f) => f.name), types: type.fields!.map((f) => f.type) };
}

/** Flink's name for a StreamTableEnvironment made from a StreamExecutionEnvironment. */
export const StreamTableEnvironment = {
  create: (env: StreamExecutionEnvironment): TableEnvironment => TableEnvironment.fromStreamEnvironment(env),
};

/** Rebuilds a job in a worker thread: replays the session's statements, then runs the job's statement. */
export async function replaySqlJob(payload: SqlJobPayload): Promise<void> {
  const tEnv = TableEnvironment.create({ config: payload.config });
  for (const op of payload.ops) {
    await tEnv.executeParsed(parseStatement(op.sql, op), op);
  }
  await tEnv.executeParsed(parseStatement(payload.statement.sql, payload.statement), payload.statement);
}
