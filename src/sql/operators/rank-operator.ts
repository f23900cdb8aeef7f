// Streaming Top-N (Flink's AppendOnlyTopNFunction and RetractableTopNFunction):
// `ROW_NUMBER() | RANK() | DENSE_RANK() OVER (PARTITION BY k ORDER BY x) <= N` keeps each
// partition's rows in order and emits the changes to its ranks rankStart..rankEnd as a changelog.
import { WeirError } from '../../core/errors.ts';
import { canonicalKey } from '../../core/key-group.ts';
import type { Row } from '../../core/row.ts';
import { isAccumulate, type RowKind } from '../../core/row-kind.ts';
import type { Output, OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { requireKeyedState } from '../../runtime/operators/functions/require-keyed-state.ts';
import type { InternalValueState } from '../../state/keyed-state-backend.ts';
import { valueState } from '../../state/state-descriptor.ts';
import type { RankType } from '../planner/logical/rel.ts';

export type RowComparator = (a: readonly unknown[], b: readonly unknown[]) => number;

export interface RankOptions {
  /** How ties are numbered; ROW_NUMBER when absent. */
  readonly rankType?: RankType;
  /** PARTITION BY fields; the stream must be keyed by them. */
  readonly partitionKey: readonly number[];
  /** ORDER BY over input fields: negative when `a` ranks before `b`. */
  readonly compare: RowComparator;
  /** 1-based, inclusive. */
  readonly rankStart: number;
  readonly rankEnd: number;
  /** Append the row number (rn) to each output row; then ranks are updated in place (-U/+U). */
  readonly outputRankNumber: boolean;
  /** Emit -U before +U (a retracting downstream); false for upsert sinks keyed by the rank. */
  readonly generateUpdateBefore: boolean;
  /** Insert-only input: only the first rankEnd rows are kept. Otherwise every row is kept, so a retraction can bring the next row up. */
  readonly inputInsertOnly: boolean;
  /** table.exec.state.ttl: a partition untouched for this long is forgotten. */
  readonly stateTtlMs?: number;
}

const STATE = 'rank-rows';

/**
 * Output rows are input fields [++ rn]. With rank numbers the changelog is per rank position: when
 * a row enters at rank r, each rank from r down to rankEnd changes (-U old, +U new) and a rank that
 * was empty gets +I; a retraction moves rows up the same way and the last rank gets -D. Without
 * rank numbers the result is a set: -D for rows that left the range, then +I for rows that entered.
 * Rows with equal sort keys rank in arrival order. A retraction of a row that is not in state is ignored.
 */
export class RankOperator implements StreamOperator<Row, Row> {
  readonly #rankType: RankType;
  readonly #compare: RowComparator;
  readonly #rankStart: number;
  readonly #rankEnd: number;
  readonly #outputRankNumber: boolean;
  readonly #generateUpdateBefore: boolean;
  readonly #inputInsertOnly: boolean;
  readonly #stateTtlMs: number | undefined;
  #output!: Output<Row>;
  #state!: InternalValueState<unknown[][]>;

  constructor(options: RankOptions) {
    checkRankRange(options.rankStart, options.rankEnd);
    this.#rankType = options.rankType ?? 'ROW_NUMBER';
    this.#compare = options.compare;
    this.#rankStart = options.rankStart;
    this.#rankEnd = options.rankEnd;
    this.#outputRankNumber = options.outputRankNumber;
    this.#generateUpdateBefore = options.generateUpdateBefore;
    this.#inputInsertOnly = options.inputInsertOnly;
    this.#stateTtlMs = options.stateTtlMs;
  }

  open(ctx: OperatorContext<Row>): void {
    const backend = requireKeyedState(ctx, 'A Top-N (ROW_NUMBER) operator');
    this.#output = ctx.output;
    const ttl = this.#stateTtlMs !== undefined && this.#stateTtlMs > 0 ? { ttlMs: this.#stateTtlMs } : undefined;
    this.#state = backend.getState(valueState<unknown[][]>(STATE, { ttl }));
  }

  processElement(row: Row, timestamp: number): void {
    if (this.#rankType !== 'ROW_NUMBER') {
      this.#processTied(row, timestamp);
      return;
    }
    const state = this.#state;
    const rows = state.value() ?? [];
    const rankEnd = this.#rankEnd;
    const changed = isAccumulate(row.kind)
      ? addRow(rows, row.fields, this.#compare, this.#inputInsertOnly ? rankEnd : Number.POSITIVE_INFINITY, rankEnd)
      : removeRow(rows, row.fields, this.#compare, rankEnd);
    if (changed === undefined) return;
    state.update(rows.length === 0 ? undefined : rows);
    emitRankChanges(this.#output, changed, rows, {
      rankStart: this.#rankStart, rankEnd: this.#rankEnd, outputRankNumber: this.#outputRankNumber,
      generateUpdateBefore: this.#generateUpdateBefore,
    }, timestamp);
  }

  /**
   * RANK / DENSE_RANK: ties share a rank, so one row entering or leaving can move every rank after
   * it, and more than N rows may be in range. The ranked rows before and after the change are
   * diffed by row: a row whose rank changed gets -U/+U (with rank numbers), a row that left -D and a
   * row that entered +I. Insert-only input only raises ranks, so rows past rankEnd are dropped.
   */
  #processTied(row: Row, timestamp: number): void {
    const state = this.#state;
    const rows = state.value() ?? [];
    const compare = this.#compare;
    const dense = this.#rankType === 'DENSE_RANK';
    const before = rankedRows(rows, compare, dense, this.#rankStart, this.#rankEnd);
    if (isAccumulate(row.kind)) {
      rows.splice(insertionPoint(rows, row.fields, compare), 0, row.fields);
      if (this.#inputInsertOnly) rows.length = rankedLength(rows, compare, dense, this.#rankEnd);
    } else if (removeRow(rows, row.fields, compare, 0) === undefined) {
      return;
    }
    state.update(rows.length === 0 ? undefined : rows);
    const after = rankedRows(rows, compare, dense, this.#rankStart, this.#rankEnd);
    emitTiedChanges(this.#output, before, after, this.#outputRankNumber, this.#generateUpdateBefore, timestamp);
  }
}

/** How many leading rows of `rows` rank at most rankEnd (RANK, or DENSE_RANK when `dense`). */
export function rankedLength(rows: readonly unknown[][], compare: RowComparator, dense: boolean, rankEnd: number): number {
  let rank = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i === 0 || compare(rows[i - 1]!, rows[i]!) !== 0) rank = dense ? rank + 1 : i + 1;
    if (rank > rankEnd) return i;
  }
  return rows.length;
}

/** The rows ranked rankStart..rankEnd (RANK: 1 + rows strictly before; DENSE_RANK: 1 + distinct keys before), each with its rank. */
export function rankedRows(rows: readonly unknown[][], compare: RowComparator, dense: boolean, rankStart: number, rankEnd: number): Map<unknown[], number> {
  const ranked = new Map<unknown[], number>();
  let rank = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i === 0 || compare(rows[i - 1]!, rows[i]!) !== 0) rank = dense ? rank + 1 : i + 1;
    if (rank > rankEnd) break;
    if (rank >= rankStart) ranked.set(rows[i]!, rank);
  }
  return ranked;
}

/** Diffs two rankings of the same stored rows (compared by identity): -D for rows that left, then -U/+U or +I in rank order. */
function emitTiedChanges(out: Output<Row>, before: Map<unknown[], number>, after: Map<unknown[], number>, outputRankNumber: boolean, generateUpdateBefore: boolean, timestamp: number): void {
  for (const [old, rank] of before) {
    if (!after.has(old)) emit(out, '-D', outputRankNumber ? [...old, rank] : old, timestamp);
  }
  for (const [now, rank] of after) {
    const oldRank = before.get(now);
    if (oldRank === undefined) emit(out, '+I', outputRankNumber ? [...now, rank] : now, timestamp);
    else if (outputRankNumber && oldRank !== rank) {
      if (generateUpdateBefore) emit(out, '-U', [...now, oldRank], timestamp);
      emit(out, '+U', [...now, rank], timestamp);
    }
  }
}

export function checkRankRange(rankStart: number, rankEnd: number): void {
  if (!(Number.isInteger(rankStart) && rankStart >= 1 && (rankEnd === Number.POSITIVE_INFINITY || Number.isInteger(rankEnd)) && rankEnd >= rankStart)) {
    throw new WeirError(`Top-N needs 1 <= rank start <= rank end, got ${rankStart}..${rankEnd}`);
  }
}

/** Where a row's rank changes began and what the affected ranks held before. */
export interface RankChange {
  /** 0-based position of the first rank that may have changed. */
  readonly from: number;
  /** The rows at positions from ..< from + before.length before the change (up to rankEnd). */
  readonly before: readonly unknown[][];
}

/** Where `fields` goes in rank-ordered `rows`: after every row that ranks before or ties with it (arrival order on ties). */
export function insertionPoint(rows: readonly unknown[][], fields: readonly unknown[], compare: RowComparator): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(rows[mid]!, fields) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Inserts `fields` after every row that ranks before or with it (arrival order on ties); rows past
 * `keep` are dropped. Returns undefined when the row would land past `keep` (nothing changes).
 * The change records positions up to `rankEnd` (the ranks that are emitted).
 */
export function addRow(rows: unknown[][], fields: unknown[], compare: RowComparator, keep: number, rankEnd: number): RankChange | undefined {
  const lo = insertionPoint(rows, fields, compare);
  if (lo >= keep) return undefined;
  const before = rows.slice(lo, Math.max(lo, rankEnd));
  rows.splice(lo, 0, fields);
  if (rows.length > keep) rows.length = keep;
  return { from: lo, before };
}

/** Removes the first row equal to `fields` (among those that tie with it); undefined when there is none. */
export function removeRow(rows: unknown[][], fields: readonly unknown[], compare: RowComparator, rankEnd: number): RankChange | undefined {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(rows[mid]!, fields) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < rows.length && compare(rows[i]!, fields) === 0; i++) {
    if (!rowsEqual(rows[i]!, fields)) continue;
    const before = rows.slice(i, Math.max(i, rankEnd));
    rows.splice(i, 1);
    return { from: i, before };
  }
  return undefined;
}

