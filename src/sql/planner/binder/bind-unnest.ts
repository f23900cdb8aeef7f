// `CROSS JOIN UNNEST(arr) AS t (x)`: one row per element of an ARRAY (ROW elements spread into
// columns), per entry of a MAP (key, value) or per element of a MULTISET (with its multiplicity),
// optionally WITH ORDINALITY; planned as a correlated table function of the left row.
import { Types, withNullability, type LogicalType } from '../../../core/types/logical-type.ts';
import type { UnnestRef } from '../../ast/ast.ts';
import type { UserTableFunction } from '../../functions/user-function.ts';
import { SqlValidationError } from '../../sql-errors.ts';
import type { CorrelateRel } from '../logical/rel.ts';
import type { BinderContext } from './binder-context.ts';
import { bindExpr } from './bind-expr.ts';
import type { Bound } from './bind-query.ts';
import { Scope } from './scope.ts';

function columnsOf(t: LogicalType, pos: UnnestRef['pos']): { names: string[]; types: LogicalType[]; spread: boolean } {
  switch (t.root) {
    case 'ARRAY': case 'MULTISET': {
      const e = t.element!;
      if (e.root === 'ROW') return { names: e.fields!.map((f) => f.name), types: e.fields!.map((f) => withNullability(f.type, true)), spread: true };
      return { names: ['EXPR$0'], types: [e], spread: false };
    }
    case 'MAP': return { names: ['KEY', 'VALUE'], types: [t.key!, t.value!], spread: true };
    default: throw new SqlValidationError(`UNNEST expects an ARRAY, MAP or MULTISET, not ${t.root}`, pos);
  }
}

export function bindUnnest(left: Bound, ref: UnnestRef, joinType: 'INNER' | 'LEFT', ctx: BinderContext): Bound {
  if (ref.args.length !== 1) throw new SqlValidationError('UNNEST takes exactly one collection', ref.pos);
  const arg = bindExpr(ref.args[0]!, { ctx, scope: left.scope, clause: 'UNNEST' });
  const cols = columnsOf(arg.type, ref.pos);
  const root = arg.type.root;
  const ordinal = ref.withOrdinality;
  const fn: UserTableFunction = {
    kind: 'table', returns: '',
    *eval(value: unknown) {
      if (value === null || value === undefined) return;
      let i = 0;
      const rows: unknown[][] = [];
      if (root === 'ARRAY') for (const v of value as unknown[]) rows.push(cols.spread ? [...(v as unknown[] ?? cols.names.map(() => null))] : [v]);
      else if (root === 'MAP') for (const [k, v] of value as Map<unknown, unknown>) rows.push([k, v]);
      else for (const [v, n] of value as Map<unknown, number>) for (let c = 0; c < n; c++) rows.push(cols.spread ? [...(v as unknown[])] : [v]);
      for (const r of rows) yield ordinal ? [...r, ++i] : r;
    },
  };
  const names = [...cols.names, ...(ordinal ? ['ORDINALITY'] : [])];
  const types = [...cols.types, ...(ordinal ? [Types.INT(false)] : [])];
  const aliases = ref.columnAliases.map((c) => c.name);
  if (aliases.length && aliases.length !== names.length) throw new SqlValidationError(`List of column aliases must have same degree as table; table has ${names.length} columns, whereas alias list has ${aliases.length} columns`, ref.pos);
  const outNames = aliases.length ? aliases : names;
  const rel: CorrelateRel = {
    kind: 'Correlate', input: left.rel, fn, fnName: 'UNNEST', args: [arg], joinType, fnTypes: types,
    rowType: { names: [...left.rel.rowType.names, ...outNames], types: [...left.rel.rowType.types, ...types] },
  };
  return { rel, scope: Scope.join(left.scope, Scope.of(outNames, types, ref.alias?.name)) };
}
