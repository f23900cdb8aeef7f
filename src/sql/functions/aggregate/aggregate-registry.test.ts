import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Types, type LogicalType } from '../../../core/types/logical-type.ts';
import { decodeValue, encodeValue } from '../../../core/codec.ts';
import type { AggregateCall } from '../aggregate-function.ts';
import { aggregateFunction } from '../user-function.ts';
import { createAggregateHandle, inferAggregateType, isAggregateFunction } from './aggregate-registry.ts';

function aggCall(name: string, argTypes: LogicalType[], extra: Partial<AggregateCall> = {}): AggregateCall {
  const distinct = extra.distinct ?? false;
  return {
    name, args: argTypes.map((_, i) => i), argTypes, distinct, alias: 'a',
    type: extra.type ?? inferAggregateType(name, argTypes, distinct), ...extra,
  };
}

type Step = ['+' | '-', ...unknown[]];

/**
 * Applies the steps and returns the value after each. Every step's accumulator goes through the
 * snapshot codec first, so the accumulators are checked to survive a checkpoint as well.
 */
function run(call: AggregateCall, steps: Step[], retraction = true): unknown[] {
  const h = createAggregateHandle(call, undefined, { retraction });
  let acc = h.createAccumulator();
  const out: unknown[] = [];
  for (const [op, ...args] of steps) {
    acc = decodeValue(encodeValue(acc));
    acc = op === '+' ? h.accumulate(acc, args) : h.retract(acc, args);
    out.push(h.getValue(acc));
  }
  return out;
}

describe('aggregate types', () => {
  it('follows Flink result types', () => {
    assert.deepEqual(inferAggregateType('COUNT', [], false), Types.BIGINT(false));
    assert.deepEqual(inferAggregateType('count', [Types.STRING()], true), Types.BIGINT(false));
    assert.deepEqual(inferAggregateType('SUM', [Types.INT(false)], false), Types.INT());
    assert.deepEqual(inferAggregateType('SUM', [Types.BIGINT()], false), Types.BIGINT());
    assert.deepEqual(inferAggregateType('SUM', [Types.DECIMAL(10, 2)], false), Types.DECIMAL(38, 2));
    assert.deepEqual(inferAggregateType('AVG', [Types.INT(false)], false), Types.INT());
    assert.deepEqual(inferAggregateType('AVG', [Types.DECIMAL(10, 2)], false), Types.DECIMAL(38, 6));
    assert.deepEqual(inferAggregateType('AVG', [Types.DECIMAL(20, 8)], false), Types.DECIMAL(38, 8));
    assert.deepEqual(inferAggregateType('STDDEV_POP', [Types.DOUBLE()], false), Types.DOUBLE());
    assert.deepEqual(inferAggregateType('MAX', [Types.STRING(false)], false), Types.STRING());
    assert.deepEqual(inferAggregateType('MIN', [{ ...Types.TIMESTAMP(3, false), timeAttribute: 'ROWTIME' }], false), Types.TIMESTAMP(3));
    assert.deepEqual(inferAggregateType('FIRST_VALUE', [Types.INT(false)], false), Types.INT());
    assert.deepEqual(inferAggregateType('LISTAGG', [Types.VARCHAR(10), Types.CHAR(1)], false), Types.STRING());
    assert.deepEqual(inferAggregateType('JSON_ARRAYAGG', [Types.INT()], false), Types.STRING(false));
    assert.deepEqual(inferAggregateType('COLLECT', [Types.INT()], false), Types.MULTISET(Types.INT(), false));
    assert.equal(isAggregateFunction('listagg'), true);
    assert.equal(isAggregateFunction('UPPER'), false);
  });

  it('rejects wrong argument types and counts with Calcite wording', () => {
    assert.throws(() => inferAggregateType('SUM', [Types.STRING()], false, { line: 1, column: 8 }), {
      message: "SQL validation failed. At line 1, column 8: Cannot apply 'SUM' to arguments of type 'SUM(<VARCHAR(2147483647)>)'. Supported form(s): 'SUM(<NUMERIC>)'",
    });
    assert.throws(() => inferAggregateType('AVG', [Types.BOOLEAN()], false), /Cannot apply 'AVG' to arguments of type 'AVG\(<BOOLEAN>\)'/);
    assert.throws(() => inferAggregateType('MAX', [Types.ARRAY(Types.INT())], false), /Cannot apply 'MAX' to arguments of type 'MAX\(<INTEGER ARRAY>\)'/);
    assert.throws(() => inferAggregateType('SUM', [Types.INT(), Types.INT()], false), /Invalid number of arguments to function 'SUM'. Was expecting 1 arguments/);
  });
});

