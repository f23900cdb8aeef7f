// Rule-based rewrites of the logical plan before physical planning: filters pushed into and through
// inner joins (so `FROM a, b WHERE a.k = b.k` becomes an equi-join), and ROW_NUMBER() OVER with a
// filter on the row number turned into a Rank node (Top-N, deduplication).
import { SqlValidationError } from '../../sql-errors.ts';
import { andAll, canInline, conjunctions, inputRefsOf, mapInputs, shiftInputs, substitute } from '../rex-util.ts';
import type { Rex } from '../rex.ts';
import type { FilterRel, JoinRel, OverRel, ProjectRel, RankRel, RankType, RelNode } from './rel.ts';

/** Applies `f` bottom-up: children are rewritten first. */
function mapChildren(rel: RelNode, f: (r: RelNode) => RelNode): RelNode {
  switch (rel.kind) {
    case 'TableScan': case 'DataStreamScan': case 'Values': return rel;
    case 'Join': return { ...rel, left: f(rel.left), right: f(rel.right) };
    case 'Union': return { ...rel, inputs: rel.inputs.map(f) };
    default: return { ...rel, input: f(rel.input) } as RelNode;
  }
}

export function rewrite(rel: RelNode): RelNode {
  let r = mapChildren(rel, rewrite);
  // Project(Project): one projection, so that the rules below see the node under it.
  if (r.kind === 'Project' && r.input.kind === 'Project' && canInline(r.input.exprs, r.exprs)) {
    const inner = r.input;
    r = { ...r, input: inner.input, exprs: r.exprs.map((e) => substitute(e, inner.exprs)) };
  }
  if (r.kind === 'Filter') return rankFromFilter(r) ?? pushFilterIntoJoin(r) ?? r;
  if (r.kind === 'Project' && r.input.kind === 'Join') return pruneJoinInputs(r, r.input) ?? r;
  if (r.kind === 'Project' && (r.input.kind === 'Over' || r.input.kind === 'Rank')) return pruneUnder(r, r.input) ?? r;
  if (r.kind === 'Join') return pushJoinCondition(r) ?? r;
  return r;
}

/** ON conditions on one input only go below the join where that keeps the join's meaning. */
function pushJoinCondition(j: JoinRel): RelNode | undefined {
  if (j.temporal) return undefined;
  const lw = j.left.rowType.types.length;
  const t = j.joinType;
  const left: Rex[] = [];
  const right: Rex[] = [];
  const keep: Rex[] = [];
  for (const c of conjunctions(j.condition)) {
    const refs = [...inputRefsOf(c)];
    if (refs.length && refs.every((i) => i < lw) && (t === 'INNER' || t === 'RIGHT' || t === 'SEMI')) left.push(c);
    else if (refs.length && refs.every((i) => i >= lw) && (t === 'INNER' || t === 'LEFT' || t === 'SEMI' || t === 'ANTI')) right.push(shiftInputs(c, -lw));
    else keep.push(c);
  }
  if (left.length === 0 && right.length === 0) return undefined;
  return {
    ...j,
    left: left.length ? rewrite(filter(j.left, left)) : j.left,
    right: right.length ? rewrite(filter(j.right, right)) : j.right,
    condition: andAll(keep),
  };
}

/** Keeps only the columns of `rel` at `used` (sorted): a Project, or `rel` when all are used. */
function keepColumns(rel: RelNode, used: readonly number[]): RelNode {
  if (used.length === rel.rowType.types.length) return rel;
  return {
    kind: 'Project', input: rel, exprs: used.map((index) => ({ kind: 'input', index, type: rel.rowType.types[index]! })),
    rowType: { names: used.map((i) => rel.rowType.names[i]!), types: used.map((i) => rel.rowType.types[i]!) },
  };
}

