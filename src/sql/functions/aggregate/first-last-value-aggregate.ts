// FIRST_VALUE and LAST_VALUE in order of arrival, ignoring NULLs. Over an insert-only input the
// accumulator is one value; under retraction it is the list of live values in arrival order, and
// a retraction removes the earliest equal value (as Flink's FirstValueWithRetractAggFunction).
import type { AggregateHandle } from '../aggregate-function.ts';
import { sameValue } from './value-key.ts';

export function firstLastValueAggregate(last: boolean): AggregateHandle<unknown> {
  return {
    createAccumulator: () => null,
    accumulate: (acc, args) => {
      const v = args[0];
      return v === null ? acc : last || acc === null ? v : acc;
    },
    retract: () => {
      throw new Error(`${last ? 'LAST_VALUE' : 'FIRST_VALUE'} was built for an insert-only input but received a retraction`);
    },
    merge: (acc, other) => (last ? other ?? acc : acc ?? other),
    getValue: (acc) => acc,
  };
}

export function firstLastValueWithRetractAggregate(last: boolean): AggregateHandle<unknown[]> {
  return {
    createAccumulator: () => [],
    accumulate(acc, args) {
      if (args[0] !== null) acc.push(args[0]);
      return acc;
    },
    retract(acc, args) {
      const v = args[0];
      if (v === null) return acc;
      const i = acc.findIndex((x) => sameValue(x, v));
      if (i >= 0) acc.splice(i, 1);
      return acc;
    },
    merge(acc, other) {
      for (const v of other) acc.push(v);
      return acc;
    },
    getValue: (acc) => (acc.length === 0 ? null : last ? acc[acc.length - 1] : acc[0]),
  };
}