export interface RankEmitOptions {
  readonly rankStart: number;
  readonly rankEnd: number;
  readonly outputRankNumber: boolean;
  readonly generateUpdateBefore: boolean;
}

/** Emits the changes of ranks rankStart..rankEnd, given what `change.before` held and `rows` holds now. */
export function emitRankChanges(out: Output<Row>, change: RankChange, rows: readonly unknown[][], options: RankEmitOptions, timestamp: number): void {
  const first = Math.max(change.from, options.rankStart - 1);
  const last = Math.min(options.rankEnd, Math.max(change.from + change.before.length, rows.length)); // exclusive
  const at = (list: readonly unknown[][], offset: number, i: number) => list[i - offset];
  if (options.outputRankNumber) {
    for (let i = first; i < last; i++) {
      const old = at(change.before, change.from, i);
      const now = rows[i];
      if (old === now) continue;
      const rank = i + 1;
      if (old !== undefined && now !== undefined) {
        if (options.generateUpdateBefore) emit(out, '-U', [...old, rank], timestamp);
        emit(out, '+U', [...now, rank], timestamp);
      } else if (now !== undefined) {
        emit(out, '+I', [...now, rank], timestamp);
      } else if (old !== undefined) {
        emit(out, '-D', [...old, rank], timestamp);
      }
    }
    return;
  }
  const olds = new Set<unknown[]>();
  for (let i = first; i < last; i++) {
    const old = at(change.before, change.from, i);
    if (old !== undefined) olds.add(old);
  }
  const added: unknown[][] = [];
  for (let i = first; i < last && i < rows.length; i++) {
    const now = rows[i]!;
    if (!olds.delete(now)) added.push(now);
  }
  for (const old of olds) emit(out, '-D', old, timestamp);
  for (const now of added) emit(out, '+I', now, timestamp);
}

function emit(out: Output<Row>, kind: RowKind, fields: unknown[], timestamp: number): void {
  out.collect({ kind, fields }, timestamp);
}

/** Value equality of two rows' fields (a retraction carries a copy of the row it retracts). */
export function rowsEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
    if (x instanceof Uint8Array && y instanceof Uint8Array) {
      if (x.length !== y.length || x.some((v, j) => v !== y[j])) return false;
      continue;
    }
    if (x instanceof Map || y instanceof Map) {
      if (!(x instanceof Map && y instanceof Map) || canonicalKey([...x]) !== canonicalKey([...y])) return false;
      continue;
    }
    if (canonicalKey(x) !== canonicalKey(y)) return false;
  }
  return true;
}
