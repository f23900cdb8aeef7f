// Binds queries: WITH, set operations, VALUES, ORDER BY / LIMIT, and FROM clauses (tables, views,
// CTEs, derived tables, joins, window TVFs, LATERAL TABLE functions, temporal joins).
import { Types, withNullability, withoutTimeAttribute, type LogicalType, type RowType } from '../../../core/types/logical-type.ts';
import type { Cte, Expr, NamedTable, Pos, Query, QueryBody, Select, SetOperation, TableRef, Values } from '../../ast/ast.ts';
import { formatPath } from '../../catalog/catalog-objects.ts';
import { evaluateConstant, isConstant } from '../../expr/compile.ts';
import { toLogicalType } from '../../types/type-from-spec.ts';
import { leastRestrictive } from '../../types/type-rules.ts';
import { parseDataType } from '../../parser/index.ts';
import { SqlValidationError } from '../../sql-errors.ts';
import { resolveScalarCall } from '../../functions/scalar/registry.ts';
import type { AggregateRel, CorrelateRel, JoinRel, JoinType, ProjectRel, RelNode, SortKey } from '../logical/rel.ts';
import { call, literal, type Rex } from '../rex.ts';
import { andAll, conjunctions } from '../rex-util.ts';
import { intervalBounds } from '../physical/plan-join.ts';
import { withCtes, type BinderContext } from './binder-context.ts';
import { bindExpr } from './bind-expr.ts';
import { bindSelect } from './bind-select.ts';
import { bindCatalogTable, bindDataStreamTable } from './bind-table.ts';
import { bindUnnest } from './bind-unnest.ts';
import { bindWindowTvf, WINDOW_TVFS } from './bind-window-tvf.ts';
import { Scope, uniquify } from './scope.ts';

export interface Bound {
  readonly rel: RelNode;
  readonly scope: Scope;
}

export function bindQuery(q: Query, ctx: BinderContext): RelNode {
  const c = withCtes(ctx, q.with);
  // ORDER BY expressions that are not result columns become hidden columns of a SELECT.
  const extra = q.body.kind === 'Select' ? q.orderBy.map((o) => o.expr).filter((e) => !namesOutput(e, q.body as Select)) : [];
  let rel = q.body.kind === 'Select' ? bindSelect(q.body, c, undefined, extra) : bindBody(q.body, c);
  if (q.orderBy.length || q.limit || q.offset) {
    const visible = rel.rowType.types.length - extra.length;
    const scope = Scope.of(rel.rowType.names.slice(0, visible), rel.rowType.types.slice(0, visible));
    const keys: SortKey[] = q.orderBy.map((o) => {
      let index: number;
      const hidden = extra.indexOf(o.expr);
      if (hidden >= 0) index = visible + hidden;
      else if (o.expr.kind === 'Literal' && o.expr.type === 'numeric') {
        index = Number(o.expr.value) - 1;
        if (!(index >= 0 && index < visible)) throw new SqlValidationError(`Ordinal out of range`, o.pos);
      } else {
        const r = bindExpr(o.expr, { ctx: c, scope, clause: 'ORDER BY' });
        if (r.kind !== 'input') throw new SqlValidationError(`ORDER BY expressions must be columns of the result; add the expression to the SELECT list`, o.pos);
        index = r.index;
      }
      // Flink: NULLS FIRST for ASC, NULLS LAST for DESC unless written.
      return { index, direction: o.direction, nullsFirst: o.nulls ? o.nulls === 'FIRST' : o.direction === 'ASC' };
    });
    const num = (e: Expr | undefined, what: string): number | undefined => {
      if (!e) return undefined;
      const r = bindExpr(e, { ctx: c, scope: Scope.of([], []), clause: what });
      const v = isConstant(r) ? evaluateConstant(r, c.exprCtx) : undefined;
      if (typeof v !== 'number' && typeof v !== 'bigint' || Number(v) < 0) throw new SqlValidationError(`${what} must be a non-negative integer literal`, e.pos);
      return Number(v);
    };
    rel = { kind: 'Sort', input: rel, keys, offset: num(q.offset, 'OFFSET') ?? 0, fetch: num(q.limit, 'LIMIT'), rowType: rel.rowType };
    if (extra.length) {
      const types = rel.rowType.types.slice(0, visible);
      rel = { kind: 'Project', input: rel, exprs: types.map((type, index) => ({ kind: 'input', index, type })), rowType: { names: rel.rowType.names.slice(0, visible), types } };
    }
  }
  return rel;
}

