// GROUP BY with `table.exec.mini-batch.*` (Flink's MiniBatchGroupAggFunction): each key's state is
// read and written once per batch and its result changes once per batch. A batch ends when it holds
// `size` rows, `allowLatencyMs` after its first row (processing time), on a watermark, before a
// checkpoint's snapshot (so the snapshot holds no unprocessed input) and at the end of input.
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
  // The keys of the batch without per-key objects. Each key has an id (kept across batches, so the
  // Map is not rebuilt every batch; it is dropped once it outgrows #maxIds) indexing the arrays:
  // its key and key group, the batch it was last seen in, its accumulators, its result before the
  // batch (undefined: a new group) and the fields of its first row (the group key values).
  // #order lists the ids of the batch in first-arrival order (as Flink's LinkedHashMap).
  readonly #idOf = new Map<ValueKey, number>();
  readonly #maxIds: number;
  readonly #keys: unknown[] = [];
  readonly #groups: number[] = [];
  readonly #batchOf: number[] = [];
  readonly #accs: (GroupAccumulators | undefined)[] = [];
  readonly #before: (unknown[] | undefined)[] = [];
  readonly #keyRows: (readonly unknown[] | undefined)[] = [];
  readonly #order: number[] = [];
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

  /**
   * A key's first row in the batch reads its state once (keeping the result before the batch);
   * every row is folded right away into those accumulators, which the heap state holds by reference.
   */
  processElement(row: Row): void {
    const backend = this.#backend;
    const key = backend.getCurrentKey();
    let id = this.#idOf.get(valueKey(key));
    if (id === undefined) {
      id = this.#idOf.size;
      this.#idOf.set(valueKey(key), id);
      this.#keys[id] = key;
      this.#groups[id] = backend.getCurrentKeyGroup();
      this.#batchOf[id] = -1;
    }
    const fields = row.fields;
    const accumulate = row.kind === '+I' || row.kind === '+U';
    let accs: GroupAccumulators | undefined;
    if (this.#batchOf[id] !== this.#batch) {
      this.#batchOf[id] = this.#batch;
      this.#order[this.#keysInBatch++] = id;
      accs = this.#state.value();
      this.#before[id] = accs === undefined ? undefined : this.#agg.result(accs, fields);
      this.#keyRows[id] = fields;
      if (accs === undefined && accumulate) accs = this.#agg.createAccumulators();
      // Written once per batch (also keeping a TTL alive); later rows of the batch mutate it in place.
      if (accs !== undefined) this.#state.update(accs);
    } else {
      accs = this.#accs[id];
      if (accs === undefined && accumulate) {
        accs = this.#agg.createAccumulators();
        this.#state.update(accs);
      }
    }
    // A retraction of a group that has no state is dropped, as in Flink.
    this.#accs[id] = accs;
    if (accs !== undefined) this.#agg.fold(accs, fields, accumulate);
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
    const output = this.#output;
    const order = this.#order;
    for (let k = 0; k < this.#keysInBatch; k++) {
      const id = order[k]!;
      const accs = this.#accs[id];
      const before = this.#before[id];
      const keyRow = this.#keyRows[id]!;
      this.#accs[id] = undefined;
      this.#before[id] = undefined;
      this.#keyRows[id] = undefined;
      if (accs === undefined) continue;
      if (!agg.emit(output, before, accs, keyRow)) {
        this.#backend.setCurrentKeyInGroup(this.#keys[id], this.#groups[id]!);
        this.#state.clear();
      }
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
