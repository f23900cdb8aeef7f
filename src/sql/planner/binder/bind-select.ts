// Binds one SELECT block: FROM, WHERE (with IN / EXISTS subqueries turned into semi and anti joins,
// scalar subqueries into left joins), GROUP BY / HAVING, OVER windows, the select list with `*`
// expansion, and DISTINCT.
import { Types, withNullability, type LogicalType } from '../../../core/types/logical-type.ts';
import type { Expr, FrameBound, FunctionCall, OverExpr, Pos, Select, WindowSpec } from '../../ast/ast.ts';
import { inferAggregateType } from '../../functions/aggregate/aggregate-registry.ts';
import { resolveScalarCall } from '../../functions/scalar/registry.ts';
import { SqlValidationError } from '../../sql-errors.ts';
import { toLogicalType } from '../../types/type-from-spec.ts';
import { parseDataType } from '../../parser/index.ts';
import type { BoundAggCall, FilterRel, JoinRel, OverRel, ProjectRel, RelNode, SortKey } from '../logical/rel.ts';
import { call, literal, type Rex } from '../rex.ts';
import { andAll, rexKey } from '../rex-util.ts';
import type { BinderContext } from './binder-context.ts';
import { bindAggregate, containsAggregate, isAggregateCall } from './bind-aggregate.ts';
import { bindExpr, type ExprEnv } from './bind-expr.ts';
import { bindFrom, bindQuery, type Bound } from './bind-query.ts';
import { anyExpr, forEachExpr } from './expr-walk.ts';
import { intervalMs } from './literals.ts';
import { Scope, uniquify } from './scope.ts';

/** A correlated subquery's equality conditions on the outer query: outer field = subquery output column. */
export interface Correlation {
  readonly outer: Scope;
  readonly pairs: { outerIndex: number; innerColumn: number }[];
}

const TRUE = literal(true, Types.BOOLEAN(false));

function splitAnd(e: Expr): Expr[] {
  return e.kind === 'BinaryExpr' && e.op === 'AND' ? [...splitAnd(e.left), ...splitAnd(e.right)] : [e];
}

/**
 * `orderExtra`: ORDER BY expressions that are not columns of the result; they are bound like select
 * items and appended as hidden columns (the caller sorts on them and drops them).
 */
