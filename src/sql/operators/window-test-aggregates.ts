// Test-only: small COUNT, SUM and MAX handles and calls for the window, rank and dedup operator
// tests (the real aggregate functions live in sql/functions/aggregate/).
import { Types } from '../../core/types/logical-type.ts';
import type { AggregateCall, AggregateHandle } from '../functions/aggregate-function.ts';

export const countHandle: AggregateHandle<number> = {
  createAccumulator: () => 0,
  accumulate: (acc, args) => (args.length === 0 || args[0] !== null ? acc + 1 : acc),
  retract: (acc, args) => (args.length === 0 || args[0] !== null ? acc - 1 : acc),
  merge: (a, b) => a + b,
  getValue: (acc) => acc,
};

export const sumHandle: AggregateHandle<[sum: number, n: number]> = {
  createAccumulator: () => [0, 0],
  accumulate: (acc, args) => { if (args[0] !== null) { acc[0] += args[0] as number; acc[1]++; } return acc; },
  retract: (acc, args) => { if (args[0] !== null) { acc[0] -= args[0] as number; acc[1]--; } return acc; },
  merge: (a, b) => { a[0] += b[0]; a[1] += b[1]; return a; },
  getValue: (acc) => (acc[1] === 0 ? null : acc[0]),
};

/** MAX over an insert-only input (retract is not needed by these tests). */
export const maxHandle: AggregateHandle<number | null> = {
  createAccumulator: () => null,
  accumulate: (acc, args) => {
    const v = args[0] as number | null;
    return v === null ? acc : acc === null || v > acc ? v : acc;
  },
  retract: () => { throw new Error('MAX test handle: no retraction'); },
  merge: (a, b) => (a === null ? b : b === null ? a : Math.max(a, b)),
  getValue: (acc) => acc,
};

export function call(name: string, args: number[], extra: Partial<AggregateCall> = {}): AggregateCall {
  return { name, args, argTypes: args.map(() => Types.BIGINT()), distinct: false, type: Types.BIGINT(), alias: name.toLowerCase(), ...extra };
}
