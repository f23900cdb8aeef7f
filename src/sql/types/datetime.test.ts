import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addMonthsToDays, civilFromDays, daysFromCivil, instantToLocal, localToInstant, timeZone } from './datetime.ts';
import { formatWithPattern, parseWithPattern } from './date-pattern.ts';

const H = 3_600_000;

test('calendar conversion', () => {
  assert.deepEqual(civilFromDays(0), [1970, 1, 1]);
  assert.deepEqual(civilFromDays(18262), [2020, 1, 1]);
  assert.deepEqual(civilFromDays(-1), [1969, 12, 31]);
  assert.equal(daysFromCivil(2000, 3, 1), 11017);
  assert.deepEqual(civilFromDays(addMonthsToDays(daysFromCivil(2020, 1, 31), 1)), [2020, 2, 29]);
  assert.deepEqual(civilFromDays(addMonthsToDays(daysFromCivil(2021, 3, 31), -1)), [2021, 2, 28]);
});

test('Europe/Berlin offsets across DST', () => {
  const z = timeZone('Europe/Berlin');
  assert.equal(z.offsetAt(Date.UTC(2021, 0, 1)), 1 * H);
  assert.equal(z.offsetAt(Date.UTC(2021, 6, 1)), 2 * H);
  // 2021-03-28 01:00 UTC clocks jump from 02:00 to 03:00
  assert.equal(z.offsetAt(Date.UTC(2021, 2, 28, 0, 59)), 1 * H);
  assert.equal(z.offsetAt(Date.UTC(2021, 2, 28, 1, 0)), 2 * H);
  assert.equal(instantToLocal(Date.UTC(2021, 2, 28, 1, 30), z), Date.UTC(2021, 2, 28, 3, 30));
  // a wall-clock time in the gap moves forward by the gap (02:30 -> 03:30 CEST = 01:30 UTC)
  assert.equal(localToInstant(Date.UTC(2021, 2, 28, 2, 30), z), Date.UTC(2021, 2, 28, 1, 30));
  // in the autumn overlap the earlier offset wins (02:30 CEST = 00:30 UTC)
  assert.equal(localToInstant(Date.UTC(2021, 9, 31, 2, 30), z), Date.UTC(2021, 9, 31, 0, 30));
  assert.equal(localToInstant(Date.UTC(2021, 9, 31, 12, 0), z), Date.UTC(2021, 9, 31, 11, 0));
});

test('fixed offsets and unknown zones', () => {
  assert.equal(timeZone('GMT+08:00').offsetAt(0), 8 * H);
  assert.equal(timeZone('-05:30').offsetAt(0), -5.5 * H);
  assert.equal(timeZone('UTC').offsetAt(123), 0);
  assert.throws(() => timeZone('Mars/Olympus'), /Invalid time zone 'Mars\/Olympus'/);
});

test('Java date patterns format and parse', () => {
  const ms = Date.UTC(2023, 10, 14, 22, 13, 20, 45);
  assert.equal(formatWithPattern(ms, 'yyyy-MM-dd HH:mm:ss'), '2023-11-14 22:13:20');
  assert.equal(formatWithPattern(ms, 'yyyy-MM-dd HH:mm:ss.SSS'), '2023-11-14 22:13:20.045');
  assert.equal(formatWithPattern(ms, 'yyyyMMdd'), '20231114');
  assert.equal(formatWithPattern(ms, "dd/MMM/yy hh:mm a 'at' EEE"), '14/Nov/23 10:13 PM at Tue');
  assert.equal(parseWithPattern('2023-11-14 22:13:20', 'yyyy-MM-dd HH:mm:ss'), Date.UTC(2023, 10, 14, 22, 13, 20));
  assert.equal(parseWithPattern('20231114', 'yyyyMMdd'), Date.UTC(2023, 10, 14));
  assert.equal(parseWithPattern('14/11/2023 10:13:20 PM', 'dd/MM/yyyy hh:mm:ss a'), Date.UTC(2023, 10, 14, 22, 13, 20));
  assert.equal(parseWithPattern('2023-11-14T22:13:20.045', "yyyy-MM-dd'T'HH:mm:ss.SSS"), ms);
  assert.equal(parseWithPattern('2023-13-14', 'yyyy-MM-dd'), undefined);
  assert.equal(parseWithPattern('2023-11-14 x', 'yyyy-MM-dd'), undefined);
});

test('calendar and pattern round trips (property)', () => {
  fc.assert(fc.property(fc.integer({ min: -800_000, max: 800_000 }), (days) => {
    const [y, m, d] = civilFromDays(days);
    assert.equal(daysFromCivil(y, m, d), days);
    const viaDate = new Date(days * 86_400_000);
    if (y > 0) assert.deepEqual([y, m, d], [viaDate.getUTCFullYear(), viaDate.getUTCMonth() + 1, viaDate.getUTCDate()]);
  }));
  fc.assert(fc.property(fc.integer({ min: -2e12, max: 4e12 }), (ms) => {
    const pattern = 'yyyy-MM-dd HH:mm:ss.SSS';
    if (new Date(ms).getUTCFullYear() < 1000) return;
    assert.equal(parseWithPattern(formatWithPattern(ms, pattern), pattern), ms);
  }));
});
