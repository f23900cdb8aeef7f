// The planner's entry points, used by the table environment: validate a query, explain it, and
// translate queries and INSERTs into operators on a StreamExecutionEnvironment.
// Pipeline: AST -> validated logical plan (names, types, nullability) -> rewrites (projection and
// filter push-down, constant folding) -> changelog-mode inference -> physical plan -> DataStream.
import type { Configuration } from '../../core/config.ts';
import type { Row } from '../../core/row.ts';
import type { LogicalType, RowType } from '../../core/types/logical-type.ts';
import type { DataStream } from '../../api/data-stream.ts';
import type { StreamExecutionEnvironment } from '../../api/stream-execution-environment.ts';
import type { Expr, InsertStatement, Query, QueryStatement, StatementSet } from '../ast/ast.ts';
import type { CatalogReader } from '../catalog/catalog-objects.ts';
import type { ChangelogMode } from '../connectors/table-connector.ts';
import { TableError } from '../sql-errors.ts';

export interface PlannerContext {
  readonly catalog: CatalogReader;
  /** Session configuration: table.* options (state TTL, mini-batch, local time zone, ...). */
  readonly config: Configuration;
  readonly mode: 'STREAMING' | 'BATCH';
}

/** A query translated into a stream of changelog rows, for SELECT results and toDataStream. */
export interface TranslatedQuery {
  readonly stream: DataStream<Row>;
  readonly schema: RowType;
  readonly changelogMode: ChangelogMode;
  /** Column indexes that identify a row of the result (GROUP BY keys, primary keys), when known. */
  readonly uniqueKey?: readonly number[];
}

/** Validates a query (names, types); returns its result schema. Used by CREATE VIEW and DESCRIBE. */
export function validateQuery(_query: Query, _ctx: PlannerContext): RowType {
  throw new TableError('validateQuery: not implemented');
}

/** The type of an expression over named columns (computed columns and WATERMARK expressions of CREATE TABLE). */
export function typeOfExpression(_expr: Expr, _columns: RowType, _ctx: PlannerContext): LogicalType {
  throw new TableError('typeOfExpression: not implemented');
}

/** `EXPLAIN`: the abstract syntax tree, optimized physical plan with the changelog mode of each node, and the execution plan. */
export async function explain(_stmt: QueryStatement | InsertStatement | StatementSet, _ctx: PlannerContext, _details: readonly string[]): Promise<string> {
  throw new TableError('explain: not implemented');
}

/** Adds the query's operators to `env` and returns the resulting stream. */
export async function translateQuery(_query: Query, _ctx: PlannerContext, _env: StreamExecutionEnvironment): Promise<TranslatedQuery> {
  throw new TableError('translateQuery: not implemented');
}

/** Adds the operators of one or more INSERTs (a statement set is one job) and their sinks to `env`. */
export async function translateInserts(_inserts: readonly InsertStatement[], _ctx: PlannerContext, _env: StreamExecutionEnvironment): Promise<void> {
  throw new TableError('translateInserts: not implemented');
}
