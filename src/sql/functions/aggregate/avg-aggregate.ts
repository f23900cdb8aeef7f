// AVG as Flink computes it: integers are summed as BIGINT and the average is truncated to the
// argument's integer type; DECIMAL(p, s) averages to DECIMAL(38, max(6, s)) rounding half up;
// FLOAT and DOUBLE divide in floating point.
import type { LogicalType } from '../../../core/types/logical-type.ts';
import type { AggregateHandle } from '../aggregate-function.ts';
import { addBigint, decimalOverflows, divideBigint, divideHalfUp, isIntegerType, pow10, subtractBigint, type Arith } from './numeric-arithmetic.ts';
import { sumCountHandle, type SumCountAcc } from './sum-count-accumulator.ts';

export function avgAggregate(argType: LogicalType, resultType: LogicalType): AggregateHandle<SumCountAcc> {
  if (isIntegerType(argType)) {
    return handle(0, addBigint, subtractBigint, (sum, n) => divideBigint(sum, n));
  }
  if (argType.root === 'DECIMAL') {
    const shift = pow10((resultType.scale ?? 0) - (argType.scale ?? 0));
    const precision = resultType.precision ?? 38;
    return handle(0n, (a, b) => a + b, (a, b) => a - b, (sum: bigint, n) => {
      const avg = divideHalfUp(sum * shift, BigInt(n));
      return decimalOverflows(avg, precision) ? null : avg;
    });
  }
  const round = argType.root === 'FLOAT' ? Math.fround : (x: number) => x;
  return handle(0, (a, b) => a + b, (a, b) => a - b, (sum: number, n) => round(sum / n));
}

/** AVG over [sum, count]: NULL over no values, else `divide`. */
function handle(zero: unknown, add: Arith, sub: Arith, divide: (sum: any, n: number) => unknown): AggregateHandle<SumCountAcc> {
  return sumCountHandle(zero, add, sub, (acc) => (acc[1] === 0 ? null : divide(acc[0], acc[1])));
}
