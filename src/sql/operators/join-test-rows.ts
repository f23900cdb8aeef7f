// Test-only: compact changelog fixtures for the join operator tests, written as Flink prints them
// (`+I[1, a, null]`), and a driver that feeds (input, row) steps to a harness.
import type { RowKind } from '../../core/row-kind.ts';
import type { Row } from '../../core/row.ts';
import type { OperatorTestHarness } from '../../runtime/operators/functions/test-harness.ts';

export const I = (...fields: unknown[]): Row => ({ kind: '+I', fields });
export const UB = (...fields: unknown[]): Row => ({ kind: '-U', fields });
export const UA = (...fields: unknown[]): Row => ({ kind: '+U', fields });
export const D = (...fields: unknown[]): Row => ({ kind: '-D', fields });

/** `+I[1, a, null]`. */
export function show(row: { kind: RowKind; fields: readonly unknown[] }): string {
  return `${row.kind}[${row.fields.map((f) => (f === null ? 'null' : String(f))).join(', ')}]`;
}

/** Rows the harness emitted since the last call, shown, and clears them. */
export function drain(h: OperatorTestHarness<Row, Row>): string[] {
  const out = h.values().map(show);
  h.clearOutput();
  return out;
}

/** Feeds one row to the left (L) or right (R) input and returns what it emitted. */
export function step(h: OperatorTestHarness<Row, Row>, side: 'L' | 'R', row: Row, timestamp?: number): string[] {
  h.processElement(row, timestamp, side === 'L' ? 0 : 1);
  return drain(h);
}

/** Keys both inputs by field 0, as the planner keys a join on `l.f0 = r.f0`. */
export const keyByFirstField = [(r: Row) => r.fields[0], (r: Row) => r.fields[0]];
