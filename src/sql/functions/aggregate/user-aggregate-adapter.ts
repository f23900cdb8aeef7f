// Runs a user-defined aggregate (UserAggregateFunction) as an AggregateHandle: its accumulate,
// retract and merge may return the new accumulator or mutate it and return nothing.
import type { AggregateHandle } from '../aggregate-function.ts';
import type { UserAggregateFunction } from '../user-function.ts';
import { TableError } from '../../sql-errors.ts';

export function userAggregateHandle(name: string, udaf: UserAggregateFunction): AggregateHandle {
  const { retract, merge } = udaf;
  return {
    createAccumulator: () => udaf.createAccumulator(),
    accumulate(acc, args) {
      const r = udaf.accumulate(acc, ...args);
      return r === undefined ? acc : r;
    },
    retract(acc, args) {
      if (!retract) throw new TableError(`Aggregate function '${name}' received a retraction but does not implement retract(acc, ...args)`);
      const r = retract.call(udaf, acc, ...args);
      return r === undefined ? acc : r;
    },
    merge(acc, other) {
      if (!merge) throw new TableError(`Aggregate function '${name}' must implement merge(acc, other) to be used in session windows or two-phase aggregation`);
      const r = merge.call(udaf, acc, other);
      return r === undefined ? acc : r;
    },
    getValue: (acc) => udaf.getValue(acc),
  };
}