/** Project(Join): each join input keeps only the columns the projection and the condition read. */
function pruneJoinInputs(p: ProjectRel, j: JoinRel): RelNode | undefined {
  const lw = j.left.rowType.types.length;
  const rw = j.right.rowType.types.length;
  const used = new Set<number>();
  for (const e of p.exprs) inputRefsOf(e, used);
  inputRefsOf(j.condition, used);
  // A temporal join reads the left row's time and the versioned table's rowtime.
  if (j.temporal) {
    used.add(j.temporal.leftTimeIndex);
    j.right.rowType.types.forEach((t, i) => { if (t.timeAttribute === 'ROWTIME') used.add(lw + i); });
  }
  const leftUsed = [...used].filter((i) => i < lw).sort((a, b) => a - b);
  const rightUsed = [...used].filter((i) => i >= lw).map((i) => i - lw).sort((a, b) => a - b);
  // Keep one column on a side nothing reads (a row of nothing cannot be joined by the operators).
  if (leftUsed.length === 0) leftUsed.push(0);
  if (rightUsed.length === 0) rightUsed.push(0);
  if (leftUsed.length === lw && rightUsed.length === rw) return undefined;
  const map = new Map<number, number>();
  leftUsed.forEach((i, k) => map.set(i, k));
  rightUsed.forEach((i, k) => map.set(i + lw, leftUsed.length + k));
  const remap = (e: Rex): Rex => mapInputs(e, (i, type) => ({ kind: 'input', index: map.get(i)!, type }));
  // The inputs may be joins themselves: prune them in turn.
  const left = rewrite(keepColumns(j.left, leftUsed));
  const right = rewrite(keepColumns(j.right, rightUsed));
  const semi = j.joinType === 'SEMI' || j.joinType === 'ANTI';
  const cols = semi ? leftUsed : [...leftUsed, ...rightUsed.map((i) => i + lw)];
  const join: JoinRel = {
    ...j, left, right, condition: remap(j.condition),
    temporal: j.temporal && { ...j.temporal, leftTimeIndex: map.get(j.temporal.leftTimeIndex)! },
    rowType: { names: cols.map((i) => j.rowType.names[i]!), types: cols.map((i) => j.rowType.types[i]!) },
  };
  return { ...p, input: join, exprs: p.exprs.map(remap) };
}

function filter(input: RelNode, parts: readonly Rex[]): RelNode {
  return parts.length ? ({ kind: 'Filter', input, condition: andAll(parts), rowType: input.rowType } satisfies FilterRel) : input;
}

/** Filter(Join): conditions on one side go below the join, the rest into an inner join's condition. */
function pushFilterIntoJoin(f: FilterRel): RelNode | undefined {
  const j = f.input;
  if (j.kind !== 'Join' || j.temporal || j.joinType === 'SEMI' || j.joinType === 'ANTI') return undefined;
  const lw = j.left.rowType.types.length;
  const left: Rex[] = [];
  const right: Rex[] = [];
  const both: Rex[] = [];
  for (const c of conjunctions(f.condition)) {
    const refs = [...inputRefsOf(c)];
    const onLeft = refs.every((i) => i < lw);
    const onRight = refs.length > 0 && refs.every((i) => i >= lw);
    if (onLeft && refs.length && (j.joinType === 'INNER' || j.joinType === 'LEFT')) left.push(c);
    else if (onRight && (j.joinType === 'INNER' || j.joinType === 'RIGHT')) right.push(shiftInputs(c, -lw));
    else both.push(c);
  }
  if (left.length === 0 && right.length === 0 && (both.length === 0 || j.joinType !== 'INNER')) return undefined;
  const intoJoin = j.joinType === 'INNER' ? both : [];
  const joined: JoinRel = {
    ...j,
    left: left.length ? rewrite(filter(j.left, left)) : j.left,
    right: right.length ? rewrite(filter(j.right, right)) : j.right,
    condition: andAll([...conjunctions(j.condition), ...intoJoin]),
  };
  return filter(joined, j.joinType === 'INNER' ? [] : both);
}

const RANK_TYPES: readonly RankType[] = ['ROW_NUMBER', 'RANK', 'DENSE_RANK'];

/** Filter(Project*(Over(ROW_NUMBER | RANK | DENSE_RANK))) with `rn <= N` (or <, =, BETWEEN): Rank in place of Over. */
function rankFromFilter(f: FilterRel): RelNode | undefined {
  const projects: ProjectRel[] = [];
  let cur: RelNode = f.input;
  while (cur.kind === 'Project') {
    projects.push(cur);
    cur = cur.input;
  }
  if (cur.kind !== 'Over') return undefined;
  const over: OverRel = cur;
  const w = over.window;
  const rankType = w.calls.length === 1 ? RANK_TYPES.find((t) => t === w.calls[0]!.name) : undefined;
  if (rankType === undefined) return undefined;
  const rnIndex = over.input.rowType.types.length;
  // The condition over the Over's output.
  let cond = f.condition;
  for (const p of projects) cond = substitute(cond, p.exprs);
  let start = 1;
  let end = Number.POSITIVE_INFINITY;
  const rest: Rex[] = [];
  for (const c of conjunctions(cond)) {
    const b = rnBound(c, rnIndex);
    if (!b) {
      rest.push(c);
      continue;
    }
    start = Math.max(start, b.start);
    end = Math.min(end, b.end);
  }
  if (end === Number.POSITIVE_INFINITY) return undefined;
  if (end < start) throw new SqlValidationError(`Rank end ${end} is less than rank start ${start}`);
  const rank: RankRel = {
    kind: 'Rank', rankType, input: over.input, partitionKeys: w.partitionKeys, orderKeys: w.orderKeys,
    rankStart: start, rankEnd: end, outputRankNumber: true, rowType: over.rowType,
  };
  let top: RelNode = rank;
  for (let i = projects.length - 1; i >= 0; i--) top = i === projects.length - 1 ? pruneUnder({ ...projects[i]!, input: rank }, rank) ?? { ...projects[i]!, input: rank } : { ...projects[i]!, input: top };
  if (rest.length === 0) return top;
  // The remaining conditions were rewritten onto the Over's output; put them right above the Rank.
  let base: RelNode = filter(rank, rest);
  for (let i = projects.length - 1; i >= 0; i--) base = { ...projects[i]!, input: base };
  return base;
}

