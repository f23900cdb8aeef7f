// The unique key of a physical node's output when the planner can see one: a source's primary key,
// the group key of an aggregate or the partition key of a deduplication, carried through Calcs that
// keep those columns (used by joins, upsert sinks and query results).
import type { PhysNode } from './phys-node.ts';

export function uniqueKeyOf(n: PhysNode): number[] | undefined {
  switch (n.kind) {
    case 'TableSourceScan': {
      const physical = n.table.columns.filter((c) => c.kind === 'physical');
      const pk = (n.table.primaryKey ?? []).map((k) => physical.findIndex((c) => c.name === k));
      return pk.length && pk.every((i) => i >= 0) ? pk : undefined;
    }
    case 'GroupAggregate': return n.groupKey.length ? n.groupKey.map((_, i) => i) : undefined;
    case 'Deduplicate': return n.partitionKeys.length ? [...n.partitionKeys] : undefined;
    case 'MiniBatchAssigner': case 'WatermarkAssigner': return uniqueKeyOf(n.inputs[0]!);
    case 'ChangelogNormalize': return [...n.uniqueKey];
    case 'Exchange': return uniqueKeyOf(n.inputs[0]!);
    case 'Calc': {
      // A filter keeps keys unique; the projection must keep every key column.
      const inner = uniqueKeyOf(n.inputs[0]!);
      if (!inner) return undefined;
      const out = inner.map((k) => n.exprs.findIndex((e) => e.kind === 'input' && e.index === k));
      return out.every((k) => k >= 0) ? out : undefined;
    }
    default: return undefined;
  }
}
