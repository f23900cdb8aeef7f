// Flink's ChangelogNormalize: on a stream keyed by the primary key, turns an upsert changelog
// (+I/+U as "the row is now this", -D possibly carrying only the key) into a full changelog: +I for
// a new key, -U old / +U new for a change, -D with the stored row; a repeated identical row and a
// delete of an unknown key produce nothing.
import type { Row } from '../../core/row.ts';
import type { OperatorContext, Output, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import type { ValueState } from '../../state/keyed-state.ts';
import { valueState } from '../../state/state-descriptor.ts';
import { sameValue } from '../functions/aggregate/value-key.ts';

export interface ChangelogNormalizeOptions {
  /** Emit -U before each +U (retract consumers); false for upsert consumers. */
  readonly generateUpdateBefore: boolean;
  /** `table.exec.state.ttl`: a key's row is forgotten this long after its last change (0 or absent: never). */
  readonly stateTtlMs?: number;
}

export class ChangelogNormalizeOperator implements StreamOperator<Row, Row> {
  readonly #generateUpdateBefore: boolean;
  readonly #ttlMs: number;
  #output!: Output<Row>;
  #state!: ValueState<unknown[]>;

  constructor(options: ChangelogNormalizeOptions) {
    this.#generateUpdateBefore = options.generateUpdateBefore;
    this.#ttlMs = options.stateTtlMs ?? 0;
  }

  open(ctx: OperatorContext<Row>): void {
    if (!ctx.keyedState) throw new Error(`ChangelogNormalizeOperator '${ctx.runtime.operatorName}' needs a keyed input (keyBy the primary key)`);
    const ttl = this.#ttlMs > 0 ? { ttl: { ttlMs: this.#ttlMs } } : {};
    this.#state = ctx.keyedState.getState(valueState<unknown[]>('changelog-normalize', ttl));
    this.#output = ctx.output;
  }

  processElement(row: Row, timestamp: number): void {
    const before = this.#state.value();
    if (row.kind === '+I' || row.kind === '+U') {
      if (before === undefined) {
        this.#output.collect({ kind: '+I', fields: row.fields }, timestamp);
      } else {
        // With TTL the unchanged row is still emitted, refreshing downstream state (as Flink).
        if (this.#ttlMs <= 0 && sameFields(before, row.fields)) return;
        if (this.#generateUpdateBefore) this.#output.collect({ kind: '-U', fields: before }, timestamp);
        this.#output.collect({ kind: '+U', fields: row.fields }, timestamp);
      }
      this.#state.update(row.fields);
    } else if (before !== undefined) {
      // -U without a following +U is a delete too; the stored row carries every field.
      this.#output.collect({ kind: '-D', fields: before }, timestamp);
      this.#state.clear();
    }
  }
}

export function sameFields(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== y && (x === null || y === null || !sameValue(x, y))) return false;
  }
  return true;
}
