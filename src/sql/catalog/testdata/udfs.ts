// User-defined functions that the catalog and SQL client tests load with CREATE FUNCTION.
import { aggregateFunction, scalarFunction, tableFunction } from '../../functions/user-function.ts';

export const shout = scalarFunction('STRING', (s: string | null) => (s === null ? null : `${s.toUpperCase()}!`));

export const splitWords = tableFunction('ROW<word STRING, len INT>', function* (s: string | null) {
  if (s === null) return;
  for (const w of s.split(' ')) yield [w, w.length];
});

/** Sum of squares, retractable. */
export const sumSquares = aggregateFunction<{ sum: number }>('BIGINT', {
  createAccumulator: () => ({ sum: 0 }),
  accumulate: (acc, v: number | null) => { if (v !== null) acc.sum += v * v; },
  retract: (acc, v: number | null) => { if (v !== null) acc.sum -= v * v; },
  getValue: (acc) => acc.sum,
});

/** A class-style scalar function (Flink users write classes with eval). */
export class Twice {
  static returns = 'INT';
  eval(x: number | null): number | null {
    return x === null ? null : x * 2;
  }
}

export const notAFunction = { hello: 'world' };

export const badType = scalarFunction('STRIN', (s: string) => s);

/** Fails on 3: a job that fails at run time. */
export const boom = scalarFunction('BIGINT', (x: number | null) => {
  if (x === 3) throw new Error('boom at 3');
  return x;
});
