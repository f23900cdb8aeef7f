// The contract between aggregate functions (COUNT, SUM, MIN, ... and user aggregates) and the
// operators that run them (group, window and over aggregation). Accumulators are plain data
// (numbers, bigints, strings, arrays, Maps, plain objects) because they live in keyed state and
// are checkpointed with msgpack.
import type { LogicalType } from '../../core/types/logical-type.ts';

export interface AggregateHandle<ACC = unknown> {
  createAccumulator(): ACC;
  /** Adds one input row's argument values; returns the accumulator (the same object or a new value). */
  accumulate(acc: ACC, args: readonly unknown[]): ACC;
  /**
   * Removes one earlier accumulated row (the input retracted it: -U or -D). Functions that keep
   * only a summary (MIN, MAX, FIRST_VALUE, LAST_VALUE) keep what they need to answer correctly
   * after any retraction — e.g. a count per value.
   */
  retract(acc: ACC, args: readonly unknown[]): ACC;
  /** Combines two accumulators (session-window merging, two-phase aggregation). */
  merge(acc: ACC, other: ACC): ACC;
  /** The current result (null when the aggregate of nothing is NULL, e.g. SUM over no rows). */
  getValue(acc: ACC): unknown;
}

/** One aggregate call in a plan: `SUM(DISTINCT price) FILTER (WHERE ...)` after validation. */
export interface AggregateCall {
  /** Upper-case name: COUNT, SUM, AVG, MIN, MAX, FIRST_VALUE, LAST_VALUE, LISTAGG, STDDEV_POP, ... or a UDAF's name. */
  readonly name: string;
  /** Input field indexes of the arguments (COUNT(*) has none). */
  readonly args: readonly number[];
  readonly argTypes: readonly LogicalType[];
  readonly distinct: boolean;
  /** Input field index of a BOOLEAN filter column (FILTER (WHERE ...)), if any. */
  readonly filterArg?: number;
  readonly type: LogicalType;
  /** Output column name (for EXPLAIN). */
  readonly alias: string;
  /** Literal arguments (LISTAGG's separator) by argument position. */
  readonly constants?: readonly unknown[];
}