describe('COUNT', () => {
  it('COUNT(*) counts rows, COUNT(x) skips NULL', () => {
    assert.deepEqual(run(aggCall('COUNT', []), [['+'], ['+'], ['-']]), [1, 2, 1]);
    assert.deepEqual(run(aggCall('COUNT', [Types.INT()]), [['+', 1], ['+', null], ['+', 3], ['-', null], ['-', 1]]), [1, 1, 2, 2, 1]);
  });

  it('COUNT(DISTINCT x) counts each value once, retracting only when the last copy goes', () => {
    const c = aggCall('COUNT', [Types.STRING()], { distinct: true });
    assert.deepEqual(run(c, [['+', 'a'], ['+', 'a'], ['+', 'b'], ['+', null], ['-', 'a'], ['-', 'a'], ['-', 'b']]), [1, 1, 2, 2, 2, 1, 0]);
  });

  it('COUNT(DISTINCT a, b) counts distinct non-NULL pairs', () => {
    const c = aggCall('COUNT', [Types.INT(), Types.INT()], { distinct: true });
    assert.deepEqual(run(c, [['+', 1, 2], ['+', 1, 2], ['+', 1, 3], ['+', 1, null], ['-', 1, 2]]), [1, 1, 2, 2, 2]);
  });
});

describe('SUM, SUM0 and AVG', () => {
  it('SUM of only NULLs is NULL; retracting every value gives NULL again', () => {
    const c = aggCall('SUM', [Types.INT()]);
    assert.deepEqual(run(c, [['+', null], ['+', 5], ['+', -2], ['-', 5], ['-', -2]]), [null, 5, 3, -2, null]);
  });

  it('SUM(INT) wraps like Java int', () => {
    assert.deepEqual(run(aggCall('SUM', [Types.INT()]), [['+', 2147483647], ['+', 1]]), [2147483647, -2147483648]);
  });

  it('SUM(BIGINT) is exact beyond 2^53 and wraps at 64 bits', () => {
    const c = aggCall('SUM', [Types.BIGINT()]);
    const max = 9223372036854775807n;
    // 2^53 - 1 + 2 = 2^53 + 1, which a double cannot hold
    assert.deepEqual(run(c, [['+', 9007199254740991], ['+', 2], ['-', 2]]), [9007199254740991, 9007199254740993n, 9007199254740991]);
    assert.deepEqual(run(c, [['+', max], ['+', 1], ['-', 1]]), [max, -max - 1n, max]);
  });

  it('SUM(DECIMAL(10, 2)) adds unscaled values exactly', () => {
    const c = aggCall('SUM', [Types.DECIMAL(10, 2)]);
    assert.deepEqual(run(c, [['+', 10n], ['+', 20n], ['+', 99999999999n]]), [10n, 30n, 100000000029n]);
  });

  it('SUM0 gives 0 over no values', () => {
    assert.deepEqual(run(aggCall('SUM0', [Types.BIGINT()]), [['+', null], ['+', 4], ['-', 4]]), [0, 4, 0]);
  });

  it('AVG of integers is an integer (truncated toward zero), NULL over no values', () => {
    const c = aggCall('AVG', [Types.INT()]);
    // 1 | 3/2 -> 1 | 7/3 -> 2 | -7/4 -> -1 | -8/3 -> -2 | -10/2 -> -5 | -14/1 | no values -> NULL
    assert.deepEqual(run(c, [['+', 1], ['+', 2], ['+', 4], ['+', -14], ['-', 1], ['-', 2], ['-', 4], ['-', -14]]), [1, 1, 2, -1, -2, -5, -14, null]);
  });

  it('AVG(INT) sums in BIGINT, so the sum does not overflow', () => {
    assert.deepEqual(run(aggCall('AVG', [Types.INT()]), [['+', 2147483647], ['+', 2147483647]]), [2147483647, 2147483647]);
  });

  it('AVG(DECIMAL(10, 2)) is DECIMAL(38, 6) rounded half up', () => {
    const c = aggCall('AVG', [Types.DECIMAL(10, 2)]);
    // 1.00, 2.00, 2.00 -> 5/3 = 1.666667; -> 1.50
    assert.deepEqual(run(c, [['+', 100n], ['+', 200n], ['+', 200n], ['-', 200n]]), [1000000n, 1500000n, 1666667n, 1500000n]);
  });

  it('AVG(DOUBLE) divides in floating point', () => {
    assert.deepEqual(run(aggCall('AVG', [Types.DOUBLE()]), [['+', 1], ['+', 2]]), [1, 1.5]);
  });
});

