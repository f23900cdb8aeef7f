// Formats epoch milliseconds by a small Java-style pattern (yyyy, yy, MM, dd, HH, mm, ss, 'literal') in a time zone.
import { ConfigError } from '../../core/errors.ts';

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';
type Part = { readonly literal: string } | { readonly field: Field; readonly width: 2 | 4 };

const TOKENS: Record<string, Part> = {
  yyyy: { field: 'year', width: 4 },
  yy: { field: 'year', width: 2 },
  MM: { field: 'month', width: 2 },
  dd: { field: 'day', width: 2 },
  HH: { field: 'hour', width: 2 },
  mm: { field: 'minute', width: 2 },
  ss: { field: 'second', width: 2 },
};

export type DateTimeFormatter = (epochMs: number) => string;

export function compileDateTimePattern(pattern: string, timeZone: string): DateTimeFormatter {
  const parts = parsePattern(pattern);
  const fieldsOf = timeZone === 'UTC' ? utcFields : zonedFields(timeZone);
  return (epochMs) => {
    const f = fieldsOf(epochMs);
    let out = '';
    for (const p of parts) {
      if ('literal' in p) out += p.literal;
      else out += p.width === 4 ? String(f[p.field]).padStart(4, '0') : String(f[p.field] % 100).padStart(2, '0');
    }
    return out;
  };
}

function parsePattern(pattern: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close === -1) throw new ConfigError('bucket.format', `date-time pattern '${pattern}' has an unclosed quote`);
      parts.push({ literal: close === i + 1 ? "'" : pattern.slice(i + 1, close) });
      i = close + 1;
    } else if (/[a-zA-Z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      const token = TOKENS[pattern.slice(i, j)];
      if (!token) {
        throw new ConfigError('bucket.format', `date-time pattern '${pattern}': '${pattern.slice(i, j)}' is not supported; use yyyy, yy, MM, dd, HH, mm, ss or 'quoted text'`);
      }
      parts.push(token);
      i = j;
    } else {
      parts.push({ literal: c });
      i++;
    }
  }
  return parts;
}

function utcFields(ms: number): Record<Field, number> {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

function zonedFields(timeZone: string): (ms: number) => Record<Field, number> {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    throw new ConfigError('bucket.timezone', `unknown time zone '${timeZone}'; use an IANA name such as 'Europe/Berlin' or 'UTC'`);
  }
  return (ms) => {
    const f: Record<Field, number> = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const p of format.formatToParts(ms)) if (p.type in f) f[p.type as Field] = Number(p.value);
    return f;
  };
}
