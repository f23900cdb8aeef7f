// Window table-valued functions: `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))`,
// HOP(data, timecol, slide, size [, offset]), CUMULATE(data, timecol, step, size [, offset]),
// SESSION(data, timecol, gap); positional or named (`DATA => ..., TIMECOL => ..., SIZE => ...`).
import { Types, type LogicalType } from '../../../core/types/logical-type.ts';
import type { Expr, FunctionCall, NamedTable } from '../../ast/ast.ts';
import { SqlValidationError } from '../../sql-errors.ts';
import type { WindowSpec } from '../../operators/window-spec.ts';
import type { RelNode, WindowTvfRel } from '../logical/rel.ts';
import type { BinderContext } from './binder-context.ts';
import { bindExpr } from './bind-expr.ts';
import { intervalMs } from './literals.ts';
import { Scope } from './scope.ts';

export const WINDOW_TVFS = new Set(['TUMBLE', 'HOP', 'CUMULATE', 'SESSION']);

const PARAMS: Record<string, readonly string[]> = {
  TUMBLE: ['DATA', 'TIMECOL', 'SIZE', 'OFFSET'],
  HOP: ['DATA', 'TIMECOL', 'SLIDE', 'SIZE', 'OFFSET'],
  CUMULATE: ['DATA', 'TIMECOL', 'STEP', 'SIZE', 'OFFSET'],
  SESSION: ['DATA', 'TIMECOL', 'GAP'],
};

export function bindWindowTvf(fc: FunctionCall, ctx: BinderContext, bindTable: (t: NamedTable) => { rel: RelNode; scope: Scope }): RelNode {
  const fn = fc.name.parts[0]!.name.toUpperCase();
  const params = PARAMS[fn]!;
  const args = new Map<string, Expr>();
  fc.args.forEach((a, i) => {
    if (a.kind === 'NamedArg') {
      const n = a.name.name.toUpperCase();
      if (!params.includes(n)) throw new SqlValidationError(`${fn} has no parameter named '${a.name.name}'; parameters: ${params.join(', ')}`, a.pos);
      args.set(n, a.value);
    } else {
      if (i >= params.length) throw new SqlValidationError(`Too many arguments to ${fn}: expected at most ${params.length}`, a.pos);
      args.set(params[i]!, a);
    }
  });
  const need = (n: string): Expr => {
    const a = args.get(n);
    if (!a) throw new SqlValidationError(`${fn} is missing its ${n} argument`, fc.pos);
    return a;
  };
  const data = need('DATA');
  if (data.kind !== 'TableArg') throw new SqlValidationError(`The first argument of ${fn} must be TABLE <table name>`, data.pos);
  const input = bindTable({ kind: 'NamedTable', pos: data.pos, name: data.table, hints: [], columnAliases: [] });
  const timecol = need('TIMECOL');
  if (timecol.kind !== 'DescriptorArg' || timecol.columns.length !== 1) throw new SqlValidationError(`The time column of ${fn} must be DESCRIPTOR(<column>)`, timecol.pos);
  const col = input.scope.tryResolve([timecol.columns[0]!]);
  if (!col) throw new SqlValidationError(`Column '${timecol.columns[0]!.name}' not found in any table`, timecol.columns[0]!.pos);
  const timeType = col.field.type;
  if (!timeType.timeAttribute) {
    throw new SqlValidationError(`The window function ${fn}(TABLE table_name, DESCRIPTOR(timecol), ...) requires the timecol to be a time attribute type, but is ${timeType.root}(${timeType.precision ?? 3}).`, timecol.pos);
  }
  const ms = (n: string): number => {
    const e = need(n);
    return intervalMs(bindExpr(e, { ctx, scope: Scope.of([], []), clause: fn }), `The ${n.toLowerCase()} of ${fn}`, e.pos);
  };
  const offsetArg = args.get('OFFSET');
  const offset = offsetArg ? (bindExpr(offsetArg, { ctx, scope: Scope.of([], []), clause: fn }) as { value: number }).value : undefined;
  let window: WindowSpec;
  switch (fn) {
    case 'TUMBLE': window = { type: 'TUMBLE', size: ms('SIZE'), offset }; break;
    case 'HOP': window = { type: 'HOP', slide: ms('SLIDE'), size: ms('SIZE'), offset }; break;
    case 'CUMULATE': {
      const step = ms('STEP');
      const maxSize = ms('SIZE');
      if (maxSize % step !== 0) throw new SqlValidationError(`CUMULATE table function based aggregate requires maxSize must be an integral multiple of step, but got maxSize ${maxSize} ms and step ${step} ms`, fc.pos);
      window = { type: 'CUMULATE', step, maxSize, offset };
      break;
    }
    default: window = { type: 'SESSION', gap: ms('GAP') };
  }
  const ltz = timeType.root === 'TIMESTAMP_LTZ';
  const bound: LogicalType = ltz ? Types.TIMESTAMP_LTZ(3, false) : Types.TIMESTAMP(3, false);
  const names = [...input.rel.rowType.names, 'window_start', 'window_end', 'window_time'];
  const types = [...input.rel.rowType.types, Types.TIMESTAMP(3, false), Types.TIMESTAMP(3, false), { ...bound, timeAttribute: timeType.timeAttribute }];
  const partitionKeys = (data.partitionBy ?? []).map((id) => {
    const r = input.scope.tryResolve([id]);
    if (!r) throw new SqlValidationError(`Column '${id.name}' not found in any table`, id.pos);
    return r.field.index;
  });
  if (partitionKeys.length && fn !== 'SESSION') throw new SqlValidationError(`PARTITION BY is only supported for SESSION windows`, data.pos);
  const rel: WindowTvfRel = { kind: 'WindowTVF', input: input.rel, window, timeIndex: col.field.index, partitionKeys, rowType: { names, types } };
  return rel;
}
