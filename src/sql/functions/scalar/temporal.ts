// Date and time functions: the clock (CURRENT_TIMESTAMP, NOW, LOCALTIMESTAMP, CURRENT_DATE,
// CURRENT_TIME, PROCTIME), parsing and formatting with Java patterns (TO_TIMESTAMP, TO_DATE,
// DATE_FORMAT, UNIX_TIMESTAMP, FROM_UNIXTIME, CONVERT_TZ, TO_TIMESTAMP_LTZ), EXTRACT and its
// shorthands, TIMESTAMPADD, TIMESTAMPDIFF and FLOOR/CEIL(x TO unit). TIMESTAMP_LTZ values are
// read in the session time zone.
import { Types, withNullability, type LogicalType } from '../../../core/types/logical-type.ts';
import type { TimeUnit } from '../../ast/ast.ts';
import type { ExprContext } from '../../expr/expr-context.ts';
import type { RexCall } from '../../planner/rex.ts';
import { formatWithPattern, parseWithPattern } from '../../types/date-pattern.ts';
import {
  addMonthsToTimestamp, civilFromDays, daysFromCivil, instantToLocal, localToInstant, MS_PER_DAY,
  parseTimestamp, timeZone, type TimeZone,
} from '../../types/datetime.ts';
import { decToNumber } from '../../types/decimal.ts';
import type { CallSite, ScalarFunctionDef } from './function-def.ts';
import { cannotApply, fitFamily, fixed, inFamily, invalid, makeCall, STRING } from './signature.ts';

const DEFAULT_FORMAT = 'yyyy-MM-dd HH:mm:ss';
const strict = (f: (...args: any[]) => unknown) => ({ kind: 'strict' as const, make: () => f });
const zoneOf = (ctx: ExprContext): TimeZone => timeZone(ctx.timeZone);

/** Wall-clock epoch ms of a DATE, TIMESTAMP or TIMESTAMP_LTZ value (TIME: ms of day). */
function toLocal(t: LogicalType, ctx: ExprContext): (v: number) => number {
  if (t.root === 'DATE') return (d) => d * MS_PER_DAY;
  if (t.root === 'TIMESTAMP_LTZ') { const z = zoneOf(ctx); return (ms) => instantToLocal(ms, z); }
  return (v) => v;
}

