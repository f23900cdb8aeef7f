// User-defined functions written in TypeScript (Flink's ScalarFunction, TableFunction and
// AggregateFunction). TypeScript has no runtime types, so a function declares its SQL result type
// as text (`'STRING'`, `'ROW<word STRING, len INT>'`); argument types are taken from the call.
//
// @example
//   export const shout = scalarFunction('STRING', (s: string | null) => s === null ? null : s.toUpperCase() + '!');
//   // CREATE FUNCTION shout AS './udfs.ts#shout';  SELECT shout(name) FROM users;

export interface UserScalarFunction {
  readonly kind: 'scalar';
  /** SQL type of the result. */
  readonly returns: string;
  /** Called with the argument values (null for NULL); returns the result value. */
  eval(...args: any[]): unknown;
  /** False for functions that must not be constant-folded (random, clock). Default true. */
  readonly deterministic?: boolean;
}

export interface UserTableFunction {
  readonly kind: 'table';
  /** SQL type of each produced row: `'ROW<a STRING, b INT>'`, or a single type for one column `f0`. */
  readonly returns: string;
  /** Produces zero or more rows per call (arrays of field values for ROW types, plain values otherwise). */
  eval(...args: any[]): Iterable<unknown>;
}

/** An aggregate with a plain-data accumulator (it is kept in checkpointed state). */
export interface UserAggregateFunction<ACC = any> {
  readonly kind: 'aggregate';
  readonly returns: string;
  createAccumulator(): ACC;
  /** Adds a row's arguments; returns the new accumulator (or mutates `acc` and returns nothing). */
  accumulate(acc: ACC, ...args: any[]): ACC | void;
  /** Needed when the input is an updating changelog. */
  retract?(acc: ACC, ...args: any[]): ACC | void;
  merge?(acc: ACC, other: ACC): ACC | void;
  getValue(acc: ACC): unknown;
}

export type LoadedUserFunction = UserScalarFunction | UserTableFunction | UserAggregateFunction;

export const scalarFunction = (returns: string, evalFn: (...args: any[]) => unknown, opts: { deterministic?: boolean } = {}): UserScalarFunction =>
  ({ kind: 'scalar', returns, eval: evalFn, ...opts });

export const tableFunction = (returns: string, evalFn: (...args: any[]) => Iterable<unknown>): UserTableFunction =>
  ({ kind: 'table', returns, eval: evalFn });

export const aggregateFunction = <ACC>(returns: string, def: Omit<UserAggregateFunction<ACC>, 'kind' | 'returns'>): UserAggregateFunction<ACC> =>
  ({ kind: 'aggregate', returns, ...def });
