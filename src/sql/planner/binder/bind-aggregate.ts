// GROUP BY / HAVING / aggregate calls: builds `Project(group exprs ++ agg args) -> Aggregate` (a
// union of aggregates for GROUPING SETS, ROLLUP and CUBE) and the intercept that binds the SELECT
// list and HAVING against the aggregate's output, rejecting columns that are not grouped.
import { Types, withNullability, withoutTimeAttribute } from '../../../core/types/logical-type.ts';
import type { Expr, FunctionCall, GroupingElement, Select } from '../../ast/ast.ts';
import { inferAggregateType, isAggregateFunction } from '../../functions/aggregate/aggregate-registry.ts';
import { toLogicalType } from '../../types/type-from-spec.ts';
import { resolveScalarCall } from '../../functions/scalar/registry.ts';
import { parseDataType } from '../../parser/index.ts';
import { SqlValidationError } from '../../sql-errors.ts';
import type { AggregateRel, BoundAggCall, ProjectRel, RelNode, UnionRel } from '../logical/rel.ts';
import { literal, type Rex } from '../rex.ts';
import { rexKey } from '../rex-util.ts';
import type { BinderContext } from './binder-context.ts';
import { bindExpr, type ExprEnv } from './bind-expr.ts';
import { anyExpr, forEachExpr } from './expr-walk.ts';
import { legacyGroupWindow } from './legacy-group-window.ts';
import { uniquify, type Scope } from './scope.ts';

export function isAggregateCall(e: Expr, ctx: BinderContext): e is FunctionCall {
  if (e.kind !== 'FunctionCall') return false;
  const udf = ctx.catalog.getFunction(e.name);
  if (udf) return udf.impl.kind === 'aggregate';
  return e.name.parts.length === 1 && isAggregateFunction(e.name.parts[0]!.name);
}

const stopAtOver = (e: Expr): boolean => e.kind === 'OverExpr';

export function containsAggregate(e: Expr, ctx: BinderContext): boolean {
  return anyExpr(e, (x) => isAggregateCall(x, ctx), stopAtOver);
}

export interface AggregateBinding {
  readonly rel: RelNode;
  /** Binds expressions of SELECT / HAVING against `rel`'s output. */
  readonly intercept: (e: Expr) => Rex | undefined;
}

/** Expands GROUP BY elements into the list of group expressions and the grouping sets over them. */
function groupingSets(elements: readonly GroupingElement[]): { exprs: Expr[]; sets: number[][] | undefined } {
  const exprs: Expr[] = [];
  const indexOf = (e: Expr): number => {
    exprs.push(e);
    return exprs.length - 1;
  };
  let sets: number[][] = [[]];
  let plain = true;
  for (const el of elements) {
    let elementSets: number[][];
    if (el.type === 'expr') elementSets = [[indexOf(el.expr)]];
    else {
      plain = false;
      if (el.type === 'GROUPING SETS') elementSets = el.sets.map((s) => s.map(indexOf));
      else {
        const ids = el.exprs.map(indexOf);
        elementSets = el.type === 'ROLLUP'
          ? ids.map((_, i) => ids.slice(0, ids.length - i)).concat([[]])
          : Array.from({ length: 1 << ids.length }, (_, mask) => ids.filter((_, i) => mask & (1 << (ids.length - 1 - i)))).reverse();
      }
    }
    sets = sets.flatMap((s) => elementSets.map((es) => [...s, ...es]));
  }
  return { exprs, sets: plain ? undefined : sets };
}

