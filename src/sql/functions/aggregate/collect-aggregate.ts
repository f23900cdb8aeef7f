// COLLECT(x): the MULTISET of the non-NULL values (a Map from value to its count).
import type { AggregateHandle } from '../aggregate-function.ts';
import { keyValue, valueKey, type ValueKey } from './value-key.ts';

type CollectAcc = Map<ValueKey, number>;

export function collectAggregate(): AggregateHandle<CollectAcc> {
  const add = (acc: CollectAcc, k: ValueKey, d: number) => {
    const n = (acc.get(k) ?? 0) + d;
    if (n === 0) acc.delete(k);
    else acc.set(k, n);
  };
  return {
    createAccumulator: () => new Map(),
    accumulate(acc, args) {
      if (args[0] !== null) add(acc, valueKey(args[0]), 1);
      return acc;
    },
    retract(acc, args) {
      if (args[0] !== null) add(acc, valueKey(args[0]), -1);
      return acc;
    },
    merge(acc, other) {
      for (const [k, n] of other) add(acc, k, n);
      return acc;
    },
    getValue(acc) {
      const out = new Map<unknown, number>();
      for (const [k, n] of acc) if (n > 0) out.set(keyValue(k), n);
      return out;
    },
  };
}