/** True when `e` is an ordinal or a plain name of one of the select items (its alias or column name). */
function namesOutput(e: Expr, sel: Select): boolean {
  if (e.kind === 'Literal' && e.type === 'numeric') return true;
  if (e.kind !== 'ColumnRef' || e.name.parts.length !== 1) return false;
  const n = e.name.parts[0]!;
  const eq = (x: string) => x === n.name || (!n.quoted && x.toLowerCase() === n.name.toLowerCase());
  return sel.items.some((i) => i.expr.kind === 'Star' || (i.alias ? eq(i.alias.name) : i.expr.kind === 'ColumnRef' && eq(i.expr.name.parts[i.expr.name.parts.length - 1]!.name)));
}

export function bindBody(body: QueryBody, ctx: BinderContext): RelNode {
  switch (body.kind) {
    case 'Select': return bindSelect(body, ctx);
    case 'Query': return bindQuery(body, ctx);
    case 'Values': return bindValues(body, ctx);
    case 'SetOperation': return bindSetOperation(body, ctx);
  }
}

/** Casts `rel`'s columns to `types` where they differ (a Project), keeping names. */
export function castTo(rel: RelNode, types: readonly LogicalType[], names: readonly string[] = rel.rowType.names): RelNode {
  const same = rel.rowType.types.every((t, i) => sameType(t, types[i]!) && t.timeAttribute === types[i]!.timeAttribute) && names.every((n, i) => n === rel.rowType.names[i]);
  if (same) return rel;
  const exprs: Rex[] = rel.rowType.types.map((t, i) => {
    const ref: Rex = { kind: 'input', index: i, type: t };
    const to = types[i]!;
    // NOT NULL values fit a nullable column as they are.
    const fits = sameType(t, to) || (to.nullable && sameType({ ...t, nullable: true }, to));
    return fits ? { ...ref, type: to } : call('CAST', [ref], to);
  });
  return { kind: 'Project', input: rel, exprs, rowType: { names, types } } satisfies ProjectRel;
}

export function sameType(a: LogicalType, b: LogicalType): boolean {
  return a.root === b.root && a.nullable === b.nullable && a.length === b.length && a.precision === b.precision && a.scale === b.scale
    && (a.root !== 'ROW' && a.root !== 'ARRAY' && a.root !== 'MAP' && a.root !== 'MULTISET' || JSON.stringify(a) === JSON.stringify(b));
}

function unionTypes(rels: readonly RelNode[], pos: Pos, what: string): LogicalType[] {
  const width = rels[0]!.rowType.types.length;
  for (const r of rels) if (r.rowType.types.length !== width) throw new SqlValidationError(`Column count mismatch in ${what}`, pos);
  return Array.from({ length: width }, (_, i) => {
    const t = leastRestrictive(rels.map((r) => r.rowType.types[i]!));
    if (!t) throw new SqlValidationError(`Type mismatch in column ${i + 1} of ${what}`, pos);
    const { timeAttribute: _t, ...rest } = t;
    return rest;
  });
}

function distinct(rel: RelNode): AggregateRel {
  return { kind: 'Aggregate', input: rel, groupKey: rel.rowType.types.map((_, i) => i), calls: [], rowType: rel.rowType };
}

function bindSetOperation(op: SetOperation, ctx: BinderContext): RelNode {
  const left = bindBody(op.left, ctx);
  const right = bindBody(op.right, ctx);
  const types = unionTypes([left, right], op.pos, op.op);
  const names = left.rowType.names;
  const l = castTo(left, types, names);
  const r = castTo(right, types, names);
  const rowType: RowType = { names, types };
  if (op.op === 'UNION') {
    const union: RelNode = { kind: 'Union', inputs: [l, r], rowType };
    return op.all ? union : distinct(union);
  }
  if (op.all) throw new SqlValidationError(`${op.op} ALL is not supported`, op.pos);
  // INTERSECT / EXCEPT: distinct left rows with (without) a right row equal on every column.
  const w = types.length;
  const cond = andAll(types.map((t, i) => call('IS NOT DISTINCT FROM', [{ kind: 'input', index: i, type: t }, { kind: 'input', index: w + i, type: t }], Types.BOOLEAN(false))));
  const join: JoinRel = { kind: 'Join', left: distinct(l), right: r, joinType: op.op === 'INTERSECT' ? 'SEMI' : 'ANTI', condition: cond, rowType };
  return join;
}

