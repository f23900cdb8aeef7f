// Logical -> physical plan: merges projections and filters into Calc nodes (with constant folding
// and projection push-down into sources), pushes watermarks into sources, picks the physical
// operator for each aggregate, join and rank, and adds the exchanges keyed operators need.
import { withoutTimeAttribute, type LogicalType, type RowType } from '../../../core/types/logical-type.ts';
import { evaluateConstant, isConstant } from '../../expr/compile.ts';
import type { ExprContext } from '../../expr/expr-context.ts';
import { SqlValidationError, TableError } from '../../sql-errors.ts';
import type { AggregateRel, JoinRel, RelNode, TableScanRel, WatermarkRel } from '../logical/rel.ts';
import { literal, type Rex } from '../rex.ts';
import { andAll, canInline, conjunctions, formatRex, inputRefsOf, isNonDeterministic, isTrueLiteral, substitute } from '../rex-util.ts';
import { planJoin } from './plan-join.ts';
import type { PhysNode, PushedWatermark } from './phys-node.ts';
import { windowColumnsOf } from './window-columns.ts';

export interface PhysicalContext {
  readonly mode: 'STREAMING' | 'BATCH';
  readonly exprCtx: ExprContext;
}

interface CalcParts {
  readonly input: RelNode;
  readonly exprs: readonly Rex[];
  readonly condition?: Rex;
}

export class PhysicalPlanner {
  readonly ctx: PhysicalContext;
  readonly #watermarks = new Map<TableScanRel, PushedWatermark>();

  constructor(ctx: PhysicalContext) {
    this.ctx = ctx;
  }

  convert(rel: RelNode): PhysNode {
    switch (rel.kind) {
      case 'Project': case 'Filter': case 'WatermarkAssigner': {
        if (rel.kind === 'WatermarkAssigner' && !this.#pushable(rel)) {
          const input = this.convert(rel.input);
          return { kind: 'WatermarkAssigner', inputs: [input], rowType: rel.rowType, rowtimeIndex: rel.rowtimeIndex, watermark: rel.watermark };
        }
        const c = this.#collectCalc(rel);
        if (c.input.kind === 'Aggregate') return this.#aggregateWithNames(c.input, c.exprs, c.condition, rel.rowType);
        const input = c.input.kind === 'TableScan' ? this.#scan(c.input, c) : this.convert(c.input);
        return this.calc(input, c.exprs, c.condition, rel.rowType);
      }
      case 'TableScan': return this.#scan(rel, undefined);
      case 'DataStreamScan': return { kind: 'DataStreamScan', inputs: [], rowType: rel.rowType, table: rel.table };
      case 'Values': return { kind: 'Values', inputs: [], rowType: rel.rowType, rows: rel.rows };
      case 'Aggregate': return this.#aggregate(rel, rel.rowType.names);
      case 'Join': return planJoin(this, rel as JoinRel);
      case 'Union': return { kind: 'Union', inputs: rel.inputs.map((i) => this.convert(i)), rowType: rel.rowType };
      case 'WindowTVF': {
        const keys = rel.partitionKeys ?? [];
        // SESSION keeps each key's rows until its session closes: keyed by the PARTITION BY columns.
        const input = rel.window.type === 'SESSION' ? this.exchange(this.convert(rel.input), keys) : this.convert(rel.input);
        return { kind: 'WindowTableFunction', inputs: [input], rowType: rel.rowType, window: rel.window, timeIndex: rel.timeIndex, partitionKeys: keys };
      }
      case 'Over': {
        if (rel.window.calls.some((c) => ['ROW_NUMBER', 'RANK', 'DENSE_RANK'].includes(c.name))) {
          throw new TableError('ROW_NUMBER, RANK and DENSE_RANK are only supported with a filter on the rank (Top-N: rn <= N) or rn = 1 ordered by a time attribute (deduplication)');
        }
        const input = this.exchange(this.convert(rel.input), rel.window.partitionKeys);
        if (this.ctx.mode === 'STREAMING') {
          const o = rel.window.orderKeys[0];
          const t = o ? rel.input.rowType.types[o.index] : undefined;
          if (!t?.timeAttribute || o!.direction !== 'ASC' || rel.window.orderKeys.length !== 1) {
            throw new TableError('OVER windows\' ordering in stream mode must be defined on a time attribute.');
          }
        }
        return { kind: 'OverAggregate', inputs: [input], rowType: rel.rowType, window: rel.window };
      }
      case 'Rank': {
        const below = this.convert(rel.input);
        const windowed = this.#windowRank(rel, below);
        if (windowed) return windowed;
        const input = this.exchange(below, rel.partitionKeys);
        const o = rel.orderKeys;
        const t = o.length === 1 ? rel.input.rowType.types[o[0]!.index] : undefined;
        if (this.ctx.mode === 'STREAMING' && rel.rankType === 'ROW_NUMBER' && rel.rankStart === 1 && rel.rankEnd === 1 && t?.timeAttribute) {
          const dedup: PhysNode = { kind: 'Deduplicate', inputs: [input], rowType: withoutRank(rel), partitionKeys: rel.partitionKeys, keepLastRow: o[0]!.direction === 'DESC', isRowtime: t.timeAttribute === 'ROWTIME', orderIndex: o[0]!.index };
          return this.#withRankOne(dedup, rel);
        }
        return { kind: 'Rank', rankType: rel.rankType, inputs: [input], rowType: rel.rowType, partitionKeys: rel.partitionKeys, orderKeys: rel.orderKeys, rankStart: rel.rankStart, rankEnd: rel.rankEnd, outputRankNumber: rel.outputRankNumber };
      }
      case 'Sort': return this.#sort(rel);
      case 'Correlate': {
        const input = this.convert(rel.input);
        return { kind: 'Correlate', inputs: [input], rowType: rel.rowType, fn: rel.fn, fnName: rel.fnName, args: rel.args, joinType: rel.joinType, fnWidth: rel.fnTypes.length };
      }
    }
  }

