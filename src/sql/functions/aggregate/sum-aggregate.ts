// SUM and SUM0 (SUM that gives 0 instead of NULL over no rows): the sum in the result type plus the
// count of non-NULL values, so that retracting every value brings SUM back to NULL.
import type { LogicalType } from '../../../core/types/logical-type.ts';
import type { AggregateHandle } from '../aggregate-function.ts';
import { adder, decimalOverflows, subtracter, zeroOf } from './numeric-arithmetic.ts';

/** [sum, count of non-NULL values] */
type SumAcc = [unknown, number];

export function sumAggregate(resultType: LogicalType, orZero: boolean): AggregateHandle<SumAcc> {
  const add = adder(resultType);
  const sub = subtracter(resultType);
  const zero = zeroOf(resultType);
  const precision = resultType.precision ?? 38;
  const isDecimal = resultType.root === 'DECIMAL';
  return {
    createAccumulator: () => [zero, 0],
    accumulate(acc, args) {
      const v = args[0];
      if (v === null) return acc;
      acc[0] = add(acc[0], v);
      acc[1]++;
      return acc;
    },
    retract(acc, args) {
      const v = args[0];
      if (v === null) return acc;
      acc[0] = sub(acc[0], v);
      acc[1]--;
      return acc;
    },
    merge(acc, other) {
      acc[0] = add(acc[0], other[0]);
      acc[1] += other[1];
      return acc;
    },
    getValue(acc) {
      if (acc[1] === 0) return orZero ? zero : null;
      if (isDecimal && decimalOverflows(acc[0] as bigint, precision)) return null;
      return acc[0];
    },
  };
}
