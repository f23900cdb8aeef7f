// Picks the physical join for a logical join: an interval join when the condition bounds both
// rowtimes against each other, a temporal or lookup join for FOR SYSTEM_TIME AS OF, else the regular
// streaming join keyed by the equi-join keys (the rest of the condition is evaluated per match).
import { withoutTimeAttribute, type RowType } from '../../../core/types/logical-type.ts';
import { TableError } from '../../sql-errors.ts';
import type { JoinRel, RelNode } from '../logical/rel.ts';
import type { Rex } from '../rex.ts';
import { andAll, conjunctions, inputRefsOf, shiftInputs } from '../rex-util.ts';
import type { PhysNode } from './phys-node.ts';
import { uniqueKeyOf } from './unique-key.ts';
import { windowColumnsOf } from './window-columns.ts';
import type { PhysicalPlanner } from './to-physical.ts';

export interface EquiSplit {
  readonly leftKeys: Rex[];
  readonly rightKeys: Rex[];
  readonly nullSafe: boolean[];
  readonly rest: Rex[];
}

/** Splits a join condition into equi-join key pairs (left expr = right expr) and the remainder. */
export function splitEquiCondition(condition: Rex, leftWidth: number): EquiSplit {
  const out: EquiSplit = { leftKeys: [], rightKeys: [], nullSafe: [], rest: [] };
  for (const c of conjunctions(condition)) {
    if (c.kind === 'call' && (c.op === '=' || c.op === 'IS NOT DISTINCT FROM') && c.operands.length === 2) {
      const [a, b] = c.operands as [Rex, Rex];
      const side = (r: Rex): 'L' | 'R' | undefined => {
        const refs = [...inputRefsOf(r)];
        if (refs.length === 0) return undefined;
        if (refs.every((i) => i < leftWidth)) return 'L';
        if (refs.every((i) => i >= leftWidth)) return 'R';
        return undefined;
      };
      const sa = side(a);
      const sb = side(b);
      if (sa && sb && sa !== sb) {
        const [l, r] = sa === 'L' ? [a, b] : [b, a];
        out.leftKeys.push(l);
        out.rightKeys.push(shiftInputs(r, -leftWidth));
        out.nullSafe.push(c.op === 'IS NOT DISTINCT FROM');
        continue;
      }
    }
    out.rest.push(c);
  }
  return out;
}

function materialized(rowType: RowType): RowType {
  return { names: rowType.names, types: rowType.types.map(withoutTimeAttribute) };
}

function hashExchange(input: PhysNode, keys: readonly Rex[], nullSafe: readonly boolean[], p: PhysicalPlanner): PhysNode {
  if (keys.length === 0) return p.single(input);
  return { kind: 'Exchange', inputs: [input], rowType: input.rowType, distribution: 'hash', keys, nullSafe };
}

export function planJoin(p: PhysicalPlanner, rel: JoinRel): PhysNode {
  const lw = rel.left.rowType.types.length;
  const split = splitEquiCondition(p.fold(rel.condition), lw);
  const nonEqui = split.rest.length ? andAll(split.rest) : undefined;
  if (rel.temporal) return planTemporal(p, rel, split, nonEqui);
  const left = p.convert(rel.left);
  const right = p.convert(rel.right);
  const windowed = windowJoin(rel, split, nonEqui, left, right, p);
  if (windowed) return windowed;
  const interval = p.ctx.mode === 'STREAMING' ? intervalBounds(split.rest, rel.left, rel.right) : undefined;
  if (interval && (rel.joinType === 'INNER' || rel.joinType === 'LEFT' || rel.joinType === 'RIGHT' || rel.joinType === 'FULL')) {
    return {
      kind: 'IntervalJoin', inputs: [hashExchange(left, split.leftKeys, split.nullSafe, p), hashExchange(right, split.rightKeys, split.nullSafe, p)],
      rowType: rel.rowType, joinType: rel.joinType, leftKeys: split.leftKeys, rightKeys: split.rightKeys, nonEqui, condition: rel.condition,
      leftTimeIndex: interval.leftTime, rightTimeIndex: interval.rightTime, lowerMs: interval.lower, upperMs: interval.upper,
    };
  }
  return {
    kind: 'Join', inputs: [hashExchange(left, split.leftKeys, split.nullSafe, p), hashExchange(right, split.rightKeys, split.nullSafe, p)],
    rowType: materialized(rel.rowType), joinType: rel.joinType, leftKeys: split.leftKeys, rightKeys: split.rightKeys, nullSafe: split.nullSafe,
    nonEqui, condition: rel.condition, leftUniqueKey: uniqueKeyOf(left), rightUniqueKey: uniqueKeyOf(right),
  };
}