function bindValues(v: Values, ctx: BinderContext): RelNode {
  const empty = Scope.of([], []);
  const rows = v.rows.map((row) => row.map((e) => bindExpr(e, { ctx, scope: empty, clause: 'VALUES' })));
  const width = rows[0]?.length ?? 0;
  for (const r of rows) if (r.length !== width) throw new SqlValidationError('Values passed to VALUES operator must have compatible types', v.pos);
  const types = Array.from({ length: width }, (_, i) => {
    const t = leastRestrictive(rows.map((r) => r[i]!.type));
    if (!t) throw new SqlValidationError(`Values passed to VALUES operator must have compatible types`, v.pos);
    return t;
  });
  const values = rows.map((r, ri) => r.map((x, i) => {
    const cast = sameType(x.type, types[i]!) ? x : call('CAST', [x], types[i]!);
    if (!isConstant(cast)) throw new SqlValidationError('VALUES only supports constant expressions', v.rows[ri]![i]!.pos);
    return evaluateConstant(cast, ctx.exprCtx);
  }));
  const names = types.map((_, i) => `EXPR$${i}`);
  return { kind: 'Values', rows: values, rowType: { names, types } };
}

function rename(b: Bound, alias: string | undefined, columnAliases: readonly { name: string; pos: Pos }[], pos: Pos): Bound {
  let names = b.rel.rowType.names;
  if (columnAliases.length) {
    if (columnAliases.length !== names.length) throw new SqlValidationError(`List of column aliases must have same degree as table; table has ${names.length} columns, whereas alias list has ${columnAliases.length} columns`, pos);
    names = columnAliases.map((c) => c.name);
  }
  return { rel: b.rel, scope: Scope.of(names, b.rel.rowType.types, alias) };
}

function findCte(ctx: BinderContext, t: NamedTable): { cte: Cte; index: number } | undefined {
  if (t.name.parts.length !== 1) return undefined;
  const n = t.name.parts[0]!;
  for (let i = ctx.ctes.length - 1; i >= 0; i--) {
    const c = ctx.ctes[i]!;
    if (c.name.name === n.name || (!n.quoted && c.name.name.toLowerCase() === n.name.toLowerCase())) return { cte: c, index: i };
  }
  return undefined;
}

export function bindNamedTable(t: NamedTable, ctx: BinderContext): Bound {
  const alias = t.alias?.name ?? t.name.parts[t.name.parts.length - 1]!.name;
  const cte = findCte(ctx, t);
  if (cte) {
    const rel = bindQuery(cte.cte.query, { ...ctx, ctes: ctx.ctes.slice(0, cte.index), outer: undefined });
    const cols = cte.cte.columns;
    if (cols.length && cols.length !== rel.rowType.names.length) throw new SqlValidationError(`Number of columns must match number of query columns`, cte.cte.pos);
    const named = cols.length ? castTo(rel, rel.rowType.types, cols.map((c) => c.name)) : rel;
    return rename({ rel: named, scope: Scope.of([], []) }, alias, t.columnAliases, t.pos);
  }
  const path = ctx.catalog.resolvePath(t.name);
  const relation = ctx.catalog.getRelation(path);
  if (!relation) {
    throw new SqlValidationError(`Object '${t.name.parts.map((p) => p.name).join('.')}' not found within '${path.catalog}.${path.database}'`, t.pos);
  }
  let rel: RelNode;
  switch (relation.kind) {
    case 'table': rel = bindCatalogTable(relation, t.hints, ctx, t.pos); break;
    case 'datastream': rel = bindDataStreamTable(relation); break;
    case 'view': {
      const inner = bindQuery(relation.query, { ...ctx, ctes: [], outer: undefined });
      const names = relation.columnNames.length ? relation.columnNames : inner.rowType.names;
      if (names.length !== inner.rowType.names.length) throw new SqlValidationError(`View '${formatPath(path)}' declares ${names.length} columns but its query has ${inner.rowType.names.length}`, t.pos);
      rel = names === inner.rowType.names ? inner : castTo(inner, inner.rowType.types, names);
      break;
    }
  }
  return rename({ rel, scope: Scope.of([], []) }, alias, t.columnAliases, t.pos);
}