  /** rn is always 1 after deduplication: appended when the projections above read it. */
  #withRankOne(node: PhysNode, rank: Extract<RelNode, { kind: 'Rank' }>): PhysNode {
    if (!rank.outputRankNumber) return node;
    const w = node.rowType.types.length;
    const exprs: Rex[] = [...node.rowType.types.map((type, i) => ({ kind: 'input' as const, index: i, type })), literal(1, rank.rowType.types[w]!)];
    return this.calc(node, exprs, undefined, rank.rowType);
  }

  /** Top-N / deduplication partitioned by window_start and window_end: WindowRank / WindowDeduplicate. */
  #windowRank(rel: Extract<RelNode, { kind: 'Rank' }>, below: PhysNode): PhysNode | undefined {
    const wc = windowColumnsOf(below);
    if (!wc || !rel.partitionKeys.includes(wc.start) || !rel.partitionKeys.includes(wc.end)) return undefined;
    const keys = rel.partitionKeys.filter((k) => k !== wc.start && k !== wc.end);
    const input = this.exchange(below, keys);
    const o = rel.orderKeys;
    const t = o.length === 1 ? rel.input.rowType.types[o[0]!.index] : undefined;
    if (rel.rankType === 'ROW_NUMBER' && rel.rankStart === 1 && rel.rankEnd === 1 && t?.timeAttribute) {
      const dedup: PhysNode = { kind: 'WindowDeduplicate', inputs: [input], rowType: withoutRank(rel), partitionKeys: keys, keepLastRow: o[0]!.direction === 'DESC', orderIndex: o[0]!.index, windowEnd: wc.end, isEventTime: wc.isEventTime };
      return this.#withRankOne(dedup, rel);
    }
    return { kind: 'WindowRank', rankType: rel.rankType, inputs: [input], rowType: rel.rowType, partitionKeys: keys, orderKeys: o, rankStart: rel.rankStart, rankEnd: rel.rankEnd, outputRankNumber: rel.outputRankNumber, windowEnd: wc.end, isEventTime: wc.isEventTime };
  }

  #sort(rel: Extract<RelNode, { kind: 'Sort' }>): PhysNode {
    const input = this.convert(rel.input);
    if (this.ctx.mode === 'BATCH') {
      const kind = rel.keys.length === 0 ? 'Limit' : rel.fetch === undefined ? 'Sort' : 'SortLimit';
      return { kind, inputs: [this.single(input)], rowType: rel.rowType, keys: rel.keys, offset: rel.offset, fetch: rel.fetch };
    }
    if (rel.fetch === undefined) {
      const first = rel.keys[0];
      const t = first ? rel.input.rowType.types[first.index] : undefined;
      if (!t?.timeAttribute || first!.direction !== 'ASC' || rel.offset > 0) {
        throw new TableError('Sort on a non-time-attribute field is not supported.');
      }
      return { kind: 'TemporalSort', inputs: [this.single(input)], rowType: rel.rowType, keys: rel.keys };
    }
    return { kind: rel.keys.length ? 'SortLimit' : 'Limit', inputs: [this.single(input)], rowType: rel.rowType, keys: rel.keys, offset: rel.offset, fetch: rel.fetch };
  }

  /** A Calc, or the input itself when the Calc would be an identity. */
  calc(input: PhysNode, exprs: readonly Rex[], condition: Rex | undefined, rowType: RowType): PhysNode {
    if (input.kind === 'Calc' && canInline(input.exprs, exprs, condition)) {
      // Calc over Calc: one Calc computing the outer expressions from the inner one's input.
      const inner = input;
      const conds = [...(inner.condition ? [inner.condition] : []), ...(condition ? [substitute(condition, inner.exprs)] : [])];
      return this.calc(inner.inputs[0]!, exprs.map((e) => substitute(e, inner.exprs)), conds.length ? andAll(conds) : undefined, rowType);
    }
    const folded = exprs.map((e) => this.fold(e));
    let cond = condition ? this.fold(condition) : undefined;
    if (cond && isTrueLiteral(cond)) cond = undefined;
    const width = input.rowType.types.length;
    const identity = !cond && folded.length === width && folded.every((e, i) => e.kind === 'input' && e.index === i);
    if (identity) return { ...input, rowType } as PhysNode;
    return { kind: 'Calc', inputs: [input], rowType, exprs: folded, condition: cond };
  }

  /** Evaluates constant sub-expressions once at planning time. */
  fold(rex: Rex): Rex {
    if (rex.kind !== 'call') return rex;
    if (rex.operands.length && isConstant(rex) && !isNonDeterministic(rex)) {
      try {
        return literal(evaluateConstant(rex, this.ctx.exprCtx), rex.type);
      } catch {
        return rex;
      }
    }
    const operands = rex.operands.map((o) => this.fold(o));
    return operands.every((o, i) => o === rex.operands[i]) ? rex : { ...rex, operands };
  }

  exchange(input: PhysNode, keys: readonly number[]): PhysNode {
    if (keys.length === 0) return this.single(input);
    const keyRefs: Rex[] = keys.map((index) => ({ kind: 'input', index, type: input.rowType.types[index]! }));
    return { kind: 'Exchange', inputs: [input], rowType: input.rowType, distribution: 'hash', keys: keyRefs };
  }

  single(input: PhysNode): PhysNode {
    return { kind: 'Exchange', inputs: [input], rowType: input.rowType, distribution: 'single', keys: [] };
  }

  /** Merges a chain of Project / Filter (and pushed watermark assigners) into one projection and condition. */
  #collectCalc(rel: RelNode): CalcParts {
    switch (rel.kind) {
      case 'Project': {
        const c = this.#collectCalc(rel.input);
        if (!canInline(c.exprs, rel.exprs)) return { input: rel.input, exprs: rel.exprs };
        return { input: c.input, exprs: rel.exprs.map((e) => substitute(e, c.exprs)), condition: c.condition };
      }
      case 'Filter': {
        const c = this.#collectCalc(rel.input);
        if (!canInline(c.exprs, [], rel.condition)) return { input: rel.input, exprs: identity(rel).exprs, condition: rel.condition };
        const cond = substitute(rel.condition, c.exprs);
        return { input: c.input, exprs: c.exprs, condition: c.condition ? andAll([...conjunctions(c.condition), ...conjunctions(cond)]) : cond };
      }
      case 'WatermarkAssigner':
        if (this.#pushable(rel)) {
          this.#pushWatermark(rel);
          return this.#collectCalc(rel.input);
        }
        return identity(rel);
      default:
        return identity(rel);
    }
  }

  #pushable(rel: WatermarkRel): boolean {
    return rel.input.kind === 'TableScan' || (rel.input.kind === 'Project' && rel.input.input.kind === 'TableScan');
  }

  #pushWatermark(rel: WatermarkRel): void {
    const scan = (rel.input.kind === 'TableScan' ? rel.input : (rel.input as Extract<RelNode, { kind: 'Project' }>).input) as TableScanRel;
    const exprs = rel.input.kind === 'Project' ? rel.input.exprs : rel.rowType.types.map((type, index) => ({ kind: 'input' as const, index, type }));
    const names = rel.rowType.names;
    this.#watermarks.set(scan, {
      rowtime: exprs[rel.rowtimeIndex]!,
      watermark: substitute(rel.watermark, exprs),
      rowtimeName: names[rel.rowtimeIndex]!,
      display: formatRex(rel.watermark, names),
    });
  }

  #scan(scan: TableScanRel, calc: CalcParts | undefined): PhysNode {
    const physicalWidth = scan.table.columns.filter((c) => c.kind === 'physical').length;
    const wm = this.#watermarks.get(scan);
    let projectedFields: number[] | undefined;
    if (calc) {
      const used = new Set<number>();
      for (const e of calc.exprs) inputRefsOf(e, used);
      if (calc.condition) inputRefsOf(calc.condition, used);
      if (wm) {
        inputRefsOf(wm.rowtime, used);
        inputRefsOf(wm.watermark, used);
      }
      // Primary key columns are always read: upsert sources are normalised by them.
      const physical = scan.table.columns.filter((c) => c.kind === 'physical');
      for (const k of scan.table.primaryKey ?? []) used.add(physical.findIndex((c) => c.name === k));
      projectedFields = [...used].filter((i) => i >= 0 && i < physicalWidth).sort((a, b) => a - b);
      if (projectedFields.length === physicalWidth) projectedFields = undefined;
    }
    return { kind: 'TableSourceScan', inputs: [], rowType: scan.rowType, path: scan.path, table: scan.table, options: scan.options, metadataKeys: scan.metadataKeys, projectedFields, watermark: wm, physicalWidth };
  }

  /** Project(Aggregate) where the projection only renames/reorders: name the aggregates after their aliases, as Flink prints them. */
  #aggregateWithNames(agg: AggregateRel, exprs: readonly Rex[], condition: Rex | undefined, rowType: RowType): PhysNode {
    const names = [...agg.rowType.names];
    exprs.forEach((e, i) => {
      if (e.kind === 'input' && e.index >= agg.groupKey.length) names[e.index] = rowType.names[i]!;
    });
    const node = this.#aggregate(agg, names);
    return this.calc(node, exprs, condition, rowType);
  }

  #aggregate(agg: AggregateRel, names: readonly string[]): PhysNode {
    const g = agg.groupKey.length;
    const calls = agg.calls.map((c, i) => ({ ...c, alias: names[g + i] ?? c.alias }));
    const window = this.#windowAggregate(agg, calls, names);
    if (window) return window;
    const below = this.convert(agg.input);
    const cascaded = this.#cascadedWindowAggregate(agg, calls, names, below);
    if (cascaded) return cascaded;
    const input = this.exchange(below, agg.groupKey);
    const rowType: RowType = { names, types: agg.rowType.types };
    return { kind: 'GroupAggregate', inputs: [input], rowType, groupKey: agg.groupKey, calls };
  }

  /**
   * An aggregate grouped by the window_start and window_end of windowed input (a window TVF's or a
   * window aggregate's output): a WindowAggregate over the same windows, taking window_end from the row.
   */
  #cascadedWindowAggregate(agg: AggregateRel, calls: AggregateRel['calls'], names: readonly string[], below: PhysNode): PhysNode | undefined {
    const wc = windowColumnsOf(below);
    if (!wc || !wc.isEventTime || wc.window.type === 'SESSION') return undefined;
    if (!agg.groupKey.includes(wc.start) || !agg.groupKey.includes(wc.end)) return undefined;
    const keys = agg.groupKey.filter((k) => k !== wc.start && k !== wc.end);
    if (agg.groupKey.length !== keys.length + 2) return undefined;
    const inTypes = below.rowType.types;
    const outNames = [...keys.map((k) => names[agg.groupKey.indexOf(k)]!), ...calls.map((c) => c.alias), 'window_start', 'window_end'];
    const outTypes: LogicalType[] = [...keys.map((k) => withoutTimeAttribute(inTypes[k]!)), ...calls.map((c) => c.type), inTypes[wc.start]!, inTypes[wc.end]!];
    const node: PhysNode = {
      kind: 'WindowAggregate', inputs: [this.exchange(below, keys)], rowType: { names: outNames, types: outTypes }, window: wc.window,
      timeIndex: wc.end, isEventTime: true, groupKey: keys, calls, emitWindowTime: false, windowEndIndex: wc.end,
    };
    const k = keys.length;
    const back: Rex[] = agg.groupKey.map((g) => {
      const index = g === wc.start ? k + calls.length : g === wc.end ? k + calls.length + 1 : keys.indexOf(g);
      return { kind: 'input', index, type: outTypes[index]! };
    });
    calls.forEach((c, i) => back.push({ kind: 'input', index: k + i, type: c.type }));
    return this.calc(node, back, undefined, { names, types: agg.rowType.types });
  }

  /** Aggregate over a window TVF grouped by window_start and window_end: a WindowAggregate. */
  #windowAggregate(agg: AggregateRel, aggCalls: AggregateRel['calls'], names: readonly string[]): PhysNode | undefined {
    let calls = aggCalls;
    const c = this.#collectCalc(agg.input);
    if (c.input.kind !== 'WindowTVF') return undefined;
    const tvf = c.input;
    const w = tvf.input.rowType.types.length;
    const windowCol = (i: number): number | undefined => {
      const e = c.exprs[i]!;
      return e.kind === 'input' && e.index >= w ? e.index - w : undefined;
    };
    const keyWin = agg.groupKey.map(windowCol);
    if (!keyWin.includes(0) || !keyWin.includes(1)) return undefined;
    // Every other use of the window columns (in aggregate arguments or non-key columns) is not supported.
    const groupFields = agg.groupKey.filter((_, i) => keyWin[i] === undefined);
    const usedByWindow = new Set(agg.groupKey.filter((_, i) => keyWin[i] !== undefined));
    c.exprs.forEach((e, i) => {
      if (usedByWindow.has(i)) return;
      for (const r of inputRefsOf(e)) {
        if (r >= w) throw new SqlValidationError(`window_start, window_end and window_time can only be used as GROUP BY keys of a window aggregation`);
      }
    });
    // Input of the window aggregate: the group keys and aggregate arguments, then the time column,
    // computed in one Calc merged with the projections and filters below the window TVF.
    const timeType = tvf.input.rowType.types[tvf.timeIndex]!;
    const needed = [...new Set([...groupFields, ...calls.flatMap((x) => [...x.args, ...(x.filterArg !== undefined ? [x.filterArg] : [])])])];
    const pos = new Map(needed.map((p, k) => [p, k]));
    const inner = this.#collectCalc(tvf.input);
    const exprs: Rex[] = needed.map((p) => substitute(c.exprs[p]!, inner.exprs));
    const timeIndex = exprs.length;
    exprs.push(inner.exprs[tvf.timeIndex]!);
    const conds = [...(inner.condition ? [inner.condition] : []), ...(c.condition ? [substitute(substituteWindow(c.condition, w), inner.exprs)] : [])];
    const calcType: RowType = {
      names: [...needed.map((p) => agg.input.rowType.names[p]!), tvf.input.rowType.names[tvf.timeIndex]!],
      types: [...exprs.slice(0, -1).map((e) => e.type), timeType],
    };
    const calcParts = { input: inner.input, exprs, condition: conds.length ? andAll(conds) : undefined };
    const below = inner.input.kind === 'TableScan' ? this.#scan(inner.input, calcParts) : this.convert(inner.input);
    const pre = this.calc(below, exprs, calcParts.condition, calcType);
    calls = calls.map((x) => ({ ...x, args: x.args.map((a) => pos.get(a)!), filterArg: x.filterArg === undefined ? undefined : pos.get(x.filterArg) }));
    const groupIn = groupFields.map((k) => pos.get(k)!);
    const emitWindowTime = keyWin.includes(2);
    const keyed = this.exchange(pre, groupIn);
    const outNames = [...groupFields.map((k) => names[agg.groupKey.indexOf(k)]!), ...calls.map((x) => x.alias), 'window_start', 'window_end', ...(emitWindowTime ? ['window_time'] : [])];
    const tvfTypes = tvf.rowType.types;
    const outTypes: LogicalType[] = [
      ...groupFields.map((k) => withoutTimeAttribute(agg.rowType.types[agg.groupKey.indexOf(k)]!)),
      ...calls.map((x) => x.type), tvfTypes[w]!, tvfTypes[w + 1]!, ...(emitWindowTime ? [tvfTypes[w + 2]!] : []),
    ];
    const node: PhysNode = {
      kind: 'WindowAggregate', inputs: [keyed], rowType: { names: outNames, types: outTypes }, window: tvf.window, timeIndex,
      isEventTime: timeType.timeAttribute === 'ROWTIME', groupKey: groupIn, calls, emitWindowTime,
    };
    // Back to the aggregate's layout: group keys in GROUP BY order, then the aggregates.
    const gf = groupFields.length;
    const back: Rex[] = agg.groupKey.map((k, i) => {
      const wc = keyWin[i];
      const index = wc === undefined ? groupFields.indexOf(k) : gf + calls.length + wc;
      return { kind: 'input', index, type: outTypes[index]! };
    });
    calls.forEach((x, i) => back.push({ kind: 'input', index: gf + i, type: x.type }));
    return this.calc(node, back, undefined, { names, types: agg.rowType.types.map((t, i) => (i < agg.groupKey.length && keyWin[i] === 2 ? t : withoutTimeAttribute(t))) });
  }
}

/** A filter between a window TVF and its aggregate may not read the window columns. */
function substituteWindow(cond: Rex, w: number): Rex {
  for (const r of inputRefsOf(cond)) if (r >= w) throw new SqlValidationError('Filters on window_start, window_end or window_time before a window aggregation are not supported');
  return cond;
}

/** The rank's row type without the row number column. */
function withoutRank(rank: Extract<RelNode, { kind: 'Rank' }>): RowType {
  const r = rank.rowType;
  return rank.outputRankNumber ? { names: r.names.slice(0, -1), types: r.types.slice(0, -1) } : r;
}

function identity(rel: RelNode): CalcParts {
  return { input: rel, exprs: rel.rowType.types.map((type, index) => ({ kind: 'input', index, type: type as LogicalType })) };
}