function rnBound(c: Rex, rn: number): { start: number; end: number } | undefined {
  if (c.kind !== 'call') return undefined;
  const [a, b, d] = c.operands;
  const isRn = (x: Rex | undefined): boolean => x?.kind === 'input' && x.index === rn;
  const num = (x: Rex | undefined): number | undefined => {
    if (x?.kind === 'literal' && (typeof x.value === 'number' || typeof x.value === 'bigint')) return Number(x.value);
    if (x?.kind === 'call' && x.op === 'CAST') return num(x.operands[0]);
    return undefined;
  };
  const stripCast = (x: Rex | undefined): Rex | undefined => (x?.kind === 'call' && x.op === 'CAST' ? x.operands[0] : x);
  if (c.op === 'BETWEEN' && isRn(stripCast(a)) && num(b) !== undefined && num(d) !== undefined) return { start: num(b)!, end: num(d)! };
  const flip: Record<string, string> = { '<=': '>=', '<': '>', '>=': '<=', '>': '<', '=': '=' };
  let op = c.op;
  let n: number | undefined;
  if (isRn(stripCast(a)) && num(b) !== undefined) n = num(b);
  else if (isRn(stripCast(b)) && num(a) !== undefined) {
    n = num(a);
    op = flip[op] ?? '';
  } else return undefined;
  switch (op) {
    case '<=': return { start: 1, end: n! };
    case '<': return { start: 1, end: n! - 1 };
    case '=': return { start: n!, end: n! };
    case '>=': return { start: n!, end: Number.POSITIVE_INFINITY };
    case '>': return { start: n! + 1, end: Number.POSITIVE_INFINITY };
    default: return undefined;
  }
}

/** Project(Over | Rank): the node's input keeps only the columns the projection, keys and calls read. */
function pruneUnder(p: ProjectRel, node: OverRel | RankRel): RelNode | undefined {
  const w = node.input.rowType.types.length;
  const used = new Set<number>();
  for (const e of p.exprs) for (const i of inputRefsOf(e)) if (i < w) used.add(i);
  const keys = node.kind === 'Over' ? node.window : node;
  for (const k of keys.partitionKeys) used.add(k);
  for (const k of keys.orderKeys) used.add(k.index);
  if (node.kind === 'Over') for (const c of node.window.calls) for (const a of [...c.args, ...(c.filterArg !== undefined ? [c.filterArg] : [])]) used.add(a);
  if (used.size === 0) used.add(0);
  const rankUnread = node.kind === 'Rank' && node.outputRankNumber && !p.exprs.some((e) => inputRefsOf(e).has(w));
  if (used.size === w && !rankUnread) return undefined;
  const kept = [...used].sort((a, b) => a - b);
  const at = (i: number): number => kept.indexOf(i);
  const input = keepColumns(node.input, kept);
  const rowType = {
    names: [...kept.map((i) => node.rowType.names[i]!), ...node.rowType.names.slice(w)],
    types: [...kept.map((i) => node.rowType.types[i]!), ...node.rowType.types.slice(w)],
  };
  const sortKeys = keys.orderKeys.map((k) => ({ ...k, index: at(k.index) }));
  // A row number nobody reads is not output (fewer updates when ranks shift).
  const dropRank = node.kind === 'Rank' && !p.exprs.some((e) => inputRefsOf(e).has(w));
  if (dropRank) {
    rowType.names.pop();
    rowType.types.pop();
  }
  const pruned: RelNode = node.kind === 'Over'
    ? { ...node, input, rowType, window: { ...node.window, partitionKeys: node.window.partitionKeys.map(at), orderKeys: sortKeys,
      calls: node.window.calls.map((c) => ({ ...c, args: c.args.map(at), filterArg: c.filterArg === undefined ? undefined : at(c.filterArg) })) } }
    : { ...node, input, rowType, partitionKeys: node.partitionKeys.map(at), orderKeys: sortKeys, outputRankNumber: !dropRank };
  const remap = (e: Rex): Rex => mapInputs(e, (i, type) => ({ kind: 'input', index: i < w ? at(i) : kept.length + (i - w), type }));
  return { ...p, input: pruned, exprs: p.exprs.map(remap) };
}
