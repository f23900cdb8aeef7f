// The planner's entry points, used by the table environment: validate a query, explain it, and
// translate queries and INSERTs into operators on a StreamExecutionEnvironment.
// Pipeline: AST -> validated logical plan (names, types, nullability; binder/) -> rewrites (filter
// push-down into joins, Top-N detection, column pruning; logical/rewrite.ts) -> physical plan (Calc
// merging, constant folding, watermark and projection push-down into sources, operator choice;
// physical/to-physical.ts, plan-join.ts) -> changelog-mode inference (physical/changelog-inference.ts)
// -> DataStream operators (../exec/). plan-statement.ts ties the stages together per statement.
import type { Configuration } from '../../core/config.ts';
import type { Row } from '../../core/row.ts';
import type { LogicalType, RowType } from '../../core/types/logical-type.ts';
import type { DataStream } from '../../api/data-stream.ts';
import type { StreamExecutionEnvironment } from '../../api/stream-execution-environment.ts';
import type { Expr, InsertStatement, Query, QueryStatement, StatementSet } from '../ast/ast.ts';
import type { CatalogReader } from '../catalog/catalog-objects.ts';
import type { ChangelogMode } from '../connectors/table-connector.ts';
import { INSERT_ONLY } from '../connectors/table-connector.ts';
import { ExecContext } from '../exec/exec-context.ts';
import { materializeForBatch } from '../exec/sinks.ts';
import { translatePlan } from '../exec/translate.ts';
import { bindExpr } from './binder/bind-expr.ts';
import { Scope } from './binder/scope.ts';
import { explainPlans } from './explain.ts';
import { changelogKinds } from './physical/phys-node.ts';
import { uniqueKeyOf } from './physical/unique-key.ts';
import { binderContext, bindRoot, exprContext, planInsert, planQuery } from './plan-statement.ts';

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
export function validateQuery(query: Query, ctx: PlannerContext): RowType {
  return bindRoot(query, ctx).rowType;
}

/** The type of an expression over named columns (computed columns and WATERMARK expressions of CREATE TABLE). */
export function typeOfExpression(expr: Expr, columns: RowType, ctx: PlannerContext): LogicalType {
  return bindExpr(expr, { ctx: binderContext(ctx), scope: Scope.of(columns.names, columns.types), clause: 'a column expression' }).type;
}

/** `EXPLAIN`: the abstract syntax tree, optimized physical plan with the changelog mode of each node, and the execution plan. */
export async function explain(stmt: QueryStatement | InsertStatement | StatementSet, ctx: PlannerContext, _details: readonly string[]): Promise<string> {
  const plans = stmt.kind === 'QueryStatement' ? [await planQuery(stmt.query, ctx)]
    : stmt.kind === 'InsertStatement' ? [await planInsert(stmt, ctx)]
      : await Promise.all(stmt.inserts.map((i) => planInsert(i, ctx)));
  return explainPlans(plans);
}

/** Adds the query's operators to `env` and returns the resulting stream. */
export async function translateQuery(query: Query, ctx: PlannerContext, env: StreamExecutionEnvironment): Promise<TranslatedQuery> {
  const plan = await planQuery(query, ctx);
  const exec = new ExecContext(env, ctx.config, exprContext(ctx), ctx.mode, `sql-q${env.graph.nodes.length}`);
  const root = plan.physical;
  const stream = materializeForBatch(root, translatePlan(root, exec)!, exec);
  const updating = root.changelog!.modify.has('U') || root.changelog!.modify.has('D');
  const changelogMode: ChangelogMode = ctx.mode === 'BATCH' || !updating ? INSERT_ONLY : { kinds: changelogKinds(root.changelog!) };
  return { stream, schema: plan.logical.rowType, changelogMode, uniqueKey: uniqueKeyOf(root) };
}

/** Adds the operators of one or more INSERTs (a statement set is one job) and their sinks to `env`. */
export async function translateInserts(inserts: readonly InsertStatement[], ctx: PlannerContext, env: StreamExecutionEnvironment): Promise<void> {
  const plans = [];
  for (const i of inserts) plans.push(await planInsert(i, ctx));
  const sources = new Map<string, DataStream<Row>>();
  plans.forEach((plan, i) => {
    const exec = new ExecContext(env, ctx.config, exprContext(ctx), ctx.mode, `sql-i${i}`, sources);
    translatePlan(plan.physical, exec);
  });
}
