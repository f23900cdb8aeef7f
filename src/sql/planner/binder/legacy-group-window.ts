// Legacy group windows: `GROUP BY TUMBLE(ts, INTERVAL '10' SECOND)` (also HOP(ts, slide, size) and
// SESSION(ts, gap)) with TUMBLE_START / _END / _ROWTIME in the select list. They are planned as
// a window TVF over the input grouped by its window_start and window_end, as Flink does.
import { Types } from '../../../core/types/logical-type.ts';
import type { ColumnRef, Expr, FunctionCall, GroupingElement, Ident, Pos } from '../../ast/ast.ts';
import type { WindowSpec } from '../../operators/window-spec.ts';
import { SqlValidationError } from '../../sql-errors.ts';
import type { RelNode, WindowTvfRel } from '../logical/rel.ts';
import type { BinderContext } from './binder-context.ts';
import { bindExpr } from './bind-expr.ts';
import { intervalMs } from './literals.ts';
import { Scope } from './scope.ts';

const WINDOW_FNS = new Set(['TUMBLE', 'HOP', 'SESSION']);
const AUX = /^(TUMBLE|HOP|SESSION)_(START|END|ROWTIME|PROCTIME)$/;

const isWindowCall = (e: Expr): e is FunctionCall =>
  e.kind === 'FunctionCall' && e.name.parts.length === 1 && WINDOW_FNS.has(e.name.parts[0]!.name.toUpperCase());

const hidden = (name: string, pos: Pos): ColumnRef => ({
  kind: 'ColumnRef', pos, name: { kind: 'QualifiedName', pos, parts: [{ kind: 'Ident', pos, name: name, quoted: true } satisfies Ident] },
});

export interface LegacyWindow {
  readonly input: RelNode;
  readonly scope: Scope;
  readonly elements: readonly GroupingElement[];
  /** Maps TUMBLE_START(...) and friends to the hidden window columns. */
  readonly auxiliary: (e: Expr) => Expr | undefined;
}

/** Rewrites a GROUP BY with a group window call; undefined when there is none. */
export function legacyGroupWindow(elements: readonly GroupingElement[], input: RelNode, scope: Scope, ctx: BinderContext): LegacyWindow | undefined {
  const at = elements.findIndex((el) => el.type === 'expr' && isWindowCall(el.expr));
  if (at < 0) return undefined;
  const call = (elements[at] as { expr: FunctionCall }).expr;
  const fn = call.name.parts[0]!.name.toUpperCase();
  const time = bindExpr(call.args[0]!, { ctx, scope, clause: 'GROUP BY' });
  if (time.kind !== 'input' || !time.type.timeAttribute) {
    throw new SqlValidationError(`The first argument of ${fn} in GROUP BY must be a time attribute (a rowtime or proctime column)`, call.args[0]?.pos ?? call.pos);
  }
  const empty = Scope.of([], []);
  const ms = (i: number, what: string): number => {
    const a = call.args[i];
    if (!a) throw new SqlValidationError(`${fn} window is missing its ${what}`, call.pos);
    return intervalMs(bindExpr(a, { ctx, scope: empty, clause: 'GROUP BY' }), `The ${what} of ${fn}`, a.pos);
  };
  const window: WindowSpec = fn === 'TUMBLE' ? { type: 'TUMBLE', size: ms(1, 'size') }
    : fn === 'HOP' ? { type: 'HOP', slide: ms(1, 'slide'), size: ms(2, 'size') }
      : { type: 'SESSION', gap: ms(1, 'gap') };
  const bound = time.type.root === 'TIMESTAMP_LTZ' ? Types.TIMESTAMP_LTZ(3, false) : Types.TIMESTAMP(3, false);
  const names = ['$window_start', '$window_end', '$window_time'];
  const w = input.rowType.types.length;
  const tvf: WindowTvfRel = {
    kind: 'WindowTVF', input, window, timeIndex: time.index,
    rowType: {
      names: [...input.rowType.names, ...names],
      types: [...input.rowType.types, Types.TIMESTAMP(3, false), Types.TIMESTAMP(3, false), { ...bound, timeAttribute: time.type.timeAttribute }],
    },
  };
  const extended = new Scope([...scope.fields, ...names.map((name, i) => ({ name, type: tvf.rowType.types[w + i]!, index: w + i }))]);
  const keys: GroupingElement[] = names.map((n) => ({ type: 'expr', expr: hidden(n, call.pos) }));
  const out = [...elements.slice(0, at), ...keys, ...elements.slice(at + 1)];
  const auxiliary = (e: Expr): Expr | undefined => {
    if (e.kind !== 'FunctionCall' || e.name.parts.length !== 1) return undefined;
    const m = AUX.exec(e.name.parts[0]!.name.toUpperCase());
    if (!m) return undefined;
    if (m[1] !== fn) throw new SqlValidationError(`${e.name.parts[0]!.name} does not match the ${fn} window of GROUP BY`, e.pos);
    return hidden(m[2] === 'START' ? names[0]! : m[2] === 'END' ? names[1]! : names[2]!, e.pos);
  };
  return { input: tvf, scope: extended, elements: out, auxiliary };
}