export function bindFrom(ref: TableRef, ctx: BinderContext): Bound {
  switch (ref.kind) {
    case 'NamedTable':
      if (ref.systemTimeAsOf) throw new SqlValidationError('FOR SYSTEM_TIME AS OF is only supported on the right side of a join', ref.pos);
      return bindNamedTable(ref, ctx);
    case 'DerivedTable': {
      if (ref.lateral) throw new SqlValidationError('LATERAL subqueries are not supported; use LATERAL TABLE(function(...))', ref.pos);
      const rel = bindQuery(ref.query, { ...ctx, outer: undefined });
      return rename({ rel, scope: Scope.of([], []) }, ref.alias?.name, ref.columnAliases, ref.pos);
    }
    case 'TableFunctionRef': {
      const fn = ref.call.name.parts.length === 1 ? ref.call.name.parts[0]!.name.toUpperCase() : '';
      if (WINDOW_TVFS.has(fn)) {
        const rel = bindWindowTvf(ref.call, ctx, (t) => bindNamedTable(t, ctx));
        return rename({ rel, scope: Scope.of([], []) }, ref.alias?.name, ref.columnAliases, ref.pos);
      }
      // A table function without a left side: correlate with a single empty row.
      const one: RelNode = { kind: 'Values', rows: [[]], rowType: { names: [], types: [] } };
      return bindCorrelate({ rel: one, scope: Scope.of([], []) }, ref, 'INNER', ctx);
    }
    case 'UnnestRef': {
      const one: RelNode = { kind: 'Values', rows: [[]], rowType: { names: [], types: [] } };
      return bindUnnest({ rel: one, scope: Scope.of([], []) }, ref, 'INNER', ctx);
    }
    case 'JoinRef': return bindJoin(ref, ctx);
  }
}

function bindCorrelate(left: Bound, ref: Extract<TableRef, { kind: 'TableFunctionRef' }>, joinType: 'INNER' | 'LEFT', ctx: BinderContext): Bound {
  const udf = ctx.catalog.getFunction(ref.call.name);
  const name = ref.call.name.parts.map((p) => p.name).join('.');
  if (!udf || udf.impl.kind !== 'table') throw new SqlValidationError(`No match found for function signature ${name}(); table functions must be registered with CREATE FUNCTION`, ref.call.pos);
  const args = ref.call.args.map((a) => bindExpr(a, { ctx, scope: left.scope, clause: 'a table function call' }));
  const ret = toLogicalType(parseDataType(udf.impl.returns));
  const fnFields = ret.root === 'ROW' ? ret.fields!.map((f) => ({ name: f.name, type: withNullability(f.type, true) })) : [{ name: 'f0', type: withNullability(ret, true) }];
  const aliases = ref.columnAliases.map((c) => c.name);
  if (aliases.length && aliases.length !== fnFields.length) throw new SqlValidationError(`List of column aliases must have same degree as table; table has ${fnFields.length} columns, whereas alias list has ${aliases.length} columns`, ref.pos);
  const fnNames = aliases.length ? aliases : fnFields.map((f) => f.name);
  const rel: CorrelateRel = {
    kind: 'Correlate', input: left.rel, fn: udf.impl, fnName: udf.path.name, args, joinType, fnTypes: fnFields.map((f) => f.type),
    rowType: { names: [...left.rel.rowType.names, ...fnNames], types: [...left.rel.rowType.types, ...fnFields.map((f) => f.type)] },
  };
  const right = Scope.of(fnNames, fnFields.map((f) => f.type), ref.alias?.name ?? name);
  return { rel, scope: Scope.join(left.scope, right) };
}

