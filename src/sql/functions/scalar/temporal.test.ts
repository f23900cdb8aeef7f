import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Types } from '../../../core/types/logical-type.ts';
import { big, col, evaluate, fn, fnx, int, lit, str } from '../../expr/expr-test-kit.ts';

const ts = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number => Date.UTC(y, mo - 1, d, h, mi, s, ms);
const TS = Types.TIMESTAMP(3);
const LTZ = Types.TIMESTAMP_LTZ(3);

test('the clock functions have Flink types and read the wall clock', () => {
  const before = Date.now();
  const now = evaluate(fn('CURRENT_TIMESTAMP')) as number;
  assert.ok(now >= before && now <= Date.now());
  assert.equal(fn('NOW').type.root, 'TIMESTAMP_LTZ');
  assert.equal(fn('LOCALTIMESTAMP').type.root, 'TIMESTAMP');
  assert.equal(fn('PROCTIME').type.timeAttribute, 'PROCTIME');
  assert.equal(fn('PROCTIME').type.nullable, false);
  const local = evaluate(fn('LOCALTIMESTAMP'), [], 'GMT+08:00') as number;
  assert.ok(Math.abs(local - Date.now() - 8 * 3_600_000) < 5000);
  assert.equal(evaluate(fn('CURRENT_DATE')), Math.floor(Date.now() / 86_400_000));
});

test('TO_TIMESTAMP, TO_DATE, DATE_FORMAT with Java patterns', () => {
  assert.equal(evaluate(fn('TO_TIMESTAMP', str('2023-11-14 22:13:20'))), ts(2023, 11, 14, 22, 13, 20));
  assert.equal(evaluate(fn('TO_TIMESTAMP', str('14/11/2023 22.13'), str('dd/MM/yyyy HH.mm'))), ts(2023, 11, 14, 22, 13));
  assert.equal(evaluate(fn('TO_TIMESTAMP', str('garbage'))), null);
  assert.equal(evaluate(fn('TO_DATE', str('2020-01-01'))), 18262);
  assert.equal(evaluate(fn('TO_DATE', str('20200102'), str('yyyyMMdd'))), 18263);
  assert.equal(evaluate(fn('DATE_FORMAT', lit(ts(2023, 11, 14, 22, 13, 20, 45), TS), str('yyyy-MM-dd HH:mm:ss.SSS'))), '2023-11-14 22:13:20.045');
  assert.equal(evaluate(fn('DATE_FORMAT', str('2023-11-14 22:13:20'), str('yyyy/MM/dd'))), '2023/11/14');
  assert.equal(evaluate(fn('DATE_FORMAT', lit(ts(2021, 1, 1, 23, 30), LTZ), str('yyyy-MM-dd HH:mm')), [], 'Europe/Berlin'), '2021-01-02 00:30');
});

test('TO_TIMESTAMP_LTZ, UNIX_TIMESTAMP, FROM_UNIXTIME, CONVERT_TZ in the session zone', () => {
  assert.equal(evaluate(fn('TO_TIMESTAMP_LTZ', big(1700000000), int(0))), 1700000000000);
  assert.equal(evaluate(fn('TO_TIMESTAMP_LTZ', big(1700000000123), int(3))), 1700000000123);
  assert.equal(evaluate(fn('TO_TIMESTAMP_LTZ', big(1700000000123))), 1700000000123);
  assert.equal(evaluate(fn('UNIX_TIMESTAMP', str('1970-01-01 01:00:00')), [], 'Europe/Berlin'), 0);
  assert.equal(evaluate(fn('UNIX_TIMESTAMP', str('1970-01-01 01:00:00')), [], 'UTC'), 3600);
  assert.equal(evaluate(fn('UNIX_TIMESTAMP', str('1970/01/02'), str('yyyy/MM/dd'))), 86400);
  const nowSecs = evaluate(fn('UNIX_TIMESTAMP')) as number;
  assert.ok(Math.abs(nowSecs - Date.now() / 1000) < 5);
  assert.equal(evaluate(fn('FROM_UNIXTIME', int(0)), [], 'Europe/Berlin'), '1970-01-01 01:00:00');
  assert.equal(evaluate(fn('FROM_UNIXTIME', int(44), str('HH:mm:ss'))), '00:00:44');
  assert.equal(evaluate(fn('CONVERT_TZ', str('1970-01-01 00:00:00'), str('UTC'), str('America/Los_Angeles'))), '1969-12-31 16:00:00');
});

