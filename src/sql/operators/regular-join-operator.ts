// The regular (unwindowed) streaming join of two changelog inputs keyed by the equi-join key, with
// Flink's StreamingJoinOperator / StreamingSemiAntiJoinOperator semantics: every row is kept in state
// and each change on one side is joined with the other side's rows under the same key.
//
// Output kinds, as Flink's StreamingJoinOperator: an inner join forwards the input's kind (+I/+U
// for accumulate, -U/-D for retract), so insert-only inputs give an insert-only output. In an outer
// join, joined rows from an accumulate are +I; from a retract they are -D when the retracting input
// is an outer side, else they keep its kind (-U/-D). Padded rows are always +I/-D: the first match of
// an outer row retracts its padded row (-D) before the joined rows (+I); retracting its last match
// emits the joined row's retraction, then +I of the padded row.
// SEMI/ANTI emit left rows only: the left row's own kind when it arrives, the right row's kind
// (semi) or -D/+I (anti) when a right row gives it its first match or takes its last one.
import { isAccumulate, type RowKind } from '../../core/row-kind.ts';
import type { Row } from '../../core/row.ts';
import type { KeyedStateBackend } from '../../state/keyed-state-backend.ts';
import type { StateTtlConfig } from '../../state/state-descriptor.ts';
import { requireKeyedState } from '../../runtime/operators/functions/require-keyed-state.ts';
import type { OperatorContext, Output, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { joinFields, keyCanMatch, nullRow, type JoinCondition } from './join-condition.ts';
import { createJoinRecordState, JoinMatches, type JoinRecordState } from './join-record-state.ts';

export type RegularJoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'SEMI' | 'ANTI';

export interface RegularJoinOptions {
  readonly joinType: RegularJoinType;
  readonly leftWidth: number;
  readonly rightWidth: number;
  /** The non-equi part of the ON clause; the equi part is the key both inputs are keyed by. */
  readonly condition?: JoinCondition;
  /** A unique key of the left input (field indexes): state keeps one row per unique key. */
  readonly leftUniqueKey?: readonly number[];
  readonly rightUniqueKey?: readonly number[];
  /**
   * The input is insert-only (its changelog mode is [I]): an inner side then keeps its rows in an
   * append-only list instead of a map keyed by row, which is much cheaper. A retraction on such an
   * input fails the job.
   */
  readonly leftInsertOnly?: boolean;
  readonly rightInsertOnly?: boolean;
  /** Per equi-join key field: compared with IS NOT DISTINCT FROM (NULL matches NULL). Default: none. */
  readonly nullSafeKeys?: readonly boolean[];
  /**
   * Accepted for the planner's uniformity; the join's output does not depend on it (Flink's join
   * always emits the retractions described above).
   */
  readonly generateUpdateBefore?: boolean;
  /** table.exec.state.ttl: a stored row expires this long after it was last written. */
  readonly stateTtlMs?: number;
}

export class RegularJoinOperator implements StreamOperator<Row, Row> {
  readonly #options: RegularJoinOptions;
  readonly #leftOuter: boolean;
  readonly #rightOuter: boolean;
  readonly #semiAnti: boolean;
  readonly #anti: boolean;
  readonly #leftNulls: unknown[];
  readonly #rightNulls: unknown[];
  readonly #matches = new JoinMatches();
  #keyed!: KeyedStateBackend;
  #out!: Output<Row>;
  #left!: JoinRecordState;
  #right!: JoinRecordState;

  constructor(options: RegularJoinOptions) {
    const t = options.joinType;
    if (!['INNER', 'LEFT', 'RIGHT', 'FULL', 'SEMI', 'ANTI'].includes(t)) {
      throw new Error(`RegularJoinOperator: joinType '${String(t)}' is not one of INNER, LEFT, RIGHT, FULL, SEMI, ANTI`);
    }
    this.#options = options;
    this.#semiAnti = t === 'SEMI' || t === 'ANTI';
    this.#anti = t === 'ANTI';
    this.#leftOuter = t === 'LEFT' || t === 'FULL';
    this.#rightOuter = t === 'RIGHT' || t === 'FULL';
    this.#leftNulls = nullRow(options.leftWidth);
    this.#rightNulls = nullRow(options.rightWidth);
  }

  open(ctx: OperatorContext<Row>): void {
    const o = this.#options;
    this.#keyed = requireKeyedState(ctx, 'RegularJoinOperator');
    this.#out = ctx.output;
    const ttl: StateTtlConfig | undefined = o.stateTtlMs !== undefined && o.stateTtlMs > 0
      ? { ttlMs: o.stateTtlMs, updateType: 'OnCreateAndWrite', visibility: 'NeverReturnExpired' }
      : undefined;
    // Match counts are tracked for outer sides and the left side of semi/anti joins.
    const leftTracks = this.#leftOuter || this.#semiAnti;
    this.#left = createJoinRecordState(this.#keyed, {
      name: 'left-records', uniqueKey: o.leftUniqueKey, appendOnly: o.leftInsertOnly === true && !leftTracks, ttl,
    });
    this.#right = createJoinRecordState(this.#keyed, {
      name: 'right-records', uniqueKey: o.rightUniqueKey, appendOnly: o.rightInsertOnly === true && !this.#rightOuter, ttl,
    });
  }

  processElement(row: Row, timestamp: number, input: number): void {
    if (this.#semiAnti) {
      if (input === 0) this.#semiAntiLeft(row, timestamp);
      else this.#semiAntiRight(row, timestamp);
    } else {
      this.#join(row, timestamp, input === 0);
    }
  }

  /** Fills #matches with the other side's rows that join with `fields` under the current key. */
  #collect(fields: readonly unknown[], inputIsLeft: boolean, other: JoinRecordState): JoinMatches {
    const m = this.#matches;
    m.clear();
    if (keyCanMatch(this.#keyed.getCurrentKey(), this.#options.nullSafeKeys)) {
      other.collect(fields, inputIsLeft, this.#options.condition, m);
    }
    return m;
  }

  #join(row: Row, ts: number, inputIsLeft: boolean): void {
    const inputState = inputIsLeft ? this.#left : this.#right;
    const otherState = inputIsLeft ? this.#right : this.#left;
    const inputOuter = inputIsLeft ? this.#leftOuter : this.#rightOuter;
    const otherOuter = inputIsLeft ? this.#rightOuter : this.#leftOuter;
    const fields = row.fields;
    const m = this.#collect(fields, inputIsLeft, otherState);
    if (isAccumulate(row.kind)) {
      if (m.length === 0) {
        if (inputOuter) this.#emitPadded('+I', fields, inputIsLeft, ts, 1);
        inputState.add(fields, 0);
        return;
      }
      if (otherOuter) this.#otherGainsMatch(m, otherState, !inputIsLeft, ts);
      this.#emitJoined(inputOuter || otherOuter ? '+I' : row.kind, fields, inputIsLeft, m, ts);
      inputState.add(fields, m.total);
    } else {
      inputState.retract(fields);
      if (m.length === 0) {
        if (inputOuter) this.#emitPadded('-D', fields, inputIsLeft, ts, 1);
        return;
      }
      // Not symmetric with accumulate, as in Flink: an inner-side -U stays -U even when the other side is outer.
      this.#emitJoined(inputOuter ? '-D' : row.kind, fields, inputIsLeft, m, ts);
      if (otherOuter) this.#otherLosesMatch(m, otherState, !inputIsLeft, ts);
    }
  }

  /** Other-side outer rows get one more match; those that had none retract their padded row. */
  #otherGainsMatch(m: JoinMatches, otherState: JoinRecordState, otherIsLeft: boolean, ts: number): void {
    for (let i = 0; i < m.length; i++) {
      const n = m.matches[i]!;
      if (n === 0) this.#emitPadded('-D', m.fields[i]!, otherIsLeft, ts, m.counts[i]!);
      otherState.setMatches(m.handles[i], n + 1);
    }
  }

  /** Other-side outer rows lose a match; those left with none emit their padded row again. */
  #otherLosesMatch(m: JoinMatches, otherState: JoinRecordState, otherIsLeft: boolean, ts: number): void {
    for (let i = 0; i < m.length; i++) {
      const n = m.matches[i]!;
      if (n === 1) this.#emitPadded('+I', m.fields[i]!, otherIsLeft, ts, m.counts[i]!);
      otherState.setMatches(m.handles[i], n - 1);
    }
  }

  #emitJoined(kind: RowKind, fields: unknown[], inputIsLeft: boolean, m: JoinMatches, ts: number): void {
    const out = this.#out;
    for (let i = 0; i < m.length; i++) {
      const other = m.fields[i]!;
      for (let c = m.counts[i]!; c > 0; c--) {
        out.collect({ kind, fields: inputIsLeft ? joinFields(fields, other) : joinFields(other, fields) }, ts);
      }
    }
  }

  /** `times` copies of the row padded with NULLs for the other side. */
  #emitPadded(kind: RowKind, fields: unknown[], isLeft: boolean, ts: number, times: number): void {
    for (let c = times; c > 0; c--) {
      this.#out.collect({ kind, fields: isLeft ? joinFields(fields, this.#rightNulls) : joinFields(this.#leftNulls, fields) }, ts);
    }
  }

  #semiAntiLeft(row: Row, ts: number): void {
    const fields = row.fields;
    const m = this.#collect(fields, true, this.#right);
    if ((m.length > 0) !== this.#anti) this.#out.collect({ kind: row.kind, fields }, ts);
    if (isAccumulate(row.kind)) this.#left.add(fields, m.total);
    else this.#left.retract(fields);
  }

  #semiAntiRight(row: Row, ts: number): void {
    const m = this.#collect(row.fields, false, this.#left);
    const out = this.#out;
    if (isAccumulate(row.kind)) {
      this.#right.add(row.fields, 0);
      const kind: RowKind = this.#anti ? '-D' : row.kind;
      for (let i = 0; i < m.length; i++) {
        const n = m.matches[i]!;
        if (n === 0) for (let c = m.counts[i]!; c > 0; c--) out.collect({ kind, fields: m.fields[i]! }, ts);
        this.#left.setMatches(m.handles[i], n + 1);
      }
    } else {
      this.#right.retract(row.fields);
      const kind: RowKind = this.#anti ? '+I' : row.kind;
      for (let i = 0; i < m.length; i++) {
        const n = m.matches[i]!;
        if (n === 1) for (let c = m.counts[i]!; c > 0; c--) out.collect({ kind, fields: m.fields[i]! }, ts);
        this.#left.setMatches(m.handles[i], n - 1);
      }
    }
  }
}