describe('MIN and MAX', () => {
  it('MAX finds the next largest after the current maximum is retracted', () => {
    const c = aggCall('MAX', [Types.INT()]);
    assert.deepEqual(run(c, [['+', 3], ['+', 7], ['+', 7], ['+', 5], ['-', 7], ['-', 7], ['-', 3], ['-', 5]]), [3, 7, 7, 7, 7, 5, 5, null]);
  });

  it('MIN under a retraction that runs ahead of its accumulate', () => {
    const c = aggCall('MIN', [Types.INT()]);
    assert.deepEqual(run(c, [['+', 4], ['-', 2], ['+', 2], ['+', 3], ['-', 3], ['-', 4]]), [4, 4, 4, 3, 4, null]);
  });

  it('compares BIGINT numbers and bigints, strings by code point, bytes unsigned', () => {
    assert.deepEqual(run(aggCall('MAX', [Types.BIGINT()]), [['+', 5], ['+', 9007199254740993n], ['+', 7]]), [5, 9007199254740993n, 9007199254740993n]);
    assert.deepEqual(run(aggCall('MIN', [Types.STRING()]), [['+', 'b'], ['+', '\u{1F600}'], ['+', '\uFF01']]), ['b', 'b', 'b']);
    assert.deepEqual(run(aggCall('MAX', [Types.STRING()]), [['+', '\uFF01'], ['+', '\u{1F600}']]), ['\uFF01', '\u{1F600}']);
    const bytes = (...b: number[]) => Uint8Array.from(b);
    assert.deepEqual(run(aggCall('MAX', [Types.BYTES()]), [['+', bytes(1, 2)], ['+', bytes(200)], ['-', bytes(200)]]), [bytes(1, 2), bytes(200), bytes(1, 2)]);
  });

  it('the insert-only variant keeps only the extreme', () => {
    assert.deepEqual(run(aggCall('MAX', [Types.DOUBLE()]), [['+', 1.5], ['+', null], ['+', 0.5], ['+', 2]], false), [1.5, 1.5, 1.5, 2]);
    assert.throws(() => run(aggCall('MAX', [Types.DOUBLE()]), [['+', 1], ['-', 1]], false), /insert-only/);
  });
});

describe('FIRST_VALUE and LAST_VALUE', () => {
  it('FIRST_VALUE moves to the next value when the first is retracted; NULLs are ignored', () => {
    const c = aggCall('FIRST_VALUE', [Types.STRING()]);
    assert.deepEqual(run(c, [['+', null], ['+', 'a'], ['+', 'b'], ['+', 'c'], ['-', 'a'], ['-', 'c'], ['-', 'b']]), [null, 'a', 'a', 'a', 'b', 'b', null]);
  });

  it('LAST_VALUE moves back when the last is retracted', () => {
    const c = aggCall('LAST_VALUE', [Types.INT()]);
    assert.deepEqual(run(c, [['+', 1], ['+', 2], ['+', 3], ['-', 3], ['+', null], ['-', 1], ['-', 2]]), [1, 2, 3, 2, 2, 2, null]);
  });

  it('a retraction removes the earliest equal value (as Flink)', () => {
    const c = aggCall('LAST_VALUE', [Types.INT()]);
    // [1, 2, 1] - 1 -> [2, 1]: still 1
    assert.deepEqual(run(c, [['+', 1], ['+', 2], ['+', 1], ['-', 1]]), [1, 2, 1, 1]);
  });

  it('insert-only variants', () => {
    assert.deepEqual(run(aggCall('FIRST_VALUE', [Types.INT()]), [['+', null], ['+', 1], ['+', 2]], false), [null, 1, 1]);
    assert.deepEqual(run(aggCall('LAST_VALUE', [Types.INT()]), [['+', 1], ['+', null], ['+', 2]], false), [1, 1, 2]);
  });
});

