// Deduplication (Flink's ProcTime/RowTimeDeduplicate*Function): `ROW_NUMBER() OVER (PARTITION BY k
// ORDER BY proctime|rowtime ASC|DESC) = 1` keeps the first or the last row of each key.
import type { Row } from '../../core/row.ts';
import type { Output, OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { requireKeyedState } from '../../runtime/operators/functions/require-keyed-state.ts';
import type { InternalValueState } from '../../state/keyed-state-backend.ts';
import { valueState } from '../../state/state-descriptor.ts';

export interface DeduplicateOptions {
  /** ORDER BY ... DESC keeps the last row; ASC the first. */
  readonly keepLastRow: boolean;
  /** Ordered by a rowtime attribute (at timeIndex); otherwise by arrival (proctime). */
  readonly isRowtime: boolean;
  readonly timeIndex?: number;
  /** Emit -U before +U when the kept row changes (a retracting downstream). */
  readonly generateUpdateBefore: boolean;
  /**
   * The first kept row of a key is +I (default true: Flink's
   * table.exec.deduplicate.insert-update-after-sensitive-enabled); false lets keep-last emit +U only.
   */
  readonly generateInsert?: boolean;
  /** table.exec.state.ttl: a key untouched for this long is forgotten (its next row counts as first). */
  readonly stateTtlMs?: number;
}

const STATE = 'deduplicate';

/**
 * The stream is keyed by the PARTITION BY fields; the input is insert-only. Output rows are the
 * input rows themselves:
 * - proctime, keep first: the first row of a key (+I); later rows are dropped. Insert-only.
 * - proctime, keep last: +I for the first row, then (-U previous) +U current for every later row;
 *   with neither update-before nor insert, every row is +U and no state is kept.
 * - rowtime: a row replaces the kept one when its rowtime is smaller (keep first) or at least as
 *   large (keep last), emitted as for proctime keep last.
 */
export class DeduplicateOperator implements StreamOperator<Row, Row> {
  readonly #keepLastRow: boolean;
  readonly #isRowtime: boolean;
  readonly #timeIndex: number;
  readonly #generateUpdateBefore: boolean;
  readonly #generateInsert: boolean;
  readonly #stateTtlMs: number | undefined;
  #output!: Output<Row>;
  #state!: InternalValueState<unknown[]>;

  constructor(options: DeduplicateOptions) {
    if (options.isRowtime && options.timeIndex === undefined) throw new Error('rowtime deduplication needs timeIndex');
    this.#keepLastRow = options.keepLastRow;
    this.#isRowtime = options.isRowtime;
    this.#timeIndex = options.timeIndex ?? -1;
    this.#generateUpdateBefore = options.generateUpdateBefore;
    this.#generateInsert = options.generateInsert ?? true;
    this.#stateTtlMs = options.stateTtlMs;
  }

  open(ctx: OperatorContext<Row>): void {
    const backend = requireKeyedState(ctx, 'A deduplication (ROW_NUMBER() = 1)');
    this.#output = ctx.output;
    const ttl = this.#stateTtlMs !== undefined && this.#stateTtlMs > 0 ? { ttlMs: this.#stateTtlMs } : undefined;
    this.#state = backend.getState(valueState<unknown[]>(STATE, { ttl }));
  }

  processElement(row: Row, timestamp: number): void {
    const fields = row.fields;
    if (!this.#isRowtime) {
      if (!this.#keepLastRow) {
        // Keep first: the state only marks the key as seen.
        if (this.#state.value() !== undefined) return;
        this.#state.update(SEEN);
        this.#output.collect({ kind: '+I', fields }, timestamp);
        return;
      }
      if (!this.#generateUpdateBefore && !this.#generateInsert) {
        this.#output.collect({ kind: '+U', fields }, timestamp);
        return;
      }
      const previous = this.#state.value();
      this.#state.update(fields);
      this.#emitReplace(previous, fields, timestamp);
      return;
    }
    const ts = fields[this.#timeIndex] as number;
    const previous = this.#state.value();
    if (previous !== undefined) {
      const keptTs = previous[this.#timeIndex] as number;
      if (this.#keepLastRow ? ts < keptTs : ts >= keptTs) return;
    }
    this.#state.update(fields);
    this.#emitReplace(previous, fields, timestamp);
  }

  #emitReplace(previous: unknown[] | undefined, fields: unknown[], timestamp: number): void {
    const out = this.#output;
    if (!this.#generateUpdateBefore && !this.#generateInsert) {
      out.collect({ kind: '+U', fields }, timestamp);
    } else if (previous === undefined) {
      out.collect({ kind: '+I', fields }, timestamp);
    } else {
      if (this.#generateUpdateBefore) out.collect({ kind: '-U', fields: previous }, timestamp);
      out.collect({ kind: '+U', fields }, timestamp);
    }
  }
}

/** The state value of a key that keep-first has seen (any non-undefined value would do). */
const SEEN: unknown[] = [];
