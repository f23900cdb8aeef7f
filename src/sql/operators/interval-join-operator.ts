// The interval join (`l.k = r.k AND l.ts BETWEEN r.ts - INTERVAL ... AND r.ts + INTERVAL ...`) of two
// insert-only inputs keyed by the equi-join key, as Flink's TimeIntervalJoin: each row is kept only
// while rows of the other side that fall into its interval can still arrive, then dropped by a
// timer — an outer row that never matched is emitted padded with NULLs at that moment.
//
// Bounds: a left row at time lt and a right row at time rt match when
//   lt + lowerBoundMs <= rt <= lt + upperBoundMs      (both ends inclusive)
// so `l.ts BETWEEN r.ts - INTERVAL '1' HOUR AND r.ts + INTERVAL '10' MINUTE` is lower = -10 min,
// upper = +1 hour. The planner turns strict comparisons into inclusive ones (±1 ms).
//
// Time: with isEventTime the row times are the fields at leftTimeIndex / rightTimeIndex and "now" is
// the watermark; otherwise both are the processing time when a row arrives. A left row expires once
// now > lt + upperBoundMs, a right row once now > rt - lowerBoundMs (as Flink, a row whose time equals
// the watermark still joins). Late rows (time below the watermark) still join with the rows kept;
// they are not kept themselves once no more matches can arrive. The output watermark is held back by
// max(upper, -lower, 0) + 1 ms so that padded rows emitted at expiry are never late downstream.
import { NO_TIMESTAMP } from '../../core/stream-element.ts';
import type { Row } from '../../core/row.ts';
import type { KeyedStateBackend } from '../../state/keyed-state-backend.ts';
import type { MapState } from '../../state/keyed-state.ts';
import { mapState } from '../../state/state-descriptor.ts';
import type { InternalTimerService, Timer, Triggerable } from '../../time/timer-service.ts';
import { requireKeyedState } from '../../runtime/operators/functions/require-keyed-state.ts';
import type { OperatorContext, Output, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { joinFields, keyCanMatch, nullRow, type JoinCondition } from './join-condition.ts';

export type IntervalJoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL';

export interface IntervalJoinOptions {
  readonly joinType: IntervalJoinType;
  readonly leftWidth: number;
  readonly rightWidth: number;
  /** Field index of the left row's time attribute (event time only). */
  readonly leftTimeIndex?: number;
  readonly rightTimeIndex?: number;
  /** Smallest rt - lt that matches (inclusive), in milliseconds. */
  readonly lowerBoundMs: number;
  /** Largest rt - lt that matches (inclusive), in milliseconds; >= lowerBoundMs. */
  readonly upperBoundMs: number;
  readonly isEventTime: boolean;
  /** The rest of the ON clause, besides the equi-join key and the time bounds. */
  readonly condition?: JoinCondition;
  /** Per equi-join key field: compared with IS NOT DISTINCT FROM. Default: none. */
  readonly nullSafeKeys?: readonly boolean[];
}

/** Rows kept under one row time: [fields, 1 once the row has matched (tracked for outer sides)]. */
type Bucket = [fields: unknown[], matched: 0 | 1][];

const LEFT = 'L';
const RIGHT = 'R';

export class IntervalJoinOperator implements StreamOperator<Row, Row>, Triggerable {
  readonly #o: IntervalJoinOptions;
  readonly #leftOuter: boolean;
  readonly #rightOuter: boolean;
  readonly #leftNulls: unknown[];
  readonly #rightNulls: unknown[];
  /** How far the output watermark trails the input's (event time). */
  readonly #watermarkDelay: number;
  #keyed!: KeyedStateBackend;
  #out!: Output<Row>;
  #timers!: InternalTimerService;
  #left!: MapState<number, Bucket>;
  #right!: MapState<number, Bucket>;

  constructor(options: IntervalJoinOptions) {
    const t = options.joinType;
    if (!['INNER', 'LEFT', 'RIGHT', 'FULL'].includes(t)) {
      throw new Error(`IntervalJoinOperator: joinType '${String(t)}' is not one of INNER, LEFT, RIGHT, FULL`);
    }
    if (!(options.lowerBoundMs <= options.upperBoundMs)) {
      throw new Error(`IntervalJoinOperator: lowerBoundMs (${options.lowerBoundMs}) must not exceed upperBoundMs (${options.upperBoundMs})`);
    }
    if (options.isEventTime && (options.leftTimeIndex === undefined || options.rightTimeIndex === undefined)) {
      throw new Error('IntervalJoinOperator: an event-time interval join needs leftTimeIndex and rightTimeIndex');
    }
    this.#o = options;
    this.#leftOuter = t === 'LEFT' || t === 'FULL';
    this.#rightOuter = t === 'RIGHT' || t === 'FULL';
    this.#leftNulls = nullRow(options.leftWidth);
    this.#rightNulls = nullRow(options.rightWidth);
    this.#watermarkDelay = Math.max(options.upperBoundMs, -options.lowerBoundMs, 0) + 1;
  }

  open(ctx: OperatorContext<Row>): void {
    this.#keyed = requireKeyedState(ctx, 'IntervalJoinOperator');
    this.#out = ctx.output;
    this.#timers = ctx.getTimerService('interval-join', this);
    this.#left = this.#keyed.getState(mapState<number, Bucket>('left-rows'));
    this.#right = this.#keyed.getState(mapState<number, Bucket>('right-rows'));
  }

  processElement(row: Row, timestamp: number, input: number): void {
    const o = this.#o;
    const isLeft = input === 0;
    const fields = row.fields;
    const time = o.isEventTime ? fields[isLeft ? o.leftTimeIndex! : o.rightTimeIndex!] : this.#timers.currentProcessingTime();
    const outer = isLeft ? this.#leftOuter : this.#rightOuter;
    if (typeof time !== 'number' || !keyCanMatch(this.#keyed.getCurrentKey(), o.nullSafeKeys)) {
      // A row without a time (NULL rowtime) or with a NULL key never matches.
      if (outer) this.#emitPadded(fields, isLeft, timestamp);
      return;
    }
    // The other side's times this row matches: [from, to].
    const from = isLeft ? time + o.lowerBoundMs : time - o.upperBoundMs;
    const to = isLeft ? time + o.upperBoundMs : time - o.lowerBoundMs;
    const matched = this.#probe(fields, isLeft, from, to, timestamp);
    const expiry = this.#expiry(time, isLeft);
    if (expiry > this.#now()) {
      const state = isLeft ? this.#left : this.#right;
      const bucket = state.get(time);
      if (bucket === undefined) state.put(time, [[fields, matched ? 1 : 0]]);
      else {
        bucket.push([fields, matched ? 1 : 0]);
        state.put(time, bucket);
      }
      const ns = isLeft ? LEFT : RIGHT;
      if (o.isEventTime) this.#timers.registerEventTimeTimer(ns, expiry);
      else this.#timers.registerProcessingTimeTimer(ns, expiry);
    } else if (!matched && outer) {
      this.#emitPadded(fields, isLeft, timestamp);
    }
  }

  /** Joins the row with the other side's kept rows whose time is in [from, to]; true if any matched. */
  #probe(fields: unknown[], isLeft: boolean, from: number, to: number, timestamp: number): boolean {
    const other = isLeft ? this.#right : this.#left;
    const otherOuter = isLeft ? this.#rightOuter : this.#leftOuter;
    const condition = this.#o.condition;
    let matched = false;
    for (const [time, bucket] of other.entries()) {
      if (time < from || time > to) continue;
      let changed = false;
      for (const entry of bucket) {
        const otherFields = entry[0];
        if (condition !== undefined && !(isLeft ? condition(fields, otherFields) : condition(otherFields, fields))) continue;
        matched = true;
        this.#out.collect({ kind: '+I', fields: isLeft ? joinFields(fields, otherFields) : joinFields(otherFields, fields) }, timestamp);
        if (otherOuter && entry[1] === 0) {
          entry[1] = 1;
          changed = true;
        }
      }
      if (changed) other.put(time, bucket);
    }
    return matched;
  }

  /** The time ("now": watermark or processing time) after which a row at `time` can match nothing new. */
  #expiry(time: number, isLeft: boolean): number {
    return (isLeft ? time + this.#o.upperBoundMs : time - this.#o.lowerBoundMs) + 1;
  }

  #now(): number {
    return this.#o.isEventTime ? this.#timers.currentWatermark() : this.#timers.currentProcessingTime();
  }

  #emitPadded(fields: unknown[], isLeft: boolean, timestamp: number): void {
    this.#out.collect({ kind: '+I', fields: isLeft ? joinFields(fields, this.#rightNulls) : joinFields(this.#leftNulls, fields) }, timestamp);
  }

  processWatermark(watermark: number): void {
    if (!this.#o.isEventTime) {
      this.#out.emitWatermark(watermark);
      return;
    }
    this.#timers.advanceWatermark(watermark);
    this.#out.emitWatermark(watermark - this.#watermarkDelay);
  }

  onEventTime(timer: Timer): void {
    this.#expire(timer);
  }

  onProcessingTime(timer: Timer): void {
    this.#expire(timer);
  }

  /** Drops the rows whose expiry is the timer's time (one row time per expiry), padding unmatched outer rows. */
  #expire(timer: Timer): void {
    const isLeft = timer.namespace === LEFT;
    const time = isLeft ? timer.timestamp - 1 - this.#o.upperBoundMs : timer.timestamp - 1 + this.#o.lowerBoundMs;
    const state = isLeft ? this.#left : this.#right;
    const bucket = state.get(time);
    if (bucket === undefined) return;
    state.remove(time);
    if (!(isLeft ? this.#leftOuter : this.#rightOuter)) return;
    const timestamp = this.#o.isEventTime ? time : NO_TIMESTAMP;
    for (const [fields, matched] of bucket) if (matched === 0) this.#emitPadded(fields, isLeft, timestamp);
  }
}
