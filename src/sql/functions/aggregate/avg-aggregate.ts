// AVG as Flink computes it: integers are summed as BIGINT and the average is truncated to the
// argument's integer type; DECIMAL(p, s) averages to DECIMAL(38, max(6, s)) rounding half up;
// FLOAT and DOUBLE divide in floating point.
import type { LogicalType } from '../../../core/types/logical-type.ts';
import type { AggregateHandle } from '../aggregate-function.ts';
import { addBigint, decimalOverflows, divideBigint, divideHalfUp, isIntegerType, pow10, subtractBigint } from './numeric-arithmetic.ts';

/** [sum, count of non-NULL values] */
type AvgAcc = [any, number];

export function avgAggregate(argType: LogicalType, resultType: LogicalType): AggregateHandle<AvgAcc> {
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

function handle(zero: unknown, add: (a: any, b: any) => any, sub: (a: any, b: any) => any, divide: (sum: any, n: number) => unknown): AggregateHandle<AvgAcc> {
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
    getValue: (acc) => (acc[1] === 0 ? null : divide(acc[0], acc[1])),
  };
}
