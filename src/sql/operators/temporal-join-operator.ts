// The temporal join `FROM l JOIN r FOR SYSTEM_TIME AS OF l.t ON l.k = r.k` against a versioned
// table, keyed by the equi-join key (which contains the versioned table's primary key), as Flink's
// TemporalRowTimeJoinOperator / TemporalProcessTimeJoinOperator.
//
// Event time: the right input is the versioned table's changelog. +I/+U start a version valid from
// its rowtime, -D ends the previous one at its rowtime (-U is skipped: the +U that follows it
// replaces the version). Left rows are buffered until the watermark passes their time, then joined,
// in arrival order, with the version valid at that time — the one with the greatest rowtime <= the
// left row's time — and versions older than the one valid at the watermark are dropped. Output rows
// carry the left row's kind; a LEFT join pads rows that find no version (or only a deletion, or a
// version failing the condition) with NULLs.
//
// Processing time: the right side keeps only its latest row per key (a retraction removes it) and
// each left row is joined immediately with it.
import type { Row } from '../../core/row.ts';
import { isAccumulate } from '../../core/row-kind.ts';
import type { KeyedStateBackend } from '../../state/keyed-state-backend.ts';
import type { MapState, ValueState } from '../../state/keyed-state.ts';
import { mapState, valueState } from '../../state/state-descriptor.ts';
import type { InternalTimerService, Triggerable } from '../../time/timer-service.ts';
import { requireKeyedState } from '../../runtime/operators/functions/require-keyed-state.ts';
import type { OperatorContext, Output, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { VOID_NAMESPACE } from '../../state/keyed-state-backend.ts';
import { joinFields, keyCanMatch, nullRow, type JoinCondition } from './join-condition.ts';

export type TemporalJoinType = 'INNER' | 'LEFT';

export interface TemporalJoinOptions {
  readonly joinType: TemporalJoinType;
  readonly leftWidth: number;
  readonly rightWidth: number;
  /** Field index of the left row's time attribute (`FOR SYSTEM_TIME AS OF l.t`); event time only. */
  readonly leftTimeIndex?: number;
  /** Field index of the versioned table's rowtime; event time only. */
  readonly rightTimeIndex?: number;
  readonly isEventTime: boolean;
  /** The rest of the ON clause, besides the equi-join key. */
  readonly condition?: JoinCondition;
  /** Per equi-join key field: compared with IS NOT DISTINCT FROM. Default: none. */
  readonly nullSafeKeys?: readonly boolean[];
}

export class TemporalJoinOperator implements StreamOperator<Row, Row>, Triggerable {
  readonly #o: TemporalJoinOptions;
  readonly #leftOuter: boolean;
  readonly #rightNulls: unknown[];
  #keyed!: KeyedStateBackend;
  #out!: Output<Row>;
  #timers: InternalTimerService | undefined;
  /** Event time: buffered left rows by arrival sequence number, and the next number. */
  #leftRows!: MapState<number, Row>;
  #nextSeq!: ValueState<number>;
  /** Event time: the versions by rowtime (+I/+U rows and -D ends). */
  #versions!: MapState<number, Row>;
  /** Processing time: the latest right row. */
  #latest!: ValueState<unknown[]>;

  constructor(options: TemporalJoinOptions) {
    if (options.joinType !== 'INNER' && options.joinType !== 'LEFT') {
      throw new Error(`TemporalJoinOperator: joinType '${String(options.joinType)}' is not one of INNER, LEFT`);
    }
    if (options.isEventTime && (options.leftTimeIndex === undefined || options.rightTimeIndex === undefined)) {
      throw new Error('TemporalJoinOperator: an event-time temporal join needs leftTimeIndex and rightTimeIndex');
    }
    this.#o = options;
    this.#leftOuter = options.joinType === 'LEFT';
    this.#rightNulls = nullRow(options.rightWidth);
  }

  open(ctx: OperatorContext<Row>): void {
    this.#keyed = requireKeyedState(ctx, 'TemporalJoinOperator');
    this.#out = ctx.output;
    if (this.#o.isEventTime) {
      this.#timers = ctx.getTimerService('temporal-join', this);
      this.#leftRows = this.#keyed.getState(mapState<number, Row>('left-rows'));
      this.#nextSeq = this.#keyed.getState(valueState<number>('next-left-seq'));
      this.#versions = this.#keyed.getState(mapState<number, Row>('versions'));
    } else {
      this.#latest = this.#keyed.getState(valueState<unknown[]>('latest-right-row'));
    }
  }

  processElement(row: Row, timestamp: number, input: number): void {
    if (this.#timers === undefined) {
      if (input === 0) this.#joinLatest(row, timestamp);
      else if (isAccumulate(row.kind)) this.#latest.update(row.fields);
      else this.#latest.clear();
      return;
    }
    const o = this.#o;
    const fields = row.fields;
    if (input === 0) {
      const time = fields[o.leftTimeIndex!];
      if (typeof time !== 'number' || !keyCanMatch(this.#keyed.getCurrentKey(), o.nullSafeKeys)) {
        // Joins with nothing, whenever it is processed.
        if (this.#leftOuter) this.#emit(row, this.#rightNulls, timestamp);
        return;
      }
      const seq = this.#nextSeq.value() ?? 0;
      this.#nextSeq.update(seq + 1);
      this.#leftRows.put(seq, { kind: row.kind, fields });
      this.#timers.registerEventTimeTimer(VOID_NAMESPACE, time);
    } else {
      const time = fields[o.rightTimeIndex!];
      if (row.kind === '-U' || typeof time !== 'number') return;
      this.#versions.put(time, { kind: row.kind, fields });
      // Fires the clean-up of the versions this one replaces.
      this.#timers.registerEventTimeTimer(VOID_NAMESPACE, time);
    }
  }

  #joinLatest(row: Row, timestamp: number): void {
    const right = keyCanMatch(this.#keyed.getCurrentKey(), this.#o.nullSafeKeys) ? this.#latest.value() : undefined;
    if (right !== undefined && (this.#o.condition === undefined || this.#o.condition(row.fields, right))) {
      this.#emit(row, right, timestamp);
    } else if (this.#leftOuter) {
      this.#emit(row, this.#rightNulls, timestamp);
    }
  }

  #emit(left: Row, right: readonly unknown[], timestamp: number): void {
    this.#out.collect({ kind: left.kind, fields: joinFields(left.fields, right) }, timestamp);
  }

  processWatermark(watermark: number): void {
    this.#timers?.advanceWatermark(watermark);
    this.#out.emitWatermark(watermark);
  }

  /** The watermark reached a left row's or a version's time: join what is due, drop what is replaced. */
  onEventTime(): void {
    // All rows due at the watermark, not only the timer's: they are joined in arrival order.
    const watermark = this.#timers!.currentWatermark();
    const o = this.#o;
    const times = [...this.#versions.keys()].sort((a, b) => a - b);
    const due: [number, Row][] = [];
    for (const [seq, left] of this.#leftRows.entries()) {
      if ((left.fields[o.leftTimeIndex!] as number) <= watermark) due.push([seq, left]);
    }
    due.sort((a, b) => a[0] - b[0]);
    for (const [seq, left] of due) {
      this.#leftRows.remove(seq);
      const leftTime = left.fields[o.leftTimeIndex!] as number;
      const i = lastAtOrBefore(times, leftTime);
      const version = i < 0 ? undefined : this.#versions.get(times[i]!);
      if (version !== undefined && version.kind !== '-D' && (o.condition === undefined || o.condition(left.fields, version.fields))) {
        this.#emit(left, version.fields, leftTime);
      } else if (this.#leftOuter) {
        this.#emit(left, this.#rightNulls, leftTime);
      }
    }
    if (this.#leftRows.isEmpty()) this.#nextSeq.clear();
    // Keep the version valid at the watermark (unless it is a deletion) and every later one.
    const current = lastAtOrBefore(times, watermark);
    for (let i = 0; i < current; i++) this.#versions.remove(times[i]!);
    if (current >= 0 && this.#versions.get(times[current]!)?.kind === '-D') this.#versions.remove(times[current]!);
  }

  onProcessingTime(): void {}
}

/** Index of the last time <= t in ascending `times`, or -1. */
function lastAtOrBefore(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
