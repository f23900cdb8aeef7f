// BOOL_AND and BOOL_OR over the non-NULL values, counting trues and falses so retraction works.
import type { AggregateHandle } from '../aggregate-function.ts';

/** [count of TRUE, count of FALSE] */
type BoolAcc = [number, number];

export function boolAggregate(and: boolean): AggregateHandle<BoolAcc> {
  return {
    createAccumulator: () => [0, 0],
    accumulate(acc, args) {
      if (args[0] === true) acc[0]++;
      else if (args[0] === false) acc[1]++;
      return acc;
    },
    retract(acc, args) {
      if (args[0] === true) acc[0]--;
      else if (args[0] === false) acc[1]--;
      return acc;
    },
    merge(acc, other) {
      acc[0] += other[0];
      acc[1] += other[1];
      return acc;
    },
    getValue(acc) {
      if (acc[0] <= 0 && acc[1] <= 0) return null;
      return and ? acc[1] <= 0 : acc[0] > 0;
    },
  };
}