test('EXTRACT and its shorthands, in the session zone for TIMESTAMP_LTZ', () => {
  const t = lit(ts(2021, 3, 28, 1, 30, 15, 250), TS); // a Sunday
  const x = (unit: string): unknown => evaluate(fnx('EXTRACT', { unit: unit as never }, t));
  assert.deepEqual(['YEAR', 'QUARTER', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'DOW', 'DOY', 'WEEK'].map(x), [2021, 1, 3, 28, 1, 30, 15, 1, 87, 12]);
  assert.equal(x('MILLISECOND'), 15250);
  assert.equal(evaluate(fnx('EXTRACT', { unit: 'HOUR' }, lit(ts(2021, 3, 28, 1, 30), LTZ)), [], 'Europe/Berlin'), 3);
  assert.equal(evaluate(fn('HOUR', lit(ts(2021, 3, 28, 1, 30), LTZ)), [], 'Europe/Berlin'), 3);
  assert.equal(evaluate(fn('YEAR', lit(18262, Types.DATE()))), 2020);
  assert.equal(evaluate(fn('DAYOFWEEK', lit(18262, Types.DATE()))), 4); // 2020-01-01 was a Wednesday
  assert.equal(evaluate(fn('WEEK', lit(18262, Types.DATE()))), 1);
  assert.equal(evaluate(fn('WEEK', lit(ts(2021, 1, 3), TS))), 53); // belongs to ISO week 2020-W53
  assert.equal(evaluate(fnx('EXTRACT', { unit: 'DAY' }, lit(93_784_000, Types.INTERVAL_DAY_TIME()))), 1);
});

test('FLOOR / CEIL to a unit', () => {
  const t = lit(ts(2021, 5, 17, 13, 47, 12, 5), TS);
  const f = (op: string, unit: string): unknown => evaluate(fnx(op, { unit: unit as never }, t));
  assert.equal(f('FLOOR_TO', 'HOUR'), ts(2021, 5, 17, 13));
  assert.equal(f('CEIL_TO', 'HOUR'), ts(2021, 5, 17, 14));
  assert.equal(f('FLOOR_TO', 'DAY'), ts(2021, 5, 17));
  assert.equal(f('FLOOR_TO', 'MONTH'), ts(2021, 5, 1));
  assert.equal(f('CEIL_TO', 'MONTH'), ts(2021, 6, 1));
  assert.equal(f('FLOOR_TO', 'QUARTER'), ts(2021, 4, 1));
  assert.equal(f('FLOOR_TO', 'YEAR'), ts(2021, 1, 1));
  assert.equal(f('FLOOR_TO', 'WEEK'), ts(2021, 5, 16)); // the Sunday before
  assert.equal(evaluate(fnx('CEIL_TO', { unit: 'HOUR' }, lit(ts(2021, 5, 17, 13), TS))), ts(2021, 5, 17, 13));
  // TIMESTAMP_LTZ floors the local day in the session zone: 2021-07-01 01:30 Berlin is 2021-06-30 23:30 UTC
  assert.equal(evaluate(fnx('FLOOR_TO', { unit: 'DAY' }, lit(ts(2021, 6, 30, 23, 30), LTZ)), [], 'Europe/Berlin'), ts(2021, 6, 30, 22));
});

test('TIMESTAMPADD and TIMESTAMPDIFF', () => {
  const t = lit(ts(2020, 1, 31, 10), TS);
  assert.equal(evaluate(fnx('TIMESTAMPADD', { unit: 'MONTH' }, int(1), t)), ts(2020, 2, 29, 10));
  assert.equal(evaluate(fnx('TIMESTAMPADD', { unit: 'HOUR' }, int(-11), t)), ts(2020, 1, 30, 23));
  assert.equal(evaluate(fnx('TIMESTAMPADD', { unit: 'WEEK' }, int(1), lit(18262, Types.DATE()))), 18269);
  const d = (unit: string, a: number, b: number): unknown => evaluate(fnx('TIMESTAMPDIFF', { unit: unit as never }, lit(a, TS), lit(b, TS)));
  assert.equal(d('DAY', ts(2020, 1, 1), ts(2020, 1, 3, 12)), 2);
  assert.equal(d('HOUR', ts(2020, 1, 3), ts(2020, 1, 1)), -48);
  assert.equal(d('MONTH', ts(2020, 1, 31), ts(2020, 2, 29)), 0);
  assert.equal(d('MONTH', ts(2020, 1, 15), ts(2020, 3, 15)), 2);
  assert.equal(d('YEAR', ts(2019, 6, 1), ts(2021, 5, 31)), 1);
  assert.equal(evaluate(fnx('TIMESTAMPDIFF', { unit: 'SECOND' }, col(0, TS), lit(0, TS)), [null]), null);
});
