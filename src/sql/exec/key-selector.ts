// Key selectors of keyed operators, compiled from the key expressions: a single key is the value
// itself, several keys an array (the runtime hashes both), no key a constant (one group).
import type { Row } from '../../core/row.ts';
import { compileExpression } from '../expr/compile.ts';
import type { ExprContext } from '../expr/expr-context.ts';
import type { Rex } from '../planner/rex.ts';

export type RowKeySelector = (row: Row) => unknown;

const constantKey: RowKeySelector = () => 0;

export function keySelectorOf(keys: readonly Rex[], ctx: ExprContext): RowKeySelector {
  if (keys.length === 0) return constantKey;
  if (keys.every((k) => k.kind === 'input')) {
    const idx = keys.map((k) => (k as { index: number }).index);
    if (idx.length === 1) {
      const i = idx[0]!;
      return (r) => r.fields[i];
    }
    if (idx.length === 2) {
      const [a, b] = idx as [number, number];
      return (r) => [r.fields[a], r.fields[b]];
    }
    return (r) => idx.map((i) => r.fields[i]);
  }
  const fns = keys.map((k) => compileExpression(k, ctx));
  if (fns.length === 1) {
    const f = fns[0]!;
    return (r) => f(r.fields);
  }
  return (r) => fns.map((f) => f(r.fields));
}
