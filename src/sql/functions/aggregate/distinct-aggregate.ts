// DISTINCT for any aggregate: counts each distinct argument tuple and passes a value to the inner
// aggregate only when its count turns positive (accumulate) or drops to zero (retract), so that
// COUNT(DISTINCT x) and friends stay right under retraction. Rows with a NULL argument are skipped.
import type { AggregateHandle } from '../aggregate-function.ts';
import { keyValue, valueKey, type ValueKey } from './value-key.ts';

/** [distinct key -> count, inner accumulator] */
type DistinctAcc = [Map<ValueKey, number>, unknown];

/** `distinctArgs` is how many leading arguments make the distinct value (the rest, e.g. LISTAGG's separator, follow along). */
export function distinctAggregate(inner: AggregateHandle, distinctArgs: number): AggregateHandle<DistinctAcc> {
  const single = distinctArgs === 1;
  const keyOf = (args: readonly unknown[]): ValueKey | undefined => {
    if (single) return args[0] === null ? undefined : valueKey(args[0]);
    for (let i = 0; i < distinctArgs; i++) if (args[i] === null) return undefined;
    return valueKey(args.length === distinctArgs ? [...args] : args.slice(0, distinctArgs));
  };
  const argsOf = (k: ValueKey, tail: readonly unknown[]): unknown[] =>
    (single ? [keyValue(k)] : (keyValue(k) as unknown[])).concat(tail);
  return {
    createAccumulator: () => [new Map(), inner.createAccumulator()],
    accumulate(acc, args) {
      const k = keyOf(args);
      if (k === undefined) return acc;
      const n = (acc[0].get(k) ?? 0) + 1;
      if (n === 0) acc[0].delete(k);
      else acc[0].set(k, n);
      if (n === 1) acc[1] = inner.accumulate(acc[1], args);
      return acc;
    },
    retract(acc, args) {
      const k = keyOf(args);
      if (k === undefined) return acc;
      const n = (acc[0].get(k) ?? 0) - 1;
      if (n === 0) acc[0].delete(k);
      else acc[0].set(k, n);
      if (n === 0) acc[1] = inner.retract(acc[1], args);
      return acc;
    },
    merge(acc, other) {
      for (const [k, m] of other[0]) {
        const before = acc[0].get(k) ?? 0;
        const n = before + m;
        if (n === 0) acc[0].delete(k);
        else acc[0].set(k, n);
        if (before <= 0 && n > 0) acc[1] = inner.accumulate(acc[1], argsOf(k, []));
        else if (before > 0 && n <= 0) acc[1] = inner.retract(acc[1], argsOf(k, []));
      }
      return acc;
    },
    getValue: (acc) => inner.getValue(acc[1]),
  };
}
