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

export class MiniBatchGroupAggregateOperator implements StreamOperator<Row, Row> {
  readonly #agg: GroupAggregator;
  readonly #size: number;
  readonly #latency: number;
  // The batch without per-key objects. Each key has an id (kept across batches, so the Map is not
  // rebuilt every batch; it is dropped once it outgrows #maxIds) with its key, key group and first
  // and last row in this batch; rows of one key are chained by #next. #order lists the ids of the
  // batch in first-arrival order (as Flink's LinkedHashMap). The arrays are reused.
  readonly #idOf = new Map<ValueKey, number>();
  readonly #maxIds: number;
  readonly #keys: unknown[] = [];
  readonly #groups: number[] = [];
  readonly #batchOf: number[] = [];
  readonly #heads: number[] = [];
  readonly #tails: number[] = [];
  readonly #order: number[] = [];
  readonly #rows: (Row | undefined)[] = [];
  readonly #next: number[] = [];
  #batch = 0;
  #keysInBatch = 0;
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
    this.#maxIds = Math.max(4 * this.#size, 1 << 16);
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
    const r = this.#buffered;
    this.#rows[r] = row;
    this.#next[r] = -1;
    let id = this.#idOf.get(mapKey);
    if (id === undefined) {
      id = this.#idOf.size;
      this.#idOf.set(mapKey, id);
      this.#keys[id] = key;
      this.#groups[id] = this.#backend.getCurrentKeyGroup();
      this.#batchOf[id] = -1;
    }
    if (this.#batchOf[id] !== this.#batch) {
      this.#batchOf[id] = this.#batch;
      this.#order[this.#keysInBatch++] = id;
      this.#heads[id] = r;
    } else {
      this.#next[this.#tails[id]!] = r;
    }
    this.#tails[id] = r;
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
    const backend = this.#backend;
    const state = this.#state;
    const output = this.#output;
    const rows = this.#rows;
    const next = this.#next;
    const order = this.#order;
    for (let k = 0; k < this.#keysInBatch; k++) {
      const id = order[k]!;
      backend.setCurrentKeyInGroup(this.#keys[id], this.#groups[id]!);
      const first = this.#heads[id]!;
      const keyRow = rows[first]!.fields;
      let accs = state.value();
      const before = accs === undefined ? undefined : agg.result(accs, keyRow);
      for (let r = first; r >= 0; r = next[r]!) {
        const row = rows[r]!;
        rows[r] = undefined;
        const accumulate = row.kind === '+I' || row.kind === '+U';
        if (accs === undefined) {
          if (!accumulate) continue;
          accs = agg.createAccumulators();
        }
        agg.fold(accs, row.fields, accumulate);
      }
      if (accs === undefined) continue;
      if (agg.emit(output, before, accs, keyRow)) state.update(accs);
      else state.clear();
    }
    this.#keysInBatch = 0;
    this.#batch++;
    if (this.#idOf.size > this.#maxIds) {
      this.#idOf.clear();
      this.#keys.length = 0;
    }
    this.#buffered = 0;
  }
}
