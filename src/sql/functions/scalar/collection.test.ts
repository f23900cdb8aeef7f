import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatType, Types } from '../../../core/types/logical-type.ts';
import { col, dbl, evaluate, fn, int, str } from '../../expr/expr-test-kit.ts';

test('ARRAY, MAP and ROW constructors', () => {
  const a = fn('ARRAY', int(1), dbl(2.5));
  assert.equal(formatType(a.type), 'ARRAY<DOUBLE NOT NULL> NOT NULL');
  assert.deepEqual(evaluate(a), [1, 2.5]);
  const m = fn('MAP', str('a'), int(1), str('b'), int(2));
  assert.deepEqual(evaluate(m), new Map([['a', 1], ['b', 2]]));
  const r = fn('ROW', int(1), str('x'));
  assert.equal(formatType(r.type), 'ROW<`EXPR$0` INT NOT NULL, `EXPR$1` STRING NOT NULL> NOT NULL');
  assert.deepEqual(evaluate(r), [1, 'x']);
});

test('ITEM: arrays are 1-based, out of range and missing keys are NULL', () => {
  const arr = col(0, Types.ARRAY(Types.STRING()));
  assert.equal(evaluate(fn('ITEM', arr, int(1)), [['a', 'b']]), 'a');
  assert.equal(evaluate(fn('ITEM', arr, int(3)), [['a', 'b']]), null);
  assert.equal(evaluate(fn('ITEM', arr, int(0)), [['a', 'b']]), null);
  assert.equal(evaluate(fn('ITEM', arr, int(1)), [null]), null);
  const map = col(0, Types.MAP(Types.STRING(), Types.INT()));
  assert.equal(evaluate(fn('ITEM', map, str('k')), [new Map([['k', 7]])]), 7);
  assert.equal(evaluate(fn('ITEM', map, str('x')), [new Map([['k', 7]])]), null);
  assert.throws(() => fn('ITEM', int(1), int(1)), /Cannot apply 'ITEM'/);
});

test('CARDINALITY and ELEMENT', () => {
  assert.equal(evaluate(fn('CARDINALITY', col(0, Types.ARRAY(Types.INT()))), [[1, 2, 3]]), 3);
  assert.equal(evaluate(fn('CARDINALITY', col(0, Types.MAP(Types.INT(), Types.INT()))), [new Map([[1, 1]])]), 1);
  assert.equal(evaluate(fn('ELEMENT', col(0, Types.ARRAY(Types.INT()))), [[5]]), 5);
  assert.equal(evaluate(fn('ELEMENT', col(0, Types.ARRAY(Types.INT()))), [[]]), null);
  assert.throws(() => evaluate(fn('ELEMENT', col(0, Types.ARRAY(Types.INT()))), [[1, 2]]), /more than one/);
});

test('ARRAY_CONTAINS, MAP_KEYS, MAP_VALUES', () => {
  const arr = col(0, Types.ARRAY(Types.INT()));
  assert.equal(evaluate(fn('ARRAY_CONTAINS', arr, int(2)), [[1, 2]]), true);
  assert.equal(evaluate(fn('ARRAY_CONTAINS', arr, int(3)), [[1, null]]), false);
  assert.equal(evaluate(fn('ARRAY_CONTAINS', arr, int(3)), [null]), null);
  const map = col(0, Types.MAP(Types.STRING(), Types.INT()));
  assert.deepEqual(evaluate(fn('MAP_KEYS', map), [new Map([['a', 1], ['b', 2]])]), ['a', 'b']);
  assert.deepEqual(evaluate(fn('MAP_VALUES', map), [new Map([['a', 1], ['b', 2]])]), [1, 2]);
});

test('ARRAY_JOIN skips NULL elements unless a replacement is given', () => {
  const arr = col(0, Types.ARRAY(Types.STRING()));
  assert.equal(evaluate(fn('ARRAY_JOIN', arr, str(',')), [['a', null, 'b']]), 'a,b');
  assert.equal(evaluate(fn('ARRAY_JOIN', arr, str(','), str('?')), [['a', null, 'b']]), 'a,?,b');
  assert.equal(evaluate(fn('ARRAY_JOIN', arr, str(',')), [null]), null);
});
