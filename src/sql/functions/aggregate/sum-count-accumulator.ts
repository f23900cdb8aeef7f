// The running sum plus count of non-NULL values that SUM, SUM0 and AVG keep: accumulate, retract and
// merge are the same for all three; only the arithmetic and the final value differ.
import type { AggregateHandle } from '../aggregate-function.ts';
import type { Arith } from './numeric-arithmetic.ts';

/** [sum, count of non-NULL values] */
export type SumCountAcc = [any, number];

/** A handle over [sum, count] that skips NULL arguments; `getValue` sees the count (0 when every value was retracted). */
export function sumCountHandle(zero: unknown, add: Arith, sub: Arith, getValue: (acc: SumCountAcc) => unknown): AggregateHandle<SumCountAcc> {
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
    getValue,
  };
}