/** A join of two windowed inputs on window_start and window_end (and other keys): a WindowJoin. */
function windowJoin(rel: JoinRel, split: EquiSplit, nonEqui: Rex | undefined, left: PhysNode, right: PhysNode, p: PhysicalPlanner): PhysNode | undefined {
  const lw = windowColumnsOf(left);
  const rw = windowColumnsOf(right);
  if (!lw || !rw) return undefined;
  const pairOf = (l: number, r: number) => split.leftKeys.findIndex((k, i) => k.kind === 'input' && k.index === l && split.rightKeys[i]!.kind === 'input' && (split.rightKeys[i] as { index: number }).index === r);
  const s = pairOf(lw.start, rw.start);
  const e = pairOf(lw.end, rw.end);
  if (s < 0 || e < 0) return undefined;
  const rest = split.leftKeys.map((_, i) => i).filter((i) => i !== s && i !== e);
  const leftKeys = rest.map((i) => split.leftKeys[i]!);
  const rightKeys = rest.map((i) => split.rightKeys[i]!);
  const nullSafe = rest.map((i) => split.nullSafe[i]!);
  return {
    kind: 'WindowJoin', inputs: [hashExchange(left, leftKeys, nullSafe, p), hashExchange(right, rightKeys, nullSafe, p)],
    rowType: rel.rowType, joinType: rel.joinType, leftKeys, rightKeys, nonEqui, condition: rel.condition,
    leftWindowEnd: lw.end, rightWindowEnd: rw.end, isEventTime: lw.isEventTime,
  };
}

/** `ltime op rtime + c` over the joined row: which side's time, and the constant offset. */
function timeTerm(r: Rex, rel: { left: RelNode; right: RelNode }): { side: 'L' | 'R'; index: number; offset: number } | undefined {
  const lw = rel.left.rowType.types.length;
  const rowtimeAt = (i: number): boolean => (i < lw ? rel.left.rowType.types[i] : rel.right.rowType.types[i - lw])?.timeAttribute === 'ROWTIME';
  if (r.kind === 'input' && rowtimeAt(r.index)) return r.index < lw ? { side: 'L', index: r.index, offset: 0 } : { side: 'R', index: r.index - lw, offset: 0 };
  if (r.kind === 'call' && (r.op === '+' || r.op === '-') && r.operands.length === 2) {
    const [a, b] = r.operands as [Rex, Rex];
    const base = timeTerm(a, rel);
    if (base && b.kind === 'literal' && typeof b.value === 'number' && b.type.root === 'INTERVAL_DAY_TIME') {
      return { ...base, offset: base.offset + (r.op === '+' ? b.value : -b.value) };
    }
  }
  if (r.kind === 'call' && (r.op === 'CAST' || r.op === 'REINTERPRET')) return timeTerm(r.operands[0]!, rel);
  return undefined;
}

