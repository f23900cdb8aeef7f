// GROUP BY with `table.exec.mini-batch.*` (Flink's MiniBatchGroupAggFunction): input rows are
// buffered per key in memory and each key's rows are folded with one state access and one output
// change per batch. A batch ends when it holds `size` rows, `allowLatencyMs` after its first row
// (processing time), on a watermark, before a checkpoint's snapshot (so the snapshot holds no
// unprocessed input) and at the end of input.
import type { Row } from '../../core/row.ts';
import type { OperatorContext, Output, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import type { KeyedStateBackend } from '../../state/keyed-state-backend.ts';
import type { ValueState } from '../../state/keyed-state.ts';
import { valueKey, type ValueKey } from '../functions/aggregate/value-key.ts';
import { GroupAggregator, type GroupAccumulators, type GroupAggregateOptions } from './group-aggregate-operator.ts';

export interface MiniBatchGroupAggregateOptions extends GroupAggregateOptions {
  /** `table.exec.mini-batch.size`: rows buffered before the batch is folded. */
  readonly size: number;
  /** `table.exec.mini-batch.allow-latency` in ms: how long a row may wait in the buffer. */
  readonly allowLatencyMs: number;
}

interface KeyBuffer {
  readonly key: unknown;
  readonly keyGroup: number;
  readonly rows: Row[];
}

export class MiniBatchGroupAggregateOperator implements StreamOperator<Row, Row> {
  readonly #agg: GroupAggregator;
  readonly #size: number;
  readonly #latency: number;
  readonly #buffer = new Map<ValueKey, KeyBuffer>();
  #buffered = 0;
  #ctx!: OperatorContext<Row>;
  #backend!: KeyedStateBackend;
  #output!: Output<Row>;
  #state!: ValueState<GroupAccumulators>;
  #cancelTimer: (() => void) | undefined;

  constructor(options: MiniBatchGroupAggregateOptions) {
    if (!(options.size > 0)) throw new Error(`'table.exec.mini-batch.size' must be > 0 but is ${options.size}`);
    this.#agg = new GroupAggregator(options);
    this.#size = options.size;
    this.#latency = Math.max(0, options.allowLatencyMs);
  }

  open(ctx: OperatorContext<Row>): void {
    if (!ctx.keyedState) throw new Error(`MiniBatchGroupAggregateOperator '${ctx.runtime.operatorName}' needs a keyed input (keyBy the group key)`);
    this.#ctx = ctx;
    this.#backend = ctx.keyedState;
    this.#state = ctx.keyedState.getState(this.#agg.descriptor);
    this.#output = ctx.output;
  }

  processElement(row: Row): void {
    const key = this.#backend.getCurrentKey();
    const mapKey = valueKey(key);
    let buffer = this.#buffer.get(mapKey);
    if (buffer === undefined) {
      buffer = { key, keyGroup: this.#backend.getCurrentKeyGroup(), rows: [] };
      this.#buffer.set(mapKey, buffer);
    }
    buffer.rows.push(row);
    if (this.#buffered++ === 0) {
      const pt = this.#ctx.processingTime;
      this.#cancelTimer = pt.schedule(pt.now() + this.#latency, () => {
        this.#cancelTimer = undefined;
        this.#flush();
      });
    }
    if (this.#buffered >= this.#size) this.#flush();
  }

  processWatermark(watermark: number): void {
    this.#flush();
    this.#output.emitWatermark(watermark);
  }

  snapshotState(): void {
    this.#flush();
  }

  endInput(): void {
    this.#flush();
  }

  close(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }

  #flush(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    if (this.#buffered === 0) return;
    const agg = this.#agg;
    for (const { key, keyGroup, rows } of this.#buffer.values()) {
      this.#backend.setCurrentKeyInGroup(key, keyGroup);
      let accs = this.#state.value();
      const before = accs === undefined ? undefined : agg.result(accs, rows[0]!.fields);
      for (const row of rows) {
        const accumulate = row.kind === '+I' || row.kind === '+U';
        if (accs === undefined) {
          if (!accumulate) continue;
          accs = agg.createAccumulators();
        }
        agg.fold(accs, row.fields, accumulate);
      }
      if (accs === undefined) continue;
      if (agg.emit(this.#output, before, accs, rows[0]!.fields)) this.#state.update(accs);
      else this.#state.clear();
    }
    this.#buffer.clear();
    this.#buffered = 0;
  }
}