/** Back from wall-clock ms to the representation of `t`. */
function fromLocal(t: LogicalType, ctx: ExprContext): (ms: number) => number {
  if (t.root === 'DATE') return (ms) => Math.floor(ms / MS_PER_DAY);
  if (t.root === 'TIMESTAMP_LTZ') { const z = zoneOf(ctx); return (ms) => localToInstant(ms, z); }
  if (t.root === 'TIME') return (ms) => ((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  return (ms) => ms;
}

const dayOfWeekSunday1 = (days: number): number => ((((days + 4) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday

/** ISO-8601 week of the year (weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeek(days: number): number {
  const isoDow = ((((days + 3) % 7) + 7) % 7) + 1; // Monday 1 .. Sunday 7
  const thursday = days - isoDow + 4;
  const [y] = civilFromDays(thursday);
  return Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
}

/** EXTRACT(unit FROM wall-clock ms) as Calcite computes it. */
export function extractField(unit: TimeUnit, ms: number): number {
  const days = Math.floor(ms / MS_PER_DAY);
  const tod = ms - days * MS_PER_DAY;
  const [y, m, d] = civilFromDays(days);
  switch (unit) {
    case 'YEAR': return y;
    case 'QUARTER': return Math.floor((m - 1) / 3) + 1;
    case 'MONTH': return m;
    case 'WEEK': return isoWeek(days);
    case 'DAY': return d;
    case 'DOW': return dayOfWeekSunday1(days);
    case 'DOY': return days - daysFromCivil(y, 1, 1) + 1;
    case 'HOUR': return Math.floor(tod / 3_600_000);
    case 'MINUTE': return Math.floor(tod / 60_000) % 60;
    case 'SECOND': return Math.floor(tod / 1000) % 60;
    case 'MILLISECOND': return tod % 60_000;
    case 'MICROSECOND': return (tod % 60_000) * 1000;
    case 'NANOSECOND': return (tod % 60_000) * 1_000_000;
    case 'EPOCH': return Math.floor(ms / 1000);
    case 'DECADE': return Math.floor(y / 10);
    case 'CENTURY': return y > 0 ? Math.floor((y + 99) / 100) : -Math.floor((-y + 99) / 100);
    case 'MILLENNIUM': return y > 0 ? Math.floor((y + 999) / 1000) : -Math.floor((-y + 999) / 1000);
  }
}

const UNIT_MS: Partial<Record<TimeUnit, number>> = {
  WEEK: 7 * MS_PER_DAY, DAY: MS_PER_DAY, HOUR: 3_600_000, MINUTE: 60_000, SECOND: 1000, MILLISECOND: 1,
};
const UNIT_MONTHS: Partial<Record<TimeUnit, number>> = { MONTH: 1, QUARTER: 3, YEAR: 12, DECADE: 120, CENTURY: 1200, MILLENNIUM: 12000 };

/** FLOOR / CEIL of wall-clock ms to a unit (weeks start on Sunday, as in Calcite). */
export function floorToUnit(ms: number, unit: TimeUnit, ceil: boolean): number {
  const months = UNIT_MONTHS[unit];
  if (months !== undefined) {
    const [y, m] = civilFromDays(Math.floor(ms / MS_PER_DAY));
    const total = y * 12 + m - 1;
    const start = total - (((total % months) + months) % months);
    const floor = daysFromCivil(Math.floor(start / 12), (start % 12) + 1, 1) * MS_PER_DAY;
    return ceil && floor !== ms ? addMonthsToTimestamp(floor, months) : floor;
  }
  const size = UNIT_MS[unit];
  if (size === undefined) throw new RangeError(`Unsupported time unit ${unit} for FLOOR/CEIL`);
  const offset = unit === 'WEEK' ? 3 * MS_PER_DAY : 0; // 1970-01-04 was a Sunday
  const floor = Math.floor((ms - offset) / size) * size + offset;
  return ceil && floor !== ms ? floor + size : floor;
}

/** TIMESTAMPDIFF in whole units between wall-clock times (months counted by calendar). */
export function timestampDiff(unit: TimeUnit, a: number, b: number): number {
  const months = UNIT_MONTHS[unit];
  if (months !== undefined) {
    const da = Math.floor(a / MS_PER_DAY), db = Math.floor(b / MS_PER_DAY);
    const [ya, ma] = civilFromDays(da), [yb, mb] = civilFromDays(db);
    let diff = (yb * 12 + mb) - (ya * 12 + ma);
    // Not a full month yet when the later time's position in its month is before the earlier one's.
    const posA = a - daysFromCivil(ya, ma, 1) * MS_PER_DAY, posB = b - daysFromCivil(yb, mb, 1) * MS_PER_DAY;
    if (diff > 0 && posB < posA) diff--;
    if (diff < 0 && posB > posA) diff++;
    return Math.trunc(diff / months);
  }
  const size = UNIT_MS[unit];
  if (size === undefined) throw new RangeError(`Unsupported time unit ${unit} for TIMESTAMPDIFF`);
  return Math.trunc((b - a) / size);
}

function requireUnit(site: CallSite): TimeUnit {
  if (!site.unit) invalid(site, `${site.op} needs a time unit`);
  return site.unit;
}

const extractDef: ScalarFunctionDef = {
  names: ['EXTRACT'],
  resolve(site) {
    const unit = requireUnit(site);
    const x = site.operands[0];
    if (site.operands.length !== 1 || !(inFamily(x!.type, 'DATETIME') || inFamily(x!.type, 'INTERVAL'))) cannotApply(site, ['EXTRACT(<DATETIME_INTERVAL> FROM <DATETIME>)']);
    return makeCall(site, 'EXTRACT', [x!], Types.BIGINT(x!.type.nullable));
  },
  impl: {
    kind: 'strict',
    make(c, ctx) {
      const t = c.operands[0]!.type;
      const unit = c.unit!;
      if (t.root === 'INTERVAL_YEAR_MONTH') return (v: number) => (unit === 'YEAR' ? Math.trunc(v / 12) : unit === 'MONTH' ? v % 12 : 0);
      if (t.root === 'INTERVAL_DAY_TIME') {
        return (v: number) => {
          switch (unit) {
            case 'DAY': return Math.trunc(v / MS_PER_DAY);
            case 'HOUR': return Math.trunc(v / 3_600_000) % 24;
            case 'MINUTE': return Math.trunc(v / 60_000) % 60;
            case 'SECOND': return Math.trunc(v / 1000) % 60;
            case 'MILLISECOND': return v % 60_000;
            case 'EPOCH': return Math.trunc(v / 1000);
            default: return 0;
          }
        };
      }
      const local = toLocal(t, ctx);
      return (v: number) => extractField(unit, local(v));
    },
  },
};

/** YEAR(x), MONTH(x), ...: EXTRACT shorthands. */
const extractShorthand = (name: string, unit: TimeUnit): ScalarFunctionDef =>
  fixed(name, [['DATETIME']], () => Types.BIGINT(false), {
    kind: 'strict',
    make(c, ctx) {
      const local = toLocal(c.operands[0]!.type, ctx);
      return (v: number) => extractField(unit, local(v));
    },
  });

const floorCeilTo = (name: 'FLOOR_TO' | 'CEIL_TO'): ScalarFunctionDef => ({
  names: [name],
  resolve(site) {
    requireUnit(site);
    const x = site.operands[0];
    if (site.operands.length !== 1 || !inFamily(x!.type, 'DATETIME')) cannotApply(site, [`${name === 'FLOOR_TO' ? 'FLOOR' : 'CEIL'}(<DATETIME> TO <TIME_UNIT>)`]);
    const operand = fitFamily(x!, 'DATETIME');
    return makeCall(site, name, [operand], withNullability(operand.type, operand.type.nullable));
  },
  impl: {
    kind: 'strict',
    make(c, ctx) {
      const t = c.operands[0]!.type;
      const to = toLocal(t, ctx), back = fromLocal(t, ctx);
      return (v: number) => back(floorToUnit(to(v), c.unit!, name === 'CEIL_TO'));
    },
  },
});

const timestampAdd: ScalarFunctionDef = {
  names: ['TIMESTAMPADD'],
  resolve(site) {
    requireUnit(site);
    const [n, x] = site.operands;
    if (site.operands.length !== 2 || !inFamily(n!.type, 'INTEGER') || !inFamily(x!.type, 'DATETIME')) cannotApply(site, ['TIMESTAMPADD(<TIME_UNIT>, <INTEGER>, <DATETIME>)']);
    const operand = fitFamily(x!, 'DATETIME');
    const count = fitFamily(n!, 'BIGINT');
    // DATE + a unit below a day gives a TIMESTAMP (Calcite).
    const t = operand.type.root === 'DATE' && UNIT_MS[site.unit!] !== undefined && site.unit !== 'DAY' && site.unit !== 'WEEK' ? Types.TIMESTAMP(3) : operand.type;
    return makeCall(site, 'TIMESTAMPADD', [count, operand], withNullability(t, count.type.nullable || operand.type.nullable));
  },
  impl: {
    kind: 'strict',
    make(c, ctx) {
      const t = c.operands[1]!.type;
      const to = toLocal(t, ctx), back = fromLocal(c.type, ctx);
      const unit = c.unit!;
      const months = UNIT_MONTHS[unit], size = UNIT_MS[unit];
      if (months !== undefined) return (n: number | bigint, v: number) => back(addMonthsToTimestamp(to(v), Number(n) * months));
      if (size === undefined) throw new RangeError(`Unsupported time unit ${unit} for TIMESTAMPADD`);
      // Fixed-length units move a TIMESTAMP_LTZ instant (as `+ INTERVAL` does); months move its wall clock.
      if (t.root === 'TIMESTAMP_LTZ') return (n: number | bigint, v: number) => v + Number(n) * size;
      return (n: number | bigint, v: number) => back(to(v) + Number(n) * size);
    },
  },
};

const timestampDiffDef: ScalarFunctionDef = {
  names: ['TIMESTAMPDIFF'],
  resolve(site) {
    requireUnit(site);
    const [a, b] = site.operands;
    if (site.operands.length !== 2 || !inFamily(a!.type, 'DATETIME') || !inFamily(b!.type, 'DATETIME')) cannotApply(site, ['TIMESTAMPDIFF(<TIME_UNIT>, <DATETIME>, <DATETIME>)']);
    const x = fitFamily(a!, 'DATETIME'), y = fitFamily(b!, 'DATETIME');
    return makeCall(site, 'TIMESTAMPDIFF', [x, y], Types.INT(x.type.nullable || y.type.nullable));
  },
  impl: {
    kind: 'strict',
    make(c, ctx) {
      const fa = toLocal(c.operands[0]!.type, ctx), fb = toLocal(c.operands[1]!.type, ctx);
      return (a: number, b: number) => timestampDiff(c.unit!, fa(a), fb(b));
    },
  },
};

/** Wall-clock ms of a string (with a pattern, or Flink's default `yyyy-MM-dd HH:mm:ss[.SSS]`), undefined when it does not parse. */
const parseLocal = (s: string, fmt?: string): number | undefined => (fmt === undefined ? parseTimestamp(s) : parseWithPattern(s, fmt));

const clock = (name: string, type: LogicalType, f: (ctx: ExprContext) => () => unknown): ScalarFunctionDef =>
  fixed(name, [[]], () => type, { kind: 'lenient', make: (_c: RexCall, ctx) => f(ctx) }, { nonDeterministic: true, ownNullability: true });

const localNow = (ctx: ExprContext): number => instantToLocal(Date.now(), zoneOf(ctx));

export const TEMPORAL_FUNCTIONS: readonly ScalarFunctionDef[] = [
  clock('CURRENT_TIMESTAMP', Types.TIMESTAMP_LTZ(3, false), () => Date.now),
  clock('NOW', Types.TIMESTAMP_LTZ(3, false), () => Date.now),
  clock('CURRENT_ROW_TIMESTAMP', Types.TIMESTAMP_LTZ(3, false), () => Date.now),
  clock('PROCTIME', { ...Types.TIMESTAMP_LTZ(3, false), timeAttribute: 'PROCTIME' }, () => Date.now),
  clock('LOCALTIMESTAMP', Types.TIMESTAMP(3, false), (ctx) => () => localNow(ctx)),
  clock('CURRENT_DATE', Types.DATE(false), (ctx) => () => Math.floor(localNow(ctx) / MS_PER_DAY)),
  clock('CURRENT_TIME', Types.TIME(0, false), (ctx) => () => { const l = localNow(ctx); return Math.floor((l - Math.floor(l / MS_PER_DAY) * MS_PER_DAY) / 1000) * 1000; }),
  clock('LOCALTIME', Types.TIME(0, false), (ctx) => () => { const l = localNow(ctx); return Math.floor((l - Math.floor(l / MS_PER_DAY) * MS_PER_DAY) / 1000) * 1000; }),
  fixed('UNIX_TIMESTAMP', [[], ['STRING'], ['STRING', 'STRING']], (ops) => Types.BIGINT(ops.length > 0), {
    kind: 'lenient',
    make(c, ctx) {
      const z = zoneOf(ctx);
      if (c.operands.length === 0) return () => Math.floor(Date.now() / 1000);
      return (s: string | null, fmt?: string | null) => {
        if (s === null || fmt === null) return null;
        const l = parseLocal(s, fmt ?? DEFAULT_FORMAT);
        return l === undefined ? null : Math.floor(localToInstant(l, z) / 1000);
      };
    },
  }, { ownNullability: true }),
  fixed('FROM_UNIXTIME', [['NUMERIC'], ['NUMERIC', 'STRING']], () => STRING(false), {
    kind: 'strict',
    make(c, ctx) {
      const z = zoneOf(ctx);
      const t = c.operands[0]!.type;
      return (secs: number | bigint, fmt = DEFAULT_FORMAT) => {
        const s = t.root === 'DECIMAL' ? decToNumber(secs as bigint, t.scale ?? 0) : Number(secs);
        return formatWithPattern(instantToLocal(Math.floor(s) * 1000, z), fmt);
      };
    },
  }),
  fixed('TO_TIMESTAMP', [['STRING'], ['STRING', 'STRING']], () => Types.TIMESTAMP(3, true), strict((s: string, fmt?: string) => parseLocal(s, fmt) ?? null)),
  fixed('TO_DATE', [['STRING'], ['STRING', 'STRING']], () => Types.DATE(), strict((s: string, fmt?: string) => {
    const l = parseLocal(s, fmt ?? 'yyyy-MM-dd');
    return l === undefined ? null : Math.floor(l / MS_PER_DAY);
  })),
  fixed('TO_TIMESTAMP_LTZ', [['NUMERIC'], ['NUMERIC', 'INT'], ['STRING'], ['STRING', 'STRING']], () => Types.TIMESTAMP_LTZ(3), {
    kind: 'strict',
    make(c, ctx) {
      const t = c.operands[0]!.type;
      if (t.root === 'CHAR' || t.root === 'VARCHAR') {
        const z = zoneOf(ctx);
        return (s: string, fmt?: string) => { const l = parseLocal(s, fmt); return l === undefined ? null : localToInstant(l, z); };
      }
      return (v: number | bigint, precision = 3) => {
        if (precision !== 0 && precision !== 3) throw new RangeError(`TO_TIMESTAMP_LTZ precision must be 0 or 3, got ${precision}`);
        const n = t.root === 'DECIMAL' ? decToNumber(v as bigint, t.scale ?? 0) : Number(v);
        return Math.floor(precision === 0 ? n * 1000 : n);
      };
    },
  }),
  fixed('DATE_FORMAT', [['TIMESTAMP', 'STRING'], ['DATE', 'STRING'], ['STRING', 'STRING']], (ops) => STRING(ops[0]!.type.root === 'VARCHAR' || ops[0]!.type.root === 'CHAR'), {
    kind: 'strict',
    make(c, ctx) {
      const t = c.operands[0]!.type;
      if (t.root === 'CHAR' || t.root === 'VARCHAR') return (s: string, fmt: string) => { const l = parseTimestamp(s); return l === undefined ? null : formatWithPattern(l, fmt); };
      const local = toLocal(t, ctx);
      return (v: number, fmt: string) => formatWithPattern(local(v), fmt);
    },
  }),
  fixed('CONVERT_TZ', [['STRING', 'STRING', 'STRING']], () => STRING(), strict((s: string, from: string, to: string) => {
    const l = parseTimestamp(s);
    return l === undefined ? null : formatWithPattern(instantToLocal(localToInstant(l, timeZone(from)), timeZone(to)), DEFAULT_FORMAT);
  })),
  extractDef, floorCeilTo('FLOOR_TO'), floorCeilTo('CEIL_TO'), timestampAdd, timestampDiffDef,
  extractShorthand('YEAR', 'YEAR'), extractShorthand('QUARTER', 'QUARTER'), extractShorthand('MONTH', 'MONTH'),
  extractShorthand('WEEK', 'WEEK'), extractShorthand('DAYOFYEAR', 'DOY'), extractShorthand('DAYOFMONTH', 'DAY'),
  extractShorthand('DAYOFWEEK', 'DOW'), extractShorthand('HOUR', 'HOUR'), extractShorthand('MINUTE', 'MINUTE'),
  extractShorthand('SECOND', 'SECOND'),
];
