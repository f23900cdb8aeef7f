import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Types } from '../../core/types/logical-type.ts';
import { displayWidth, formatTableau, rowCells, TableauStyle } from './tableau.ts';

test('streaming layout: widths from the types (STRING 30, BIGINT 20, INT 11) and an op column, as in Flink docs', () => {
  // Flink's documented example: SELECT name, COUNT(*) AS cnt ... GROUP BY name
  const style = TableauStyle.byType({ names: ['name', 'cnt'], types: [Types.STRING(), Types.BIGINT(false)] }, 30, true);
  assert.equal(style.borderLine(), '+----+--------------------------------+----------------------+');
  assert.equal(style.header(), '| op |                           name |                  cnt |');
  assert.equal(style.row(['+I', 'Bob', '1']), '| +I |                            Bob |                    1 |');
  assert.equal(style.row(['-U', 'Bob', '1']), '| -U |                            Bob |                    1 |');
});

test('type widths: DATE 10, TIMESTAMP(3) 23, BOOLEAN 5 (6 when nullable, for <NULL>), DECIMAL(p) p+2', () => {
  const style = TableauStyle.byType({
    names: ['d', 'ts', 'b', 'bn', 'x'],
    types: [Types.DATE(false), Types.TIMESTAMP(3, false), Types.BOOLEAN(false), Types.BOOLEAN(), Types.DECIMAL(5, 2, false)],
  }, 30, false);
  assert.deepEqual(style.widths, [10, 23, 5, 6, 7]);
});

test('a value wider than the column is cut and ends in "..."', () => {
  const style = new TableauStyle(['s'], [8]);
  assert.equal(style.row(['abcdefghijk']), '| abcde... |');
  assert.equal(style.row(['abcdefgh']), '| abcdefgh |');
});

test('wide (CJK) characters take two columns', () => {
  assert.equal(displayWidth('数据'), 4);
  const style = new TableauStyle(['name'], [6]);
  assert.equal(style.row(['数据']), '|   数据 |');
});

test('bounded results size columns by content and end with the row count', () => {
  assert.equal(formatTableau(['table name'], [['orders'], ['t']]), [
    '+------------+',
    '| table name |',
    '+------------+',
    '|     orders |',
    '|          t |',
    '+------------+',
    '2 rows in set',
    '',
  ].join('\n'));
  assert.equal(formatTableau(['a'], [['x']]).split('\n').at(-2), '1 row in set');
  assert.equal(formatTableau(['a'], []), 'Empty set\n');
  assert.equal(formatTableau(['a'], [['abcdefghij']], 6).split('\n')[3], '| abc... |');
});

test('cells: <NULL> for null, the kind first when asked, values as CAST to STRING', () => {
  const types = [Types.INT(), Types.STRING(), Types.BOOLEAN(), Types.DECIMAL(5, 2)];
  assert.deepEqual(rowCells({ kind: '+U', fields: [1, null, true, 12345n] }, types, 'UTC', true), ['+U', '1', '<NULL>', 'TRUE', '123.45']);
  assert.deepEqual(rowCells({ kind: '+I', fields: [null, 'a', false, null] }, types, 'UTC', false), ['<NULL>', 'a', 'FALSE', '<NULL>']);
});
