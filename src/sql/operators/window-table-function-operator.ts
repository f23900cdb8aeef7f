// The window table-valued functions TUMBLE, HOP and CUMULATE used on their own
// (`SELECT * FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))`): each input row
// comes out once per window it belongs to, with window_start, window_end and window_time appended.
import type { Row } from '../../core/row.ts';
import { WeirError } from '../../core/errors.ts';
import type { OperatorContext, StreamOperator } from '../../runtime/operators/stream-operator.ts';
import { forEachWindow, validateWindowSpec, type AlignedWindowSpec, type WindowSpec } from './window-spec.ts';

export interface WindowTableFunctionOptions {
  /** TUMBLE, HOP or CUMULATE; SESSION needs keyed state: SessionWindowTableFunctionOperator. */
  readonly window: WindowSpec;
  /** Input field of the time attribute (DESCRIPTOR(ts)): epoch ms. */
  readonly timeIndex: number;
}

/**
 * Output row: input fields ++ [window_start, window_end, window_time], kind as the input's
 * (insert-only in practice); the record's timestamp is window_time, which is the new rowtime.
 * A row whose time attribute is NULL belongs to no window and is dropped (Flink does the same).
 */
export class WindowTableFunctionOperator implements StreamOperator<Row, Row> {
  readonly #window: AlignedWindowSpec;
  readonly #timeIndex: number;
  #ctx!: OperatorContext<Row>;
  // The row being expanded, read by the callback so that forEachWindow needs no closure per row.
  #current: Row | undefined;

  constructor(options: WindowTableFunctionOptions) {
    const { window } = options;
    if (window.type === 'SESSION') {
      throw new WeirError('a SESSION window table function needs keyed state: use SessionWindowTableFunctionOperator');
    }
    validateWindowSpec(window);
    this.#window = window;
    this.#timeIndex = options.timeIndex;
  }

  open(ctx: OperatorContext<Row>): void {
    this.#ctx = ctx;
  }

  processElement(value: Row): void {
    const ts = value.fields[this.#timeIndex];
    if (ts === null || ts === undefined) return;
    this.#current = value;
    forEachWindow(this.#window, ts as number, this.#emit);
    this.#current = undefined;
  }

  readonly #emit = (start: number, end: number): void => {
    const row = this.#current!;
    const fields = row.fields.slice();
    fields.push(start, end, end - 1);
    this.#ctx.output.collect({ kind: row.kind, fields }, end - 1);
  };
}
