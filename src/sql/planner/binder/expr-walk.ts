// Walks AST expressions: the direct sub-expressions of a node (not descending into subqueries).
import type { Expr } from '../../ast/ast.ts';

export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'BinaryExpr': return [e.left, e.right];
    case 'UnaryExpr': return [e.operand];
    case 'FunctionCall': return [...e.args, ...(e.filter ? [e.filter] : [])];
    case 'CastExpr': return [e.operand];
    case 'CaseExpr': return [...(e.operand ? [e.operand] : []), ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])];
    case 'BetweenExpr': return [e.operand, e.low, e.high];
    case 'InListExpr': return [e.operand, ...e.list];
    case 'InSubqueryExpr': return [e.operand];
    case 'LikeExpr': return [e.operand, e.pattern, ...(e.escape ? [e.escape] : [])];
    case 'IsExpr': case 'ExtractExpr': case 'FloorCeilToExpr': return [e.operand];
    case 'PositionExpr': return [e.needle, e.haystack];
    case 'TrimExpr': return [...(e.chars ? [e.chars] : []), e.operand];
    case 'SubstringExpr': return [e.operand, e.start, ...(e.length ? [e.length] : [])];
    case 'TimestampAddExpr': return e.args;
    case 'JsonCall': return [...e.args, ...(e.entries ?? []).flatMap((en) => [en.key, en.value])];
    case 'OverExpr': return [e.call];
    case 'RowConstructor': case 'ArrayConstructor': return e.values;
    case 'MapConstructor': return e.entries.flatMap((en) => [en.key, en.value]);
    case 'ItemAccess': return [e.operand, e.index];
    case 'FieldAccess': return [e.operand];
    case 'NamedArg': return [e.value];
    default: return [];
  }
}

/** True when `pred` holds for `e` or any sub-expression; `stop` prunes subtrees (e.g. OVER calls). */
export function anyExpr(e: Expr, pred: (x: Expr) => boolean, stop?: (x: Expr) => boolean): boolean {
  if (pred(e)) return true;
  if (stop?.(e)) return false;
  return childrenOf(e).some((c) => anyExpr(c, pred, stop));
}

export function forEachExpr(e: Expr, fn: (x: Expr) => void, stop?: (x: Expr) => boolean): void {
  fn(e);
  if (stop?.(e)) return;
  for (const c of childrenOf(e)) forEachExpr(c, fn, stop);
}
