// Calendar arithmetic for DATE (days), TIME (ms of day) and TIMESTAMP (epoch ms of wall-clock
// time read as UTC), and time-zone conversion between wall-clock time and instants.

export const MS_PER_DAY = 86_400_000;

/** [year, month 1-12, day 1-31] of days since 1970-01-01 (proleptic Gregorian, H. Hinnant's algorithm). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** Adds months keeping the day, clamped to the month's last day (Java's plusMonths). */
export function addMonthsToDays(days: number, months: number): number {
  const [y, m, d] = civilFromDays(days);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addMonthsToTimestamp(ms: number, months: number): number {
  const days = Math.floor(ms / MS_PER_DAY);
  return addMonthsToDays(days, months) * MS_PER_DAY + (ms - days * MS_PER_DAY);
}

const pad = (n: number, w: number): string => {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= w ? s : '0'.repeat(w - s.length) + s);
};

export function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** `HH:mm:ss` plus `precision` fraction digits (digits beyond milliseconds are zeros). */
export function formatTime(msOfDay: number, precision: number): string {
  const h = Math.floor(msOfDay / 3_600_000);
  const mi = Math.floor(msOfDay / 60_000) % 60;
  const s = Math.floor(msOfDay / 1000) % 60;
  const text = `${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`;
  if (precision <= 0) return text;
  const frac = pad(msOfDay % 1000, 3) + '000000';
  return `${text}.${frac.slice(0, precision)}`;
}

export function formatTimestamp(ms: number, precision: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  return `${formatDate(days)} ${formatTime(ms - days * MS_PER_DAY, precision)}`;
}

/** `2020-01-01` (also `2020-1-1`); undefined when invalid. */
export function parseDate(text: string): number | undefined {
  const m = /^\s*(-?\d{1,9})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (!m) return undefined;
  return checkedDays(Number(m[1]), Number(m[2]), Number(m[3]));
}

function checkedDays(y: number, mo: number, d: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return daysFromCivil(y, mo, d);
}

/** `12:34`, `12:34:56`, `12:34:56.789123`; ms of day, undefined when invalid. */
export function parseTime(text: string): number | undefined {
  const m = /^\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?\s*$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]), mi = Number(m[2]), s = Number(m[3] ?? 0);
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return ((h * 60 + mi) * 60 + s) * 1000 + fractionMs(m[4]);
}

const fractionMs = (digits: string | undefined): number => (digits ? Number((digits + '00').slice(0, 3)) : 0);

/** `2020-01-01 12:34:56.789` (also `T` separator, or a date alone); epoch ms, undefined when invalid. */
export function parseTimestamp(text: string): number | undefined {
  const m = /^\s*(-?\d{1,9})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*$/.exec(text);
  if (!m) return undefined;
  const days = checkedDays(Number(m[1]), Number(m[2]), Number(m[3]));
  if (days === undefined) return undefined;
  const h = Number(m[4] ?? 0), mi = Number(m[5] ?? 0), s = Number(m[6] ?? 0);
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return days * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + fractionMs(m[7]);
}

// ---- time zones ----

/** A session time zone: fixed offsets are computed directly, region ids through Intl (cached). */
export interface TimeZone {
  readonly id: string;
  /** Offset from UTC at an instant, in ms (Berlin in winter: 3600000). */
  offsetAt(instantMs: number): number;
}

const zones = new Map<string, TimeZone>();

/** The zone for an id such as `UTC`, `Europe/Berlin`, `GMT+08:00`, `+08:00`; throws for an unknown id. */
export function timeZone(id: string): TimeZone {
  let z = zones.get(id);
  if (!z) {
    z = makeZone(id);
    zones.set(id, z);
  }
  return z;
}

function makeZone(id: string): TimeZone {
  if (/^(UTC|GMT|Z|Etc\/UTC|Etc\/GMT)$/i.test(id)) return { id, offsetAt: () => 0 };
  const fixed = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(id);
  if (fixed) {
    const off = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) * 60_000;
    return { id, offsetAt: () => off };
  }
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: id, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
  } catch {
    throw new RangeError(`Invalid time zone '${id}': use a region id such as 'Europe/Berlin' or an offset such as 'GMT+08:00'`);
  }
  // Offsets change at quarter hours at most, so one lookup per 15-minute bucket suffices.
  const cache = new Map<number, number>();
  return {
    id,
    offsetAt(instantMs: number): number {
      const bucket = Math.floor(instantMs / 900_000);
      let off = cache.get(bucket);
      if (off === undefined) {
        const at = bucket * 900_000;
        const p: Record<string, string> = {};
        for (const part of fmt.formatToParts(at)) p[part.type] = part.value;
        const year = p.era === 'BC' || p.era === 'B' ? 1 - Number(p.year) : Number(p.year);
        const local = daysFromCivil(year, Number(p.month), Number(p.day)) * MS_PER_DAY
          + ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000;
        off = local - at;
        if (cache.size > 100_000) cache.clear();
        cache.set(bucket, off);
      }
      return off;
    },
  };
}

/** Wall-clock time (epoch ms read as UTC) of an instant in a zone. */
export function instantToLocal(instantMs: number, zone: TimeZone): number {
  return instantMs + zone.offsetAt(instantMs);
}

/**
 * The instant of a wall-clock time in a zone. In a DST gap the time moves forward by the gap,
 * in an overlap the earlier offset wins (Java's ZonedDateTime.of).
 */
export function localToInstant(localMs: number, zone: TimeZone): number {
  const before = zone.offsetAt(localMs - MS_PER_DAY);
  const after = zone.offsetAt(localMs + MS_PER_DAY);
  if (before === after) return localMs - before;
  const withBefore = localMs - before;
  if (zone.offsetAt(withBefore) === before) return withBefore; // valid with the earlier offset (overlap or before the change)
  const withAfter = localMs - after;
  if (zone.offsetAt(withAfter) === after) return withAfter;
  return localMs - before; // gap: interpret with the offset before the gap, which lands after it
}
