// The watermark strategy of a table's WATERMARK clause, pushed into its source: the record timestamp
// is the rowtime column's value, and the watermark is the largest value of the watermark expression
// seen so far (Flink SQL emits the expression's value itself, without the DataStream API's -1).
import type { Row } from '../../core/row.ts';
import { MIN_WATERMARK } from '../../core/stream-element.ts';
import { WatermarkStrategy } from '../../time/watermark-strategies.ts';
import type { WatermarkGenerator, WatermarkOutput } from '../../time/watermark-strategy.ts';
import { compileExpression } from '../expr/compile.ts';
import type { ExprContext } from '../expr/expr-context.ts';
import type { PushedWatermark } from '../planner/physical/phys-node.ts';
import { rexKey } from '../planner/rex-util.ts';
import type { Rex } from '../planner/rex.ts';

/** Emits the highest watermark value seen, periodically. */
class MaxWatermarkGenerator implements WatermarkGenerator<Row> {
  readonly #value: (row: Row, timestamp: number) => number | null;
  #max = MIN_WATERMARK;
  #emitted = MIN_WATERMARK;

  constructor(value: (row: Row, timestamp: number) => number | null) {
    this.#value = value;
  }

  onEvent(row: Row, timestamp: number, _output: WatermarkOutput): void {
    const w = this.#value(row, timestamp);
    if (w !== null && w > this.#max) this.#max = w;
  }

  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.#max > this.#emitted) {
      this.#emitted = this.#max;
      output.emitWatermark(this.#max);
    }
  }
}

/** `rowtime - INTERVAL 'n' unit` as its delay in ms; undefined for other expressions. */
function fixedDelay(w: PushedWatermark): number | undefined {
  const e: Rex = w.watermark;
  if (e.kind === 'call' && e.op === '-' && e.operands.length === 2) {
    const [a, b] = e.operands as [Rex, Rex];
    if (rexKey(a) === rexKey(w.rowtime) && b.kind === 'literal' && typeof b.value === 'number' && b.type.root === 'INTERVAL_DAY_TIME') return b.value;
  }
  if (rexKey(e) === rexKey(w.rowtime)) return 0;
  return undefined;
}

export function sqlWatermarkStrategy(w: PushedWatermark, ctx: ExprContext, idleTimeoutMs: number): WatermarkStrategy<Row> {
  const delay = fixedDelay(w);
  const rowtime = w.rowtime;
  const watermark = w.watermark;
  // Compiled inside the factories: each split (and worker) compiles its own functions.
  const value = (): ((row: Row, ts: number) => number | null) => {
    if (delay !== undefined) return (_row, ts) => ts - delay;
    const f = compileExpression(watermark, ctx);
    return (row) => f(row.fields) as number | null;
  };
  let strategy = WatermarkStrategy.forGenerator<Row>(() => new MaxWatermarkGenerator(value()));
  if (rowtime.kind === 'input') {
    const i = rowtime.index;
    strategy = strategy.withTimestampAssigner((row) => row.fields[i] as number);
  } else {
    let f: ((fields: readonly unknown[]) => unknown) | undefined;
    strategy = strategy.withTimestampAssigner((row) => {
      f ??= compileExpression(rowtime, ctx);
      return f(row.fields) as number;
    });
  }
  return idleTimeoutMs > 0 ? strategy.withIdleness(idleTimeoutMs) : strategy;
}