export function bindSelect(sel: Select, outerCtx: BinderContext, correlation?: Correlation, orderExtra: readonly Expr[] = []): RelNode {
  // `outer` (the enclosing query's scope) only explains errors about correlated references here.
  const ctx = outerCtx;
  let from: Bound = sel.from ? bindFrom(sel.from, { ...ctx, outer: undefined }) : { rel: { kind: 'Values', rows: [[]], rowType: { names: [], types: [] } }, scope: Scope.of([], []) };
  const visible = from.scope;

  // Scalar subqueries become LEFT joins appended to FROM (correlated ones on their equality
  // conditions); they are all joined before WHERE and the select list are bound, so that every
  // expression sees the same row.
  let scalarCount = 0;
  const scalars = new Map<Expr, Rex>();
  const scalarJoin = (e: Extract<Expr, { kind: 'ScalarSubquery' }>): Rex => {
    const corr: Correlation = { outer: from.scope, pairs: [] };
    const body = e.query.body;
    const sub = body.kind === 'Select' && e.query.with.length === 0 && e.query.orderBy.length === 0 && !e.query.limit
      ? bindSelect(body, { ...ctx, outer: from.scope }, corr)
      : bindQuery(e.query, { ...ctx, outer: from.scope });
    if (sub.rowType.types.length - corr.pairs.length !== 1) throw new SqlValidationError('Scalar subquery must return exactly one column', e.pos);
    const lw = from.scope.width;
    const subTypes = sub.rowType.types.map((t) => withNullability(stripTime(t), true));
    const conds = corr.pairs.map((p) => resolveScalarCall('=', [
      { kind: 'input', index: p.outerIndex, type: from.scope.fields[p.outerIndex]!.type },
      { kind: 'input', index: lw + p.innerColumn, type: subTypes[p.innerColumn]! },
    ], { pos: e.pos }));
    const names = subTypes.map((_, i) => `$scalar${scalarCount}_${i}`);
    scalarCount++;
    const join: JoinRel = {
      kind: 'Join', left: from.rel, right: sub, joinType: 'LEFT', condition: conds.length ? andAll(conds) : TRUE,
      rowType: { names: [...from.rel.rowType.names, ...names], types: [...from.rel.rowType.types, ...subTypes] },
    };
    from = { rel: join, scope: Scope.join(from.scope, Scope.of(names, subTypes)) };
    return { kind: 'input', index: lw, type: subTypes[0]! };
  };
  for (const root of [...sel.items.map((i) => i.expr), ...(sel.where ? [sel.where] : [])]) {
    forEachExpr(root, (x) => {
      if (x.kind === 'ScalarSubquery' && !scalars.has(x)) scalars.set(x, scalarJoin(x));
    });
  }
  const subquery = (e: Expr): Rex => {
    const r = scalars.get(e);
    if (r) return r;
    if (e.kind === 'ScalarSubquery') throw new SqlValidationError('Scalar subqueries are only supported in SELECT and WHERE', e.pos);
    const form = e.kind === 'InSubqueryExpr' && e.quantifier ? `Quantified comparisons (${e.quantifier.op} ${e.quantifier.kind} (subquery))` : 'IN and EXISTS subqueries';
    throw new SqlValidationError(`${form} are only supported as AND-ed conditions of WHERE (possibly negated with NOT)`, e.pos);
  };

  // WHERE: subquery conjuncts become joins, the rest one filter.
  const filters: Rex[] = [];
  const correlated: { outerIndex: number; inner: Expr }[] = [];
  for (const conj of sel.where ? splitAnd(sel.where) : []) {
    let x = conj;
    let negated = false;
    if (x.kind === 'UnaryExpr' && x.op === 'NOT' && (x.operand.kind === 'ExistsExpr' || x.operand.kind === 'InSubqueryExpr')) {
      negated = true;
      x = x.operand;
    }
    if (x.kind === 'ExistsExpr' || x.kind === 'InSubqueryExpr') {
      from = semiJoin(from, x, negated !== x.negated, ctx, subquery);
      continue;
    }
    if (correlation && x.kind === 'BinaryExpr' && x.op === '=') {
      const pair = correlationPair(x.left, x.right, from.scope, correlation.outer, ctx) ?? correlationPair(x.right, x.left, from.scope, correlation.outer, ctx);
      if (pair) {
        correlated.push(pair);
        continue;
      }
    }
    if (containsAggregate(conj, ctx)) throw new SqlValidationError('Aggregate functions are not allowed in WHERE; use HAVING', conj.pos);
    const r = bindExpr(conj, { ctx, scope: from.scope, clause: 'WHERE', subquery });
    if (r.type.root !== 'BOOLEAN' && r.type.root !== 'NULL') throw new SqlValidationError(`WHERE clause must be a condition`, conj.pos);
    filters.push(r);
  }
  let rel: RelNode = from.rel;
  if (filters.length) rel = { kind: 'Filter', input: rel, condition: andAll(filters), rowType: rel.rowType } satisfies FilterRel;

  let env: ExprEnv = { ctx, scope: from.scope, clause: 'SELECT', subquery };
  const aggregating = sel.groupBy !== undefined || sel.having !== undefined || [...sel.items.map((i) => i.expr), ...orderExtra].some((e) => containsAggregate(e, ctx));
  if (aggregating) {
    // A correlated aggregate (`SELECT MAX(x) FROM t WHERE t.k = outer.k`) is grouped by its correlation columns.
    if (correlated.length && sel.groupBy) throw new SqlValidationError('Correlated subqueries with GROUP BY are not supported', sel.pos);
    // ORDER BY expressions may aggregate too (`ORDER BY COUNT(*) DESC`).
    const items = [...sel.items, ...orderExtra.map((e) => ({ kind: 'SelectItem' as const, pos: e.pos, expr: e }))];
    const grouped: Select = { ...sel, items, ...(correlated.length ? { groupBy: { pos: sel.pos, elements: correlated.map((c) => ({ type: 'expr' as const, expr: c.inner })) } } : {}) };
    const agg = bindAggregate(grouped, rel, from.scope, ctx, subquery);
    rel = agg.rel;
    env = { ...env, intercept: agg.intercept };
    if (sel.having) {
      const h = bindExpr(sel.having, { ...env, clause: 'HAVING' });
      rel = { kind: 'Filter', input: rel, condition: h, rowType: rel.rowType } satisfies FilterRel;
    }
  }
  const overs: OverExpr[] = [];
  for (const item of sel.items) anyExpr(item.expr, (x) => { if (x.kind === 'OverExpr') overs.push(x); return false; });
  if (overs.length) {
    if (aggregating) throw new SqlValidationError('OVER windows over an aggregated query are not supported; aggregate in a subquery first', overs[0]!.pos);
    const over = bindOver(overs, sel, rel, from.scope, ctx);
    rel = over.rel;
    env = { ...env, intercept: over.intercept };
  }

  // The select list.
  const exprs: Rex[] = [];
  const names: string[] = [];
  sel.items.forEach((item, i) => {
    if (item.expr.kind === 'Star') {
      if (aggregating) throw new SqlValidationError(`'*' cannot be used with GROUP BY`, item.pos);
      const fields = item.expr.qualifier ? visible.fieldsOfTable(item.expr.qualifier.parts[item.expr.qualifier.parts.length - 1]!) : visible.fields.filter((f) => !f.hidden);
      if (item.expr.qualifier && fields.length === 0) throw new SqlValidationError(`Unknown identifier '${item.expr.qualifier.parts.map((p) => p.name).join('.')}'`, item.pos);
      for (const f of fields) {
        exprs.push({ kind: 'input', index: f.index, type: from.scope.fields[f.index]!.type });
        names.push(f.name);
      }
      return;
    }
    exprs.push(bindExpr(item.expr, env));
    names.push(item.alias?.name ?? defaultName(item.expr, i));
  });
  for (const e of orderExtra) {
    if (sel.distinct) throw new SqlValidationError('ORDER BY expression should be in the SELECT DISTINCT list', e.pos);
    exprs.push(bindExpr(e, { ...env, clause: 'ORDER BY' }));
    names.push(`$order${names.length}`);
  }
  for (const c of correlated) {
    if (correlation) correlation.pairs.push({ outerIndex: c.outerIndex, innerColumn: exprs.length });
    exprs.push(bindExpr(c.inner, { ...env, clause: 'WHERE' }));
    names.push(`$cor${names.length}`);
  }
  const project: ProjectRel = { kind: 'Project', input: rel, exprs, rowType: { names: uniquify(names), types: exprs.map((e) => e.type) } };
  rel = project;
  if (sel.distinct) {
    if (correlated.length) throw new SqlValidationError('Correlated subqueries with DISTINCT are not supported', sel.pos);
    rel = { kind: 'Aggregate', input: rel, groupKey: exprs.map((_, i) => i), calls: [], rowType: { names: project.rowType.names, types: project.rowType.types.map(stripTime) } };
  }
  return rel;
}

