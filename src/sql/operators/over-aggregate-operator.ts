// OVER aggregates on a keyed (PARTITION BY) stream: `agg(x) OVER (PARTITION BY k ORDER BY time
// [ROWS|RANGE] BETWEEN n|UNBOUNDED PRECEDING AND CURRENT ROW)`. Each input row is emitted once,
// followed by the aggregates over its frame (Flink's RowTime*/ProcTime*PrecedingFunction family).
// Event time buffers rows until the watermark passes their timestamp and then processes them in
// timestamp order (late rows are dropped); processing time processes each row on arrival (so, unlike
// Flink, rows arriving in the same millisecond do not see each other in a RANGE frame).
import type { Row } from '../../core/row.ts';
import type { OperatorContext, Output, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import type { MapState, ValueState } from '../../state/keyed-state.ts';
import { mapState, valueState } from '../../state/state-descriptor.ts';
import type { InternalTimerService, Timer, Triggerable } from '../../time/timer-service.ts';
import type { AggregateCall, AggregateHandle } from '../functions/aggregate-function.ts';
import { CallAccumulators } from './call-accumulators.ts';

export interface OverFrame {
  readonly unit: 'ROWS' | 'RANGE';
  /** Rows before the current one (ROWS) or milliseconds before its time (RANGE), or no bound. */
  readonly preceding: number | 'UNBOUNDED';
}

export interface OverAggregateOptions {
  /** Input field index of the ORDER BY time attribute (epoch ms). */
  readonly orderTimeIndex: number;
  readonly isEventTime: boolean;
  readonly frame: OverFrame;
  readonly calls: readonly AggregateCall[];
  /** One handle per call; bounded frames retract rows that leave the frame, so their handles must support retract. */
  readonly handles: readonly AggregateHandle[];
}

/** A row kept because it is still inside a bounded frame: [order time, fields]. */
type FrameRow = [number, unknown[]];

const NAMESPACE = '';

export class OverAggregateOperator implements StreamOperator<Row, Row>, Triggerable {
  readonly #options: OverAggregateOptions;
  readonly #handles: readonly AggregateHandle[];
  readonly #calls: CallAccumulators;
  readonly #bound: number;
  readonly #range: boolean;
  #ctx!: OperatorContext<Row>;
  #output!: Output<Row>;
  #accs!: ValueState<unknown[]>;
  #frame!: ValueState<FrameRow[]>;
  #pending!: MapState<number, unknown[][]>;
  #timers: InternalTimerService | undefined;

  constructor(options: OverAggregateOptions) {
    if (options.calls.length !== options.handles.length) throw new Error(`OverAggregateOperator: ${options.calls.length} calls but ${options.handles.length} handles`);
    const p = options.frame.preceding;
    if (p !== 'UNBOUNDED' && !(p >= 0)) throw new Error(`OVER window frame: PRECEDING must be >= 0 or UNBOUNDED, but is ${p}`);
    this.#options = options;
    this.#handles = options.handles;
    this.#calls = new CallAccumulators(options.calls, options.handles);
    this.#bound = p === 'UNBOUNDED' ? Infinity : p;
    this.#range = options.frame.unit === 'RANGE';
  }

  open(ctx: OperatorContext<Row>): void {
    const state = ctx.keyedState;
    if (!state) throw new Error(`OverAggregateOperator '${ctx.runtime.operatorName}' needs a keyed input (keyBy the PARTITION BY columns)`);
    this.#ctx = ctx;
    this.#output = ctx.output;
    this.#accs = state.getState(valueState<unknown[]>('over-accumulators'));
    this.#frame = state.getState(valueState<FrameRow[]>('over-frame'));
    this.#pending = state.getState(mapState<number, unknown[][]>('over-pending'));
    if (this.#options.isEventTime) this.#timers = ctx.getTimerService('over-aggregate', this);
  }

  processElement(row: Row, timestamp: number): void {
    if (row.kind !== '+I') throw new Error(`OverAggregate doesn't support consuming update and delete changes, but received a ${row.kind} row`);
    if (!this.#timers) {
      const now = this.#ctx.processingTime.now();
      this.#process([row.fields], now, timestamp);
      return;
    }
    const time = row.fields[this.#options.orderTimeIndex];
    // Late rows (at or behind the watermark) and rows without a time are dropped, as in Flink.
    if (typeof time !== 'number' || time <= this.#timers.currentWatermark()) return;
    const rows = this.#pending.get(time);
    if (rows === undefined) {
      this.#pending.put(time, [row.fields]);
      this.#timers.registerEventTimeTimer(NAMESPACE, time);
    } else {
      rows.push(row.fields);
      this.#pending.put(time, rows);
    }
  }

  processWatermark(watermark: number): void {
    this.#timers?.advanceWatermark(watermark);
    this.#output.emitWatermark(watermark);
  }

  onEventTime(timer: Timer): void {
    const rows = this.#pending.get(timer.timestamp);
    if (rows === undefined) return;
    this.#pending.remove(timer.timestamp);
    this.#process(rows, timer.timestamp, timer.timestamp);
  }

  onProcessingTime(): void {}

  /** Processes rows that share one order time, in arrival order. */
  #process(rows: readonly unknown[][], time: number, outTimestamp: number): void {
    let accs = this.#accs.value();
    if (accs === undefined) accs = this.#handles.map((h) => h.createAccumulator());
    const bounded = this.#bound !== Infinity;
    const frame = bounded ? this.#frame.value() ?? [] : undefined;
    if (this.#range) {
      // RANGE: rows older than time - n leave the frame; rows of equal time see each other.
      if (frame) {
        let expired = 0;
        while (expired < frame.length && frame[expired]![0] < time - this.#bound) this.#calls.accumulate(accs, 0, frame[expired++]![1], true);
        if (expired > 0) frame.splice(0, expired);
      }
      for (const fields of rows) {
        this.#calls.accumulate(accs, 0, fields, false);
        frame?.push([time, fields]);
      }
      const values = this.#values(accs);
      for (const fields of rows) this.#output.collect({ kind: '+I', fields: fields.concat(values) }, outTimestamp);
    } else {
      // ROWS: the frame is the current row and the n rows before it.
      for (const fields of rows) {
        this.#calls.accumulate(accs, 0, fields, false);
        this.#output.collect({ kind: '+I', fields: fields.concat(this.#values(accs)) }, outTimestamp);
        if (frame) {
          frame.push([time, fields]);
          if (frame.length > this.#bound) this.#calls.accumulate(accs, 0, frame.shift()![1], true);
        }
      }
    }
    this.#accs.update(accs);
    if (frame) this.#frame.update(frame);
  }

  #values(accs: readonly unknown[]): unknown[] {
    return this.#handles.map((h, i) => h.getValue(accs[i]));
  }
}