/** Bounds lower <= l.rowtime - r.rowtime <= upper from the non-equi conditions, when both are given. */
export function intervalBounds(rest: readonly Rex[], left: RelNode, right: RelNode): { leftTime: number; rightTime: number; lower: number; upper: number } | undefined {
  let lower = Number.NEGATIVE_INFINITY;
  let upper = Number.POSITIVE_INFINITY;
  let lt: number | undefined;
  let rt: number | undefined;
  const add = (a: Rex, op: string, b: Rex): boolean => {
    const x = timeTerm(a, { left, right });
    const y = timeTerm(b, { left, right });
    if (!x || !y || x.side === y.side) return false;
    // x.t + x.off  op  y.t + y.off; normalise to l - r op c.
    const [l, r, flip] = x.side === 'L' ? [x, y, false] : [y, x, true];
    if ((lt !== undefined && lt !== l.index) || (rt !== undefined && rt !== r.index)) return false;
    lt = l.index;
    rt = r.index;
    const c = r.offset - l.offset;
    let o = op;
    if (flip) o = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op]!;
    if (o === '<' ) upper = Math.min(upper, c - 1);
    else if (o === '<=') upper = Math.min(upper, c);
    else if (o === '>') lower = Math.max(lower, c + 1);
    else if (o === '>=') lower = Math.max(lower, c);
    else return false;
    return true;
  };
  for (const c of rest) {
    if (c.kind !== 'call') continue;
    if (['<', '<=', '>', '>='].includes(c.op) && c.operands.length === 2) add(c.operands[0]!, c.op, c.operands[1]!);
    else if (c.op === 'BETWEEN' && !c.flags?.['symmetric']) {
      const [a, lo, hi] = c.operands as [Rex, Rex, Rex];
      add(a, '>=', lo);
      add(a, '<=', hi);
    }
  }
  if (lt === undefined || rt === undefined || !Number.isFinite(lower) || !Number.isFinite(upper)) return undefined;
  return { leftTime: lt, rightTime: rt, lower, upper };
}

function planTemporal(p: PhysicalPlanner, rel: JoinRel, split: EquiSplit, nonEqui: Rex | undefined): PhysNode {
  const left = p.convert(rel.left);
  const t = rel.temporal!;
  if (split.leftKeys.length === 0) throw new TableError('Temporal table join requires an equality condition on fields of table');
  if (t.kind === 'PROCTIME') {
    // Lookup join: the right side must be a table scan (optionally projected) of a lookup source.
    let scan: RelNode = rel.right;
    while (scan.kind === 'Project' || scan.kind === 'WatermarkAssigner') scan = scan.input;
    if (scan.kind !== 'TableScan') throw new TableError('Processing-time temporal join (lookup join) requires a table whose connector supports lookups on the right side');
    const calc = p.convert(rel.right);
    const rightCalc = calc.kind === 'Calc' ? { exprs: calc.exprs, condition: calc.condition } : undefined;
    const rightWidth = scan.rowType.types.length;
    const lookupKeys = split.rightKeys.map((rk, i) => {
      let idx = rk.kind === 'input' ? rk.index : -1;
      if (rightCalc && idx >= 0) {
        const e = rightCalc.exprs[idx]!;
        idx = e.kind === 'input' ? e.index : -1;
      }
      if (idx < 0) throw new TableError('Lookup join keys of the lookup table must be plain columns');
      const lk = split.leftKeys[i]!;
      if (lk.kind !== 'input') throw new TableError('Lookup join keys of the left table must be plain columns');
      return { left: lk.index, right: idx };
    });
    return {
      kind: 'LookupJoin', inputs: [left], rowType: materialized(rel.rowType), joinType: rel.joinType, path: scan.path, table: scan.table, options: scan.options,
      lookupKeys, nonEqui, condition: rel.condition, rightWidth, rightCalc,
    };
  }
  let base: RelNode = rel.right;
  while (base.kind === 'Project' || base.kind === 'WatermarkAssigner' || base.kind === 'Filter') base = base.input;
  if (base.kind === 'TableScan' && !base.table.primaryKey?.length) {
    throw new TableError('Temporal Table Join requires primary key in versioned table, but no primary key can be found.');
  }
  const right = p.convert(rel.right);
  const rightTime = rel.right.rowType.types.findIndex((x) => x.timeAttribute === 'ROWTIME');
  if (rightTime < 0) throw new TableError('Event-time temporal table join requires both the primary key and a row time attribute (WATERMARK) on the versioned table');
  return {
    kind: 'TemporalJoin', inputs: [hashExchange(left, split.leftKeys, split.nullSafe, p), hashExchange(right, split.rightKeys, split.nullSafe, p)],
    rowType: rel.rowType, joinType: rel.joinType, leftKeys: split.leftKeys, rightKeys: split.rightKeys, nonEqui, condition: rel.condition,
    leftTimeIndex: t.leftTimeIndex, rightTimeIndex: rightTime,
  };
}
