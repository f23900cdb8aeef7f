// SUM and SUM0 (SUM that gives 0 instead of NULL over no rows): the sum in the result type plus the
// count of non-NULL values, so that retracting every value brings SUM back to NULL.
import type { LogicalType } from '../../../core/types/logical-type.ts';
import type { AggregateHandle } from '../aggregate-function.ts';
import { adder, decimalOverflows, subtracter, zeroOf } from './numeric-arithmetic.ts';
import { sumCountHandle, type SumCountAcc } from './sum-count-accumulator.ts';

export function sumAggregate(resultType: LogicalType, orZero: boolean): AggregateHandle<SumCountAcc> {
  const zero = zeroOf(resultType);
  const precision = resultType.precision ?? 38;
  const isDecimal = resultType.root === 'DECIMAL';
  return sumCountHandle(zero, adder(resultType), subtracter(resultType), (acc) => {
    if (acc[1] === 0) return orZero ? zero : null;
    if (isDecimal && decimalOverflows(acc[0] as bigint, precision)) return null;
    return acc[0];
  });
}
