// MIN and MAX. Over an insert-only input the accumulator is just the current extreme; under
// retraction it also counts every live value, so that retracting the current extreme finds the
// next one (Flink's MaxWithRetractAggFunction).
import type { AggregateHandle } from '../aggregate-function.ts';
import { keyValue, valueKey, type ValueKey } from './value-key.ts';
import type { Compare } from './value-order.ts';

/** [current extreme or null, live value key -> count (negative while retractions run ahead)] */
type RetractAcc = [unknown, Map<ValueKey, number>];

/** `sign` is 1 for MAX and -1 for MIN. */
export function minMaxAggregate(compare: Compare, sign: 1 | -1): AggregateHandle<unknown> {
  return {
    createAccumulator: () => null,
    accumulate: (acc, args) => {
      const v = args[0];
      return v !== null && (acc === null || compare(v, acc) * sign > 0) ? v : acc;
    },
    retract: () => {
      throw new Error(`${sign > 0 ? 'MAX' : 'MIN'} was built for an insert-only input but received a retraction`);
    },
    merge: (acc, other) => (other !== null && (acc === null || compare(other, acc) * sign > 0) ? other : acc),
    getValue: (acc) => acc,
  };
}

export function minMaxWithRetractAggregate(compare: Compare, sign: 1 | -1): AggregateHandle<RetractAcc> {
  const better = (a: unknown, b: unknown) => b === null || compare(a, b) * sign > 0;
  const recompute = (acc: RetractAcc) => {
    let best: unknown = null;
    for (const [k, n] of acc[1]) {
      if (n <= 0) continue;
      const v = keyValue(k);
      if (better(v, best)) best = v;
    }
    acc[0] = best;
  };
  return {
    createAccumulator: () => [null, new Map()],
    accumulate(acc, args) {
      const v = args[0];
      if (v === null) return acc;
      const k = valueKey(v);
      const n = (acc[1].get(k) ?? 0) + 1;
      if (n === 0) acc[1].delete(k);
      else acc[1].set(k, n);
      if (n > 0 && better(v, acc[0])) acc[0] = v;
      return acc;
    },
    retract(acc, args) {
      const v = args[0];
      if (v === null) return acc;
      const k = valueKey(v);
      const n = (acc[1].get(k) ?? 0) - 1;
      if (n === 0) acc[1].delete(k);
      else acc[1].set(k, n);
      if (n <= 0 && acc[0] !== null && compare(v, acc[0]) === 0) recompute(acc);
      return acc;
    },
    merge(acc, other) {
      for (const [k, m] of other[1]) {
        const n = (acc[1].get(k) ?? 0) + m;
        if (n === 0) acc[1].delete(k);
        else acc[1].set(k, n);
      }
      recompute(acc);
      return acc;
    },
    getValue: (acc) => acc[0],
  };
}
