// Non-windowed GROUP BY on a keyed stream (Flink's GroupAggFunction): per group key one state entry
// holding the row count and every call's accumulator; each input change (+I/+U accumulate, -U/-D
// retract) updates it and emits the group's changed result as +I, -U/+U or -D.
import type { Row } from '../../core/row.ts';
import { NO_TIMESTAMP } from '../../core/stream-element.ts';
import type { OperatorContext, Output, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import type { ValueState } from '../../state/keyed-state.ts';
import { valueState, type ValueStateDescriptor } from '../../state/state-descriptor.ts';
import type { AggregateCall, AggregateHandle } from '../functions/aggregate-function.ts';
import { sameValue } from '../functions/aggregate/value-key.ts';
import { CallAccumulators } from './call-accumulators.ts';

export interface GroupAggregateOptions {
  /** Input field indexes of the GROUP BY columns (empty for a global aggregate); they lead the output row. */
  readonly groupKey: readonly number[];
  readonly calls: readonly AggregateCall[];
  /** One handle per call, built with createAggregateHandle. */
  readonly handles: readonly AggregateHandle[];
  /** Emit -U before each +U (retract mode); false for upsert consumers. */
  readonly generateUpdateBefore: boolean;
  /** `table.exec.state.ttl`: a group's state expires this long after its last update (0 or absent: never). */
  readonly stateTtlMs?: number;
  /** Not supported: a global aggregate over no rows emits nothing in streaming, as in Flink. */
  readonly emitEmptyGroupAtEnd?: never;
}

/**
 * The accumulators of one group: `[rowCount, acc0, acc1, ...]`, mutated in place. Shared by the
 * plain and the mini-batch operator.
 */
export type GroupAccumulators = unknown[];

/** Folds rows into a group's accumulators and emits the group's result changes. */
export class GroupAggregator {
  readonly #groupKey: readonly number[];
  readonly #handles: readonly AggregateHandle[];
  readonly #calls: CallAccumulators;
  readonly #generateUpdateBefore: boolean;
  /** With TTL, an unchanged result is still emitted so that downstream state stays alive (as Flink). */
  readonly #emitUnchanged: boolean;
  readonly descriptor: ValueStateDescriptor<GroupAccumulators>;

  constructor(options: GroupAggregateOptions) {
    if (options.calls.length !== options.handles.length) {
      throw new Error(`GroupAggregateOperator: ${options.calls.length} calls but ${options.handles.length} handles`);
    }
    this.#groupKey = options.groupKey;
    this.#handles = options.handles;
    this.#calls = new CallAccumulators(options.calls, options.handles);
    this.#generateUpdateBefore = options.generateUpdateBefore;
    const ttlMs = options.stateTtlMs ?? 0;
    this.#emitUnchanged = ttlMs > 0;
    this.descriptor = valueState<GroupAccumulators>('group-aggregate', ttlMs > 0 ? { ttl: { ttlMs } } : {});
  }

  createAccumulators(): GroupAccumulators {
    const handles = this.#handles;
    const accs: unknown[] = new Array(handles.length + 1);
    accs[0] = 0;
    for (let i = 0; i < handles.length; i++) accs[i + 1] = handles[i]!.createAccumulator();
    return accs;
  }

  /** Adds (`accumulate`) or removes one row's contribution. */
  fold(accs: GroupAccumulators, fields: readonly unknown[], accumulate: boolean): void {
    accs[0] = (accs[0] as number) + (accumulate ? 1 : -1);
    this.#calls.accumulate(accs, 1, fields, !accumulate);
  }

  /** An output row's fields: the group key taken from `keyRow`, then each call's current value. */
  result(accs: GroupAccumulators, keyRow: readonly unknown[]): unknown[] {
    return this.resultInto(accs, keyRow, new Array(this.#groupKey.length + this.#handles.length));
  }

  /** result() written into `out`, which is returned. */
  resultInto(accs: GroupAccumulators, keyRow: readonly unknown[], out: unknown[]): unknown[] {
    const key = this.#groupKey;
    const handles = this.#handles;
    for (let i = 0; i < key.length; i++) out[i] = keyRow[key[i]!];
    for (let i = 0; i < handles.length; i++) out[key.length + i] = handles[i]!.getValue(accs[i + 1]);
    return out;
  }

  /**
   * Emits the change from `before` (undefined for a new group) to the group's state in `accs`
   * (count 0: the group is gone); returns whether the group still exists. `beforeIsScratch`: `before`
   * is a reused array, copied if it is emitted.
   */
  emit(output: Output<Row>, before: unknown[] | undefined, accs: GroupAccumulators, keyRow: readonly unknown[], beforeIsScratch = false): boolean {
    if ((accs[0] as number) <= 0) {
      if (before !== undefined) output.collect({ kind: '-D', fields: beforeIsScratch ? before.slice() : before }, NO_TIMESTAMP);
      return false;
    }
    const after = this.result(accs, keyRow);
    if (before === undefined) {
      output.collect({ kind: '+I', fields: after }, NO_TIMESTAMP);
    } else if (this.#emitUnchanged || !this.#sameAggregates(before, after)) {
      if (this.#generateUpdateBefore) output.collect({ kind: '-U', fields: beforeIsScratch ? before.slice() : before }, NO_TIMESTAMP);
      output.collect({ kind: '+U', fields: after }, NO_TIMESTAMP);
    }
    return true;
  }

  #sameAggregates(a: readonly unknown[], b: readonly unknown[]): boolean {
    for (let i = this.#groupKey.length; i < a.length; i++) {
      const x = a[i];
      const y = b[i];
      if (x !== y && (x === null || y === null || !sameValue(x, y))) return false;
    }
    return true;
  }
}

export class GroupAggregateOperator implements StreamOperator<Row, Row> {
  readonly #agg: GroupAggregator;
  /** Without -U rows the previous result is rarely emitted (only as -D): it is built in this reused array. */
  readonly #scratch: unknown[] | undefined;
  #output!: Output<Row>;
  #state!: ValueState<GroupAccumulators>;

  constructor(options: GroupAggregateOptions) {
    this.#agg = new GroupAggregator(options);
    this.#scratch = options.generateUpdateBefore ? undefined : new Array(options.groupKey.length + options.calls.length);
  }

  open(ctx: OperatorContext<Row>): void {
    if (!ctx.keyedState) throw new Error(`GroupAggregateOperator '${ctx.runtime.operatorName}' needs a keyed input (keyBy the group key)`);
    this.#state = ctx.keyedState.getState(this.#agg.descriptor);
    this.#output = ctx.output;
  }

  processElement(row: Row): void {
    const accumulate = row.kind === '+I' || row.kind === '+U';
    let accs = this.#state.value();
    let before: unknown[] | undefined;
    if (accs === undefined) {
      // A retraction of a group that has no state (expired, or never seen) is dropped, as in Flink.
      if (!accumulate) return;
      accs = this.#agg.createAccumulators();
    } else {
      before = this.#scratch === undefined ? this.#agg.result(accs, row.fields) : this.#agg.resultInto(accs, row.fields, this.#scratch);
    }
    this.#agg.fold(accs, row.fields, accumulate);
    if (this.#agg.emit(this.#output, before, accs, row.fields, this.#scratch !== undefined)) this.#state.update(accs);
    else this.#state.clear();
  }
}