describe('LISTAGG, JSON_ARRAYAGG, COLLECT, BOOL_AND/OR', () => {
  it('LISTAGG joins with "," by default or the given separator, under retraction', () => {
    assert.deepEqual(run(aggCall('LISTAGG', [Types.STRING()]), [['+', 'a'], ['+', null], ['+', 'b'], ['-', 'a'], ['-', 'b']]), ['a', 'a', 'a,b', 'b', null]);
    const sep = aggCall('LISTAGG', [Types.STRING(), Types.STRING()], { constants: [undefined, '|'] });
    assert.deepEqual(run(sep, [['+', 'a', '|'], ['+', 'b', '|']]), ['a', 'a|b']);
    assert.deepEqual(run(sep, [['+', 'a', '|'], ['+', 'b', '|']], false), ['a', 'a|b']);
  });

  it('LISTAGG(DISTINCT x) lists each value once', () => {
    const c = aggCall('LISTAGG', [Types.STRING()], { distinct: true });
    assert.deepEqual(run(c, [['+', 'a'], ['+', 'a'], ['+', 'b'], ['-', 'a'], ['-', 'a']]), ['a', 'a', 'a,b', 'a,b', 'b']);
  });

  it('JSON_ARRAYAGG renders values as JSON, absent on NULL', () => {
    assert.deepEqual(run(aggCall('JSON_ARRAYAGG', [Types.STRING()]), [['+', 'a"b'], ['+', null], ['+', 'c'], ['-', 'a"b']]), ['["a\\"b"]', '["a\\"b"]', '["a\\"b","c"]', '["c"]']);
    assert.deepEqual(run(aggCall('JSON_ARRAYAGG', [Types.DECIMAL(5, 2)]), [['+', -5n], ['+', 12345n]]), ['[-0.05]', '[-0.05,123.45]']);
    assert.equal(createAggregateHandle(aggCall('JSON_ARRAYAGG', [Types.INT()])).getValue([]), '[]');
  });

  it('COLLECT gives a multiset with counts', () => {
    const out = run(aggCall('COLLECT', [Types.STRING()]), [['+', 'a'], ['+', 'a'], ['+', 'b'], ['-', 'a'], ['-', 'b']]);
    assert.deepEqual(out.at(-1), new Map([['a', 1]]));
    assert.deepEqual(out[2], new Map([['a', 2], ['b', 1]]));
  });

  it('BOOL_AND and BOOL_OR', () => {
    assert.deepEqual(run(aggCall('BOOL_AND', [Types.BOOLEAN()]), [['+', true], ['+', false], ['-', false], ['-', true]]), [true, false, true, null]);
    assert.deepEqual(run(aggCall('BOOL_OR', [Types.BOOLEAN()]), [['+', false], ['+', true], ['-', true]]), [false, true, false]);
  });
});

describe('variance and standard deviation', () => {
  it('VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP of DOUBLE', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum 32
    const xs: Step[] = [2, 4, 4, 4, 5, 5, 7, 9].map((x) => ['+', x]);
    assert.equal(run(aggCall('VAR_POP', [Types.DOUBLE()]), xs).at(-1), 4);
    assert.equal(run(aggCall('STDDEV_POP', [Types.DOUBLE()]), xs).at(-1), 2);
    assert.equal(run(aggCall('VAR_SAMP', [Types.DOUBLE()]), xs).at(-1), 32 / 7);
    assert.equal(run(aggCall('STDDEV_SAMP', [Types.DOUBLE()]), xs).at(-1), Math.sqrt(32 / 7));
  });

  it('VAR_SAMP of one value is NULL; retraction is exact for integers', () => {
    const c = aggCall('VAR_SAMP', [Types.BIGINT()]);
    // 1 -> NULL; 1,3 -> 2; 1,3,1e9: (3(1e18+10) - (1e9+4)^2) / 6 = (2e18 - 8e9 + 14) / 6 = 333333332000000002.3
    // (a BIGINT beyond 2^53, so a bigint, computed in double: within a few ulps); retracting 1e9 gives
    // exactly 2 again; retracting 1 leaves one value -> NULL
    const out = run(c, [['+', 1], ['+', 3], ['+', 1e9], ['-', 1e9], ['-', 1]]);
    assert.deepEqual([out[0], out[1], out[3], out[4]], [null, 2, 2, null]);
    const big = out[2] as bigint;
    assert.ok(big - 333333332000000002n < 256n && 333333332000000002n - big < 256n, String(big));
  });

  it('STDDEV_POP of INT is an INT (truncated), of DECIMAL a DECIMAL(38, 6)', () => {
    // 1, 2: variance 0.25, stddev 0.5
    assert.deepEqual(run(aggCall('STDDEV_POP', [Types.INT()]), [['+', 1], ['+', 2]]), [0, 0]);
    assert.deepEqual(run(aggCall('STDDEV_POP', [Types.DECIMAL(5, 1)]), [['+', 10n], ['+', 20n]]), [0n, 500000n]);
  });
});

