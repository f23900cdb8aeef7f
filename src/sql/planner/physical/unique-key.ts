// The unique key of a physical node's output when the planner can see one: the group key of an
// aggregate, carried through Calcs that keep those columns (used for upsert sinks and query results).
import type { PhysNode } from './phys-node.ts';

export function uniqueKeyOf(n: PhysNode): number[] | undefined {
  switch (n.kind) {
    case 'GroupAggregate': return n.groupKey.map((_, i) => i);
    case 'ChangelogNormalize': return [...n.uniqueKey];
    case 'Exchange': return uniqueKeyOf(n.inputs[0]!);
    case 'Calc': {
      if (n.condition && !uniqueKeyOf(n.inputs[0]!)) return undefined;
      const inner = uniqueKeyOf(n.inputs[0]!);
      if (!inner) return undefined;
      const out = inner.map((k) => n.exprs.findIndex((e) => e.kind === 'input' && e.index === k));
      return out.every((k) => k >= 0) ? out : undefined;
    }
    default: return undefined;
  }
}
