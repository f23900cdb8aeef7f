// Window join (Flink's WindowJoin): `L JOIN R ON L.window_start = R.window_start AND L.window_end =
// R.window_end AND L.k = R.k` over two window TVF (or window aggregate) outputs: buffers both sides
// per key and window and joins them, insert-only, when the watermark passes the window's end.
import type { Row } from '../../core/row.ts';
import type { OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { requireKeyedState } from '../../runtime/operators/functions/require-keyed-state.ts';
import type { InternalValueState } from '../../state/keyed-state-backend.ts';
import { valueState } from '../../state/state-descriptor.ts';
import type { InternalTimerService, Timer } from '../../time/timer-service.ts';
import { LATE_ROW } from './window-aggregate-operator.ts';

export type WindowJoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'SEMI' | 'ANTI';

export interface WindowJoinOptions {
  readonly joinType: WindowJoinType;
  readonly leftWidth: number;
  readonly rightWidth: number;
  /** window_end's field in each side's rows (window_start is implied by the window's end). */
  readonly leftWindowEndIndex: number;
  readonly rightWindowEndIndex: number;
  /** Windows over a rowtime (default) end with the watermark; over a proctime, by the operator's clock. */
  readonly isEventTime?: boolean;
  /** The non-equi remainder of the ON clause, over the left and the right row's fields. */
  readonly condition?: (left: readonly unknown[], right: readonly unknown[]) => boolean;
}

const LEFT = 'window-join-left';
const RIGHT = 'window-join-right';
const TIMERS = 'window-join-timers';

/**
 * Inputs: 0 = left, 1 = right, both keyed by the equi-join key. Output, +I, timestamp window_end - 1:
 * left ++ right for matches; left ++ NULLs (LEFT, FULL) and NULLs ++ right (RIGHT, FULL) for rows
 * without a match; just left for SEMI (matched) and ANTI (unmatched). Left rows come in arrival
 * order, each with its matches in right arrival order; unmatched right rows follow. Rows of windows
 * that have ended are late: dropped and counted.
 */
export class WindowJoinOperator implements StreamOperator<Row, Row> {
  readonly #type: WindowJoinType;
  readonly #leftWidth: number;
  readonly #rightWidth: number;
  readonly #endIndex: readonly [number, number];
  readonly #condition: ((left: readonly unknown[], right: readonly unknown[]) => boolean) | undefined;
  readonly #isEventTime: boolean;
  #ctx!: OperatorContext<Row>;
  #timers!: InternalTimerService;
  #sides!: readonly [InternalValueState<unknown[][]>, InternalValueState<unknown[][]>];

  constructor(options: WindowJoinOptions) {
    this.#type = options.joinType;
    this.#leftWidth = options.leftWidth;
    this.#rightWidth = options.rightWidth;
    this.#endIndex = [options.leftWindowEndIndex, options.rightWindowEndIndex];
    this.#condition = options.condition;
    this.#isEventTime = options.isEventTime ?? true;
  }

  open(ctx: OperatorContext<Row>): void {
    const backend = requireKeyedState(ctx, 'A window join');
    this.#ctx = ctx;
    this.#timers = ctx.getTimerService(TIMERS, { onEventTime: (t) => { this.#fire(t); }, onProcessingTime: (t) => { this.#fire(t); } });
    this.#sides = [backend.getState(valueState<unknown[][]>(LEFT)), backend.getState(valueState<unknown[][]>(RIGHT))];
  }

  processElement(row: Row, _timestamp: number, input: number): void {
    const fields = row.fields;
    const end = fields[this.#endIndex[input]!] as number;
    if (this.#isEventTime && end - 1 <= this.#timers.currentWatermark()) {
      this.#ctx.countSkipped(LATE_ROW);
      return;
    }
    const namespace = String(end);
    const state = this.#sides[input]!;
    state.setCurrentNamespace(namespace);
    const rows = state.value();
    if (rows !== undefined) {
      rows.push(fields);
      return;
    }
    state.update([fields]);
    if (this.#isEventTime) this.#timers.registerEventTimeTimer(namespace, end - 1);
    else this.#timers.registerProcessingTimeTimer(namespace, end - 1);
  }

  processWatermark(watermark: number): void {
    this.#timers.advanceWatermark(watermark);
    this.#ctx.output.emitWatermark(watermark);
  }

  #fire(timer: Timer): void {
    const [leftState, rightState] = this.#sides;
    leftState.setCurrentNamespace(timer.namespace);
    rightState.setCurrentNamespace(timer.namespace);
    const lefts = leftState.value() ?? [];
    const rights = rightState.value() ?? [];
    leftState.clear();
    rightState.clear();
    const type = this.#type;
    const condition = this.#condition;
    const ts = timer.timestamp;
    const out = this.#ctx.output;
    const rightMatched = type === 'RIGHT' || type === 'FULL' ? new Array<boolean>(rights.length).fill(false) : undefined;
    for (const l of lefts) {
      let matched = false;
      for (let j = 0; j < rights.length; j++) {
        const r = rights[j]!;
        if (condition !== undefined && !condition(l, r)) continue;
        matched = true;
        if (rightMatched !== undefined) rightMatched[j] = true;
        if (type === 'SEMI' || type === 'ANTI') break;
        out.collect({ kind: '+I', fields: [...l, ...r] }, ts);
      }
      if (type === 'SEMI' ? matched : type === 'ANTI' ? !matched : !matched && (type === 'LEFT' || type === 'FULL')) {
        out.collect({ kind: '+I', fields: type === 'SEMI' || type === 'ANTI' ? l : [...l, ...nulls(this.#rightWidth)] }, ts);
      }
    }
    if (rightMatched === undefined) return;
    for (let j = 0; j < rights.length; j++) {
      if (!rightMatched[j]) out.collect({ kind: '+I', fields: [...nulls(this.#leftWidth), ...rights[j]!] }, ts);
    }
  }
}

function nulls(n: number): null[] {
  return new Array<null>(n).fill(null);
}