function stripTime(t: LogicalType): LogicalType {
  const { timeAttribute: _t, ...rest } = t;
  return rest;
}

function defaultName(e: Expr, i: number): string {
  if (e.kind === 'ColumnRef') return e.name.parts[e.name.parts.length - 1]!.name;
  if (e.kind === 'FieldAccess') return e.field.name;
  return `EXPR$${i}`;
}

/** `inner = outer` in a correlated subquery's WHERE: the outer field and the inner expression. */
function correlationPair(innerSide: Expr, outerSide: Expr, inner: Scope, outer: Scope, ctx: BinderContext): { outerIndex: number; inner: Expr } | undefined {
  if (outerSide.kind !== 'ColumnRef') return undefined;
  let resolvedInner = true;
  try { resolvedInner = inner.tryResolve(outerSide.name.parts) !== undefined; } catch { resolvedInner = true; }
  if (resolvedInner) return undefined;
  const o = outer.tryResolve(outerSide.name.parts);
  if (!o || o.rest.length) return undefined;
  bindExpr(innerSide, { ctx, scope: inner, clause: 'WHERE' });
  return { outerIndex: o.field.index, inner: innerSide };
}

const NEGATED_COMPARISON: Readonly<Record<string, string>> = { '=': '<>', '<>': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

function semiJoin(from: Bound, x: Extract<Expr, { kind: 'ExistsExpr' | 'InSubqueryExpr' }>, anti: boolean, ctx: BinderContext, subquery: ExprEnv['subquery']): Bound {
  const correlation: Correlation = { outer: from.scope, pairs: [] };
  const body = x.query.body;
  const sub = body.kind === 'Select' && x.query.with.length === 0 && x.query.orderBy.length === 0 && !x.query.limit
    ? bindSelect(body, { ...ctx, outer: from.scope }, correlation)
    : bindQuery(x.query, { ...ctx, outer: from.scope });
  const lw = from.scope.width;
  const rt = sub.rowType.types;
  const conds: Rex[] = correlation.pairs.map((p) => resolveScalarCall('=', [
    { kind: 'input', index: p.outerIndex, type: from.scope.fields[p.outerIndex]!.type },
    { kind: 'input', index: lw + p.innerColumn, type: rt[p.innerColumn]! },
  ], { pos: x.pos }));
  if (x.kind === 'InSubqueryExpr') {
    const q = x.quantifier;
    const visibleCols = rt.length - correlation.pairs.length;
    if (visibleCols !== 1) throw new SqlValidationError(`The subquery of ${q ? `${q.op} ${q.kind}` : 'IN'} must return exactly one column, but returns ${visibleCols}`, x.query.pos);
    // IN is `= ANY`. `x op ALL (q)` holds when no row makes `x op s` not TRUE: an anti join on the
    // negated comparison; NOT flips ANY and ALL the same way.
    let op: string = q?.op ?? '=';
    if (q?.kind === 'ALL') {
      op = NEGATED_COMPARISON[op]!;
      anti = !anti;
    }
    const l = bindExpr(x.operand, { ctx, scope: from.scope, clause: 'WHERE', subquery });
    const r: Rex = { kind: 'input', index: lw, type: rt[0]! };
    const cmp = resolveScalarCall(op, [l, r], { pos: x.pos });
    if (anti && (l.type.nullable || r.type.nullable)) {
      // NOT IN (and `op ALL`) is UNKNOWN (so filters the row) when either side is NULL.
      const bool = Types.BOOLEAN(false);
      conds.push(call('OR', [cmp, call('IS NULL', [l], bool), call('IS NULL', [r], bool)], Types.BOOLEAN(true)));
    } else conds.push(cmp);
  }
  const join: JoinRel = { kind: 'Join', left: from.rel, right: sub, joinType: anti ? 'ANTI' : 'SEMI', condition: andAll(conds), rowType: from.rel.rowType };
  return { rel: join, scope: from.scope };
}

const RANKING = new Set(['ROW_NUMBER', 'RANK', 'DENSE_RANK']);

function resolveWindow(spec: WindowSpec, sel: Select): WindowSpec {
  if (!spec.ref) return spec;
  const named = sel.windows.find((w) => w.name.name.toLowerCase() === spec.ref!.name.toLowerCase());
  if (!named) throw new SqlValidationError(`Window '${spec.ref.name}' not found`, spec.pos);
  return named.spec;
}

function boundOf(b: FrameBound, unit: 'ROWS' | 'RANGE', ctx: BinderContext, pos: Pos): number | 'UNBOUNDED' {
  if (b.type === 'UNBOUNDED PRECEDING') return 'UNBOUNDED';
  if (b.type === 'CURRENT ROW') return 0;
  if (b.type !== 'PRECEDING') throw new SqlValidationError('OVER windows only support frames that end at CURRENT ROW', pos);
  const r = bindExpr(b.offset, { ctx, scope: Scope.of([], []), clause: 'OVER' });
  if (unit === 'RANGE') return intervalMs(r, 'A RANGE frame bound', pos);
  if (r.kind !== 'literal' || typeof r.value !== 'number' || r.value < 0) throw new SqlValidationError('A ROWS frame bound must be a non-negative integer literal', pos);
  return r.value;
}

/** OVER aggregates: all calls must share one window (as Flink requires); output = input ++ one column per call. */
function bindOver(overs: readonly OverExpr[], sel: Select, input: RelNode, scope: Scope, ctx: BinderContext): { rel: RelNode; intercept: (e: Expr) => Rex | undefined } {
  const env: ExprEnv = { ctx, scope, clause: 'OVER' };
  const specs = overs.map((o) => resolveWindow(o.window, sel));
  const spec = specs[0]!;
  const pre: Rex[] = scope.fields.map((f) => ({ kind: 'input', index: f.index, type: f.type }));
  const col = (r: Rex): number => {
    if (r.kind === 'input') return r.index;
    const k = rexKey(r);
    const at = pre.findIndex((p) => rexKey(p) === k);
    if (at >= 0) return at;
    pre.push(r);
    return pre.length - 1;
  };
  const partitionKeys = spec.partitionBy.map((e) => col(bindExpr(e, env)));
  const orderKeys: SortKey[] = spec.orderBy.map((o) => ({ index: col(bindExpr(o.expr, env)), direction: o.direction, nullsFirst: o.nulls ? o.nulls === 'FIRST' : o.direction === 'ASC' }));
  const key = JSON.stringify([partitionKeys, orderKeys, spec.frame ?? null], (_k, v) => (typeof v === 'bigint' ? String(v) : v));
  const calls: BoundAggCall[] = [];
  const callOf = new Map<Expr, number>();
  overs.forEach((o, i) => {
    const s = specs[i]!;
    const k = JSON.stringify([s.partitionBy.map((e) => col(bindExpr(e, env))), s.orderBy.map((x) => ({ index: col(bindExpr(x.expr, env)), direction: x.direction, nullsFirst: x.nulls ? x.nulls === 'FIRST' : x.direction === 'ASC' })), s.frame ?? null], (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    if (k !== key) throw new SqlValidationError('Over Agg: Unsupported use of OVER windows. All aggregates must be computed on the same window.', o.pos);
    const fc: FunctionCall = o.call;
    const name = fc.name.parts.map((p) => p.name).join('.');
    const upper = name.toUpperCase();
    let type: LogicalType;
    let args: number[] = [];
    let argTypes: LogicalType[] = [];
    const udf = ctx.catalog.getFunction(fc.name);
    if (RANKING.has(upper)) type = Types.BIGINT(false);
    else {
      if (!isAggregateCall(fc, ctx)) throw new SqlValidationError(`OVER must be applied to an aggregate or ranking function, not ${name}`, o.pos);
      const argRexes = fc.args.filter((a) => a.kind !== 'Star').map((a) => bindExpr(a, env));
      args = argRexes.map(col);
      argTypes = argRexes.map((r) => r.type);
      type = udf?.impl.kind === 'aggregate' ? toLogicalType(parseDataType(udf.impl.returns)) : inferAggregateType(upper, argTypes, fc.distinct, fc.pos);
    }
    callOf.set(o, calls.length);
    calls.push({ name: udf ? udf.path.name : upper, args, argTypes, distinct: fc.distinct, type: stripTime(type), alias: `w0$o${calls.length}`, udaf: udf?.impl.kind === 'aggregate' ? udf.impl : undefined });
  });
  if (orderKeys.length === 0 && calls.some((c) => RANKING.has(c.name))) throw new SqlValidationError(`${calls.find((c) => RANKING.has(c.name))!.name} requires ORDER BY in its OVER clause`, overs[0]!.pos);
  const frame = spec.frame;
  const unit = frame?.unit ?? 'RANGE';
  const lower = frame ? boundOf(frame.start, unit, ctx, spec.pos) : 'UNBOUNDED';
  if (frame?.end && frame.end.type !== 'CURRENT ROW') throw new SqlValidationError('OVER windows only support frames that end at CURRENT ROW', spec.pos);
  const preRel: RelNode = pre.length === scope.width ? input : { kind: 'Project', input, exprs: pre, rowType: { names: pre.map((_, i) => scope.fields[i]?.name ?? `$${i}`), types: pre.map((r) => r.type) } };
  const rel: OverRel = {
    kind: 'Over', input: preRel, window: { partitionKeys, orderKeys, frameUnit: unit, lower, calls },
    rowType: { names: [...preRel.rowType.names, ...calls.map((c) => c.alias)], types: [...preRel.rowType.types, ...calls.map((c) => c.type)] },
  };
  const intercept = (e: Expr): Rex | undefined => {
    const ci = callOf.get(e);
    if (ci === undefined) return undefined;
    return { kind: 'input', index: pre.length + ci, type: calls[ci]!.type };
  };
  return { rel, intercept };
}
