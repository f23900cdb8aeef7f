// LISTAGG(x [, separator]): the non-NULL strings joined by the separator (',' by default; a column
// separator is taken from each row, as Flink's ListAggWsFunction does). NULL over no values.
import type { AggregateHandle } from '../aggregate-function.ts';

const DEFAULT_SEPARATOR = ',';

/** `constantSeparator` is the literal separator, if the call has one. */
export function listaggAggregate(constantSeparator: string | undefined): AggregateHandle<string | null> {
  const sep = separatorOf(constantSeparator);
  return {
    createAccumulator: () => null,
    accumulate: (acc, args) => {
      const v = args[0] as string | null;
      return v === null ? acc : acc === null ? v : acc + sep(args) + v;
    },
    retract: () => {
      throw new Error('LISTAGG was built for an insert-only input but received a retraction');
    },
    merge: (acc, other) => (other === null ? acc : acc === null ? other : acc + (constantSeparator ?? DEFAULT_SEPARATOR) + other),
    getValue: (acc) => acc,
  };
}

/** [live values in arrival order, separator of the latest row] */
type RetractAcc = [string[], string];

export function listaggWithRetractAggregate(constantSeparator: string | undefined): AggregateHandle<RetractAcc> {
  const sep = separatorOf(constantSeparator);
  return {
    createAccumulator: () => [[], constantSeparator ?? DEFAULT_SEPARATOR],
    accumulate(acc, args) {
      const v = args[0] as string | null;
      if (v === null) return acc;
      acc[0].push(v);
      acc[1] = sep(args);
      return acc;
    },
    retract(acc, args) {
      const v = args[0] as string | null;
      if (v === null) return acc;
      const i = acc[0].indexOf(v);
      if (i >= 0) acc[0].splice(i, 1);
      return acc;
    },
    merge(acc, other) {
      for (const v of other[0]) acc[0].push(v);
      return acc;
    },
    getValue: (acc) => (acc[0].length === 0 ? null : acc[0].join(acc[1])),
  };
}

function separatorOf(constant: string | undefined): (args: readonly unknown[]) => string {
  if (constant !== undefined) return () => constant;
  return (args) => (args.length > 1 && typeof args[1] === 'string' ? args[1] : DEFAULT_SEPARATOR);
}