function bindJoin(j: Extract<TableRef, { kind: 'JoinRef' }>, ctx: BinderContext): Bound {
  const left = bindFrom(j.left, ctx);
  if (j.right.kind === 'TableFunctionRef' && !WINDOW_TVFS.has(j.right.call.name.parts[0]!.name.toUpperCase())) {
    if (j.type !== 'INNER' && j.type !== 'CROSS' && j.type !== 'LEFT') throw new SqlValidationError(`${j.type} JOIN with a table function is not supported`, j.pos);
    if (j.on && !(j.on.kind === 'Literal' && j.on.value === true)) throw new SqlValidationError('A join with LATERAL TABLE only supports ON TRUE', j.on.pos);
    return bindCorrelate(left, j.right, j.type === 'LEFT' ? 'LEFT' : 'INNER', ctx);
  }
  if (j.right.kind === 'UnnestRef') {
    if (j.type !== 'INNER' && j.type !== 'CROSS' && j.type !== 'LEFT') throw new SqlValidationError(`${j.type} JOIN with UNNEST is not supported`, j.pos);
    if (j.on && !(j.on.kind === 'Literal' && j.on.value === true)) throw new SqlValidationError('A join with UNNEST only supports ON TRUE', j.on.pos);
    return bindUnnest(left, j.right, j.type === 'LEFT' ? 'LEFT' : 'INNER', ctx);
  }
  const temporalAt = j.right.kind === 'NamedTable' ? j.right.systemTimeAsOf : undefined;
  const right = j.right.kind === 'NamedTable' ? bindNamedTable(j.right, ctx) : bindFrom(j.right, ctx);
  const scope = Scope.join(left.scope, right.scope);
  const lw = left.scope.width;
  let condition: Rex;
  // The right side's copies of USING / NATURAL columns (right field indexes).
  const usingColumns: number[] = [];
  if (j.natural || j.using) {
    const common = j.using ? j.using : left.scope.fields.filter((f) => right.scope.fields.some((g) => g.name.toLowerCase() === f.name.toLowerCase())).map((f) => ({ kind: 'Ident' as const, pos: j.pos, name: f.name, quoted: false }));
    condition = andAll(common.map((id) => {
      const l = left.scope.tryResolve([id]);
      const r = right.scope.tryResolve([id]);
      if (!l || !r) throw new SqlValidationError(`Column '${id.name}' not found in ${l ? 'right' : 'left'} table`, id.pos);
      if (j.type === 'INNER' || j.type === 'LEFT') usingColumns.push(r.field.index);
      return bindEq({ kind: 'input', index: l.field.index, type: l.field.type }, { kind: 'input', index: lw + r.field.index, type: r.field.type }, id.pos);
    }));
  } else if (j.on) {
    condition = bindExpr(j.on, { ctx, scope, clause: 'ON' });
    if (condition.type.root !== 'BOOLEAN' && condition.type.root !== 'NULL') throw new SqlValidationError(`ON clause must be a condition, but is of type ${condition.type.root}`, j.on.pos);
  } else {
    if (j.type !== 'CROSS' && j.type !== 'INNER') throw new SqlValidationError(`${j.type} JOIN requires an ON condition`, j.pos);
    condition = literal(true, Types.BOOLEAN(false));
  }
  const joinType: JoinType = j.type === 'CROSS' ? 'INNER' : j.type;
  const nullableLeft = joinType === 'RIGHT' || joinType === 'FULL';
  const nullableRight = joinType === 'LEFT' || joinType === 'FULL';
  const types = [
    ...left.rel.rowType.types.map((t) => (nullableLeft ? withNullability(t, true) : t)),
    ...right.rel.rowType.types.map((t) => (nullableRight ? withNullability(t, true) : t)),
  ];
  let temporal: JoinRel['temporal'];
  if (temporalAt) {
    const at = bindExpr(temporalAt, { ctx, scope: left.scope, clause: 'FOR SYSTEM_TIME AS OF' });
    if (at.kind !== 'input' || !at.type.timeAttribute) {
      throw new SqlValidationError('Temporal table join currently only supports \'FOR SYSTEM_TIME AS OF\' left table\'s time attribute field', temporalAt.pos);
    }
    if (joinType !== 'INNER' && joinType !== 'LEFT') throw new SqlValidationError('Temporal table join only supports INNER JOIN and LEFT JOIN', j.pos);
    temporal = { leftTimeIndex: at.index, kind: at.type.timeAttribute };
  }
  // A regular join's output has no time attributes (rows come out of event-time order); interval
  // and temporal joins keep them.
  const keepsTime = temporal !== undefined || intervalBounds(conjunctions(condition), left.rel, right.rel) !== undefined;
  if (!keepsTime) types.forEach((t, i) => { types[i] = withoutTimeAttribute(t); });
  const rel: JoinRel = { kind: 'Join', left: left.rel, right: right.rel, joinType, condition, temporal, rowType: { names: uniquify([...left.rel.rowType.names, ...right.rel.rowType.names]), types } };
  const joined = Scope.join(left.scope, right.scope);
  const hidden = new Set(usingColumns.map((c) => lw + c));
  return { rel, scope: new Scope(joined.fields.map((f, i) => ({ ...f, type: types[i]!, hidden: hidden.has(i) || f.hidden }))) };
}

function bindEq(l: Rex, r: Rex, pos: Pos): Rex {
  return resolveScalarCall('=', [l, r], { pos });
}
