// COUNT(*) counts rows; COUNT(x, ...) counts rows whose arguments are all non-NULL.
import type { AggregateHandle } from '../aggregate-function.ts';

export function countAggregate(argCount: number): AggregateHandle<number> {
  if (argCount === 0) {
    return {
      createAccumulator: () => 0,
      accumulate: (acc) => acc + 1,
      retract: (acc) => acc - 1,
      merge: (acc, other) => acc + other,
      getValue: (acc) => acc,
    };
  }
  const counts = argCount === 1
    ? (args: readonly unknown[]) => args[0] !== null
    : (args: readonly unknown[]) => args.every((a) => a !== null);
  return {
    createAccumulator: () => 0,
    accumulate: (acc, args) => (counts(args) ? acc + 1 : acc),
    retract: (acc, args) => (counts(args) ? acc - 1 : acc),
    merge: (acc, other) => acc + other,
    getValue: (acc) => acc,
  };
}