describe('user-defined aggregates', () => {
  it('adapts accumulate that mutates and returns nothing, retract and merge', () => {
    const weightedSum = aggregateFunction<{ s: number }>('BIGINT', {
      createAccumulator: () => ({ s: 0 }),
      accumulate: (acc, v: number, w: number) => { acc.s += v * w; },
      retract: (acc, v: number, w: number) => { acc.s -= v * w; },
      merge: (acc, other) => ({ s: acc.s + other.s }),
      getValue: (acc) => acc.s,
    });
    const c = aggCall('WSUM', [Types.INT(), Types.INT()], { type: Types.BIGINT() });
    const h = createAggregateHandle(c, weightedSum);
    let acc = h.createAccumulator();
    acc = h.accumulate(acc, [2, 3]);
    acc = h.accumulate(acc, [1, 4]);
    acc = h.retract(acc, [2, 3]);
    assert.equal(h.getValue(acc), 4);
    assert.equal(h.getValue(h.merge(acc, h.accumulate(h.createAccumulator(), [5, 1]))), 9);
  });

  it('a UDAF without retract fails on a retraction with its name', () => {
    const noRetract = aggregateFunction<number[]>('INT', { createAccumulator: () => [0], accumulate: (acc, v: number) => { acc[0]! += v; }, getValue: (a) => a[0] });
    const h = createAggregateHandle(aggCall('MYAGG', [Types.INT()], { type: Types.INT() }), noRetract);
    assert.throws(() => h.retract(h.createAccumulator(), [1]), /'MYAGG' received a retraction/);
  });
});

describe('merge', () => {
  it('every built-in merges to the same value as accumulating everything into one', () => {
    const cases: [AggregateCall, unknown[][]][] = [
      [aggCall('COUNT', []), [[], [], []]],
      [aggCall('SUM', [Types.BIGINT()]), [[1], [9007199254740991], [null]]],
      [aggCall('AVG', [Types.DECIMAL(5, 2)]), [[100n], [250n], [null]]],
      [aggCall('MIN', [Types.STRING()]), [['b'], ['a'], ['c']]],
      [aggCall('MAX', [Types.INT()]), [[3], [9], [1]]],
      [aggCall('FIRST_VALUE', [Types.INT()]), [[3], [9], [1]]],
      [aggCall('LAST_VALUE', [Types.INT()]), [[3], [9], [1]]],
      [aggCall('LISTAGG', [Types.STRING()]), [['x'], ['y'], ['z']]],
      [aggCall('VAR_POP', [Types.INT()]), [[1], [5], [9]]],
      [aggCall('COUNT', [Types.INT()], { distinct: true }), [[1], [1], [2]]],
      [aggCall('JSON_ARRAYAGG', [Types.INT()]), [[1], [2], [3]]],
      [aggCall('BOOL_OR', [Types.BOOLEAN()]), [[false], [true], [false]]],
    ];
    for (const [c, rows] of cases) {
      for (const retraction of [true, false]) {
        const h = createAggregateHandle(c, undefined, { retraction });
        let all = h.createAccumulator();
        for (const r of rows) all = h.accumulate(all, r);
        let left = h.accumulate(h.createAccumulator(), rows[0]!);
        let right = h.createAccumulator();
        for (const r of rows.slice(1)) right = h.accumulate(right, r);
        left = h.merge(left, right);
        assert.deepEqual(h.getValue(left), h.getValue(all), `${c.name} retraction=${retraction}`);
      }
    }
  });
});
