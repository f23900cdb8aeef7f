// Where a physical node's output carries window_start / window_end (after a window TVF or window
// aggregate, through Calcs that keep them): window Top-N, deduplication and joins key on them.
import type { WindowSpec } from '../../operators/window-spec.ts';
import type { PhysNode } from './phys-node.ts';

export interface WindowColumns {
  readonly start: number;
  readonly end: number;
  readonly isEventTime: boolean;
  /** The window that produced the columns. */
  readonly window: WindowSpec;
}

export function windowColumnsOf(n: PhysNode): WindowColumns | undefined {
  switch (n.kind) {
    case 'WindowTableFunction': {
      const w = n.inputs[0]!.rowType.types.length;
      return { start: w, end: w + 1, isEventTime: n.rowType.types[w + 2]!.timeAttribute !== 'PROCTIME', window: n.window };
    }
    case 'WindowAggregate': {
      const at = n.groupKey.length + n.calls.length;
      return { start: at, end: at + 1, isEventTime: n.isEventTime, window: n.window };
    }
    case 'Exchange': return windowColumnsOf(n.inputs[0]!);
    case 'Calc': {
      const inner = windowColumnsOf(n.inputs[0]!);
      if (!inner) return undefined;
      const at = (i: number) => n.exprs.findIndex((e) => e.kind === 'input' && e.index === i);
      const start = at(inner.start);
      const end = at(inner.end);
      return start >= 0 && end >= 0 ? { ...inner, start, end } : undefined;
    }
    default: return undefined;
  }
}
