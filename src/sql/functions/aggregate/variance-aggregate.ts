// VAR_POP, VAR_SAMP, STDDEV_POP and STDDEV_SAMP from the count, sum and sum of squares. Integer and
// DECIMAL arguments keep exact bigint sums (so retraction never drifts); FLOAT and DOUBLE keep
// doubles. The result is converted to the call's type (Flink types these as AVG: the argument's
// type, DECIMAL(38, max(6, s)) for decimals).
import type { LogicalType } from '../../../core/types/logical-type.ts';
import type { AggregateHandle } from '../aggregate-function.ts';
import { fromDouble } from './numeric-arithmetic.ts';

export type VarianceKind = 'VAR_POP' | 'VAR_SAMP' | 'STDDEV_POP' | 'STDDEV_SAMP';

/** [count, sum, sum of squares] */
type VarAcc = [number, any, any];

export function varianceAggregate(kind: VarianceKind, argType: LogicalType, resultType: LogicalType): AggregateHandle<VarAcc> {
  const sample = kind === 'VAR_SAMP' || kind === 'STDDEV_SAMP';
  const root = kind === 'STDDEV_POP' || kind === 'STDDEV_SAMP';
  const exact = argType.root !== 'FLOAT' && argType.root !== 'DOUBLE';
  const unscale = argType.root === 'DECIMAL' ? 10 ** (2 * (argType.scale ?? 0)) : 1;
  const finish = (variance: number) => fromDouble(root ? Math.sqrt(variance) : variance, resultType);
  const variance: (n: number, sum: any, sumSq: any) => number = exact
    ? (n: number, sum: bigint, sumSq: bigint) => Number(BigInt(n) * sumSq - sum * sum) / (n * (sample ? n - 1 : n)) / unscale
    : (n: number, sum: number, sumSq: number) => Math.max(0, (sumSq - (sum * sum) / n) / (sample ? n - 1 : n));
  const toAdd = exact ? (v: unknown) => BigInt(v as number | bigint) : (v: unknown) => v as number;
  return {
    createAccumulator: () => (exact ? [0, 0n, 0n] : [0, 0, 0]),
    accumulate(acc, args) {
      if (args[0] === null) return acc;
      const v = toAdd(args[0]) as any;
      acc[0]++;
      acc[1] += v;
      acc[2] += v * v;
      return acc;
    },
    retract(acc, args) {
      if (args[0] === null) return acc;
      const v = toAdd(args[0]) as any;
      acc[0]--;
      acc[1] -= v;
      acc[2] -= v * v;
      return acc;
    },
    merge(acc, other) {
      acc[0] += other[0];
      acc[1] += other[1];
      acc[2] += other[2];
      return acc;
    },
    getValue(acc) {
      const n = acc[0];
      if (n <= 0 || (sample && n === 1)) return null;
      return finish(variance(n, acc[1], acc[2]));
    },
  };
}