export function bindAggregate(sel: Select, fromRel: RelNode, fromScope: Scope, ctx: BinderContext, subquery?: ExprEnv['subquery']): AggregateBinding {
  const legacy = legacyGroupWindow(sel.groupBy?.elements ?? [], fromRel, fromScope, ctx);
  const input = legacy?.input ?? fromRel;
  const scope = legacy?.scope ?? fromScope;
  const base: ExprEnv = { ctx, scope, clause: 'GROUP BY', subquery };
  const { exprs: groupAsts, sets } = groupingSets(legacy?.elements ?? sel.groupBy?.elements ?? []);
  // Identical group expressions share one column.
  const preExprs: Rex[] = [];
  const preKey = new Map<string, number>();
  const addPre = (r: Rex): number => {
    const k = rexKey(r);
    let i = preKey.get(k);
    if (i === undefined) {
      i = preExprs.length;
      preExprs.push(r);
      preKey.set(k, i);
    }
    return i;
  };
  const groupCols = groupAsts.map((g) => {
    if (containsAggregate(g, ctx)) throw new SqlValidationError('Aggregate expressions cannot be used in GROUP BY', g.pos);
    return addPre(bindExpr(g, base));
  });
  const distinctGroupCols = [...new Set(groupCols)];
  const g = distinctGroupCols.length;

  // Aggregate calls of SELECT and HAVING, deduplicated.
  const calls: BoundAggCall[] = [];
  const callKeys = new Map<string, number>();
  const callOf = new Map<Expr, number>();
  const argEnv: ExprEnv = { ...base, clause: 'an aggregate argument' };
  const collect = (root: Expr): void => forEachExpr(root, (x) => {
    if (!isAggregateCall(x, ctx)) return;
    for (const a of x.args) if (containsAggregate(a, ctx)) throw new SqlValidationError('Aggregate function calls cannot be nested', a.pos);
    const udf = ctx.catalog.getFunction(x.name);
    const name = udf ? udf.path.name : x.name.parts[0]!.name.toUpperCase();
    const argRexes = x.args.filter((a) => a.kind !== 'Star').map((a) => bindExpr(a, argEnv));
    const args = argRexes.map(addPre);
    const filterArg = x.filter ? addPre(bindExpr(x.filter, { ...argEnv, clause: 'FILTER' })) : undefined;
    const argTypes = argRexes.map((r) => r.type);
    const type = udf?.impl.kind === 'aggregate'
      ? toLogicalType(parseDataType(udf.impl.returns))
      : inferAggregateType(name, argTypes, x.distinct, x.pos);
    const constants = argRexes.map((r) => (r.kind === 'literal' ? r.value : undefined));
    const key = `${name}|${x.distinct}|${args.join(',')}|${filterArg ?? ''}`;
    let idx = callKeys.get(key);
    if (idx === undefined) {
      idx = calls.length;
      callKeys.set(key, idx);
      calls.push({
        name, args, argTypes, distinct: x.distinct, filterArg, type: withoutTimeAttribute(type), alias: '',
        constants: constants.some((c) => c !== undefined) ? constants : undefined,
        udaf: udf?.impl.kind === 'aggregate' ? udf.impl : undefined,
      });
    }
    callOf.set(x, idx);
  }, stopAtOver);
  for (const item of sel.items) collect(item.expr);
  if (sel.having) collect(sel.having);

  const preNames = uniquify(preExprs.map((r, i) => (r.kind === 'input' ? scope.fields[r.index]!.name : `$f${i}`)));
  const pre: ProjectRel = { kind: 'Project', input, exprs: preExprs, rowType: { names: preNames, types: preExprs.map((r) => r.type) } };
  const groupTypes = distinctGroupCols.map((c) => withoutTimeAttribute(preExprs[c]!.type));
  const groupNames = distinctGroupCols.map((c) => preNames[c]!);
  const named = calls.map((c, i) => ({ ...c, alias: `EXPR$${i}` }));
  const aggOf = (groupKey: readonly number[]): AggregateRel => ({
    kind: 'Aggregate', input: pre, groupKey, calls: named,
    rowType: {
      names: [...groupKey.map((k) => groupNames[distinctGroupCols.indexOf(k)]!), ...named.map((c) => c.alias)],
      types: [...groupKey.map((k) => groupTypes[distinctGroupCols.indexOf(k)]!), ...named.map((c) => c.type)],
    },
  });
  let rel: RelNode;
  const gTypes = distinctGroupCols.map(() => Types.BIGINT(false));
  if (!sets) rel = aggOf(distinctGroupCols);
  else {
    // One aggregate per grouping set, padded with NULL for the keys it does not group by, then one
    // `$g` column per key: 1 where the set does not group by it (what GROUPING() returns).
    const outTypes = [...groupTypes.map((t) => withNullability(t, true)), ...named.map((c) => c.type), ...gTypes];
    const rowType = { names: [...groupNames, ...named.map((c) => c.alias), ...distinctGroupCols.map((_, i) => `$g${i}`)], types: outTypes };
    const branches = sets.map((set): RelNode => {
      const keys = distinctGroupCols.filter((c) => set.some((s) => groupCols[s] === c));
      const agg = aggOf(keys);
      const exprs: Rex[] = [
        ...distinctGroupCols.map((c, i) => {
          const at = keys.indexOf(c);
          return at >= 0 ? { kind: 'input' as const, index: at, type: outTypes[i]! } : literal(null, outTypes[i]!);
        }),
        ...named.map((c, j) => ({ kind: 'input' as const, index: keys.length + j, type: c.type })),
        ...distinctGroupCols.map((c) => literal(keys.includes(c) ? 0 : 1, Types.BIGINT(false))),
      ];
      return { kind: 'Project', input: agg, exprs, rowType };
    });
    rel = branches.length === 1 ? branches[0]! : ({ kind: 'Union', inputs: branches, rowType } satisfies UnionRel);
  }
  /** GROUPING(a, b): the bits of the keys not grouped by, first argument highest. */
  const grouping = (e: FunctionCall): Rex => {
    const bits = e.args.map((a) => {
      const at = preKey.get(rexKey(bindExpr(a, base)));
      const gi = at === undefined ? -1 : distinctGroupCols.indexOf(at);
      if (gi < 0) throw new SqlValidationError(`Argument to GROUPING operator must be a grouped expression`, a.pos);
      return sets ? ({ kind: 'input', index: g + calls.length + gi, type: Types.BIGINT(false) } as Rex) : literal(0, Types.BIGINT(false));
    });
    return bits.reduce((acc, bit) => resolveScalarCall('+', [resolveScalarCall('*', [acc, literal(2, Types.BIGINT(false))], { pos: e.pos }), bit], { pos: e.pos }));
  };
  const outTypes = rel.rowType.types;

  const intercept = (e: Expr): Rex | undefined => {
    if (e.kind === 'OverExpr') return undefined;
    const aux = legacy?.auxiliary(e);
    if (aux) return intercept(aux);
    if (e.kind === 'FunctionCall' && e.name.parts.length === 1 && ['GROUPING', 'GROUPING_ID'].includes(e.name.parts[0]!.name.toUpperCase())) return grouping(e);
    const ci = callOf.get(e);
    if (ci !== undefined) return { kind: 'input', index: g + ci, type: outTypes[g + ci]! };
    if (containsAggregate(e, ctx)) return undefined;
    if (e.kind === 'Literal' || e.kind === 'IntervalLiteral') return undefined;
    let bound: Rex | undefined;
    try {
      bound = bindExpr(e, { ...base, clause: 'SELECT' });
    } catch (err) {
      if (e.kind === 'ColumnRef') throw err;
      return undefined;
    }
    const at = preKey.get(rexKey(bound));
    const gi = at === undefined ? -1 : distinctGroupCols.indexOf(at);
    if (gi >= 0) return { kind: 'input', index: gi, type: outTypes[gi]! };
    if (e.kind === 'ColumnRef') {
      throw new SqlValidationError(`Expression '${e.name.parts.map((p) => p.name).join('.')}' is not being grouped`, e.pos);
    }
    return bound.kind === 'literal' ? bound : undefined;
  };
  return { rel, intercept };
}

