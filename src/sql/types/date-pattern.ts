// Java date-time patterns (`yyyy-MM-dd HH:mm:ss.SSS`, as DATE_FORMAT, TO_TIMESTAMP and
// UNIX_TIMESTAMP take them): formatting and parsing of wall-clock epoch milliseconds.
import { civilFromDays, daysFromCivil, daysInMonth, MS_PER_DAY } from './datetime.ts';

type Token = { readonly letter: string; readonly count: number } | { readonly text: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const compiled = new Map<string, Token[]>();

function tokenize(pattern: string): Token[] {
  let tokens = compiled.get(pattern);
  if (tokens) return tokens;
  tokens = [];
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      const lit = pattern.slice(i + 1, end < 0 ? pattern.length : end);
      tokens.push({ text: lit === '' ? "'" : lit });
      i = end < 0 ? pattern.length : end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      tokens.push({ letter: c, count: j - i });
      i = j;
    } else {
      tokens.push({ text: c });
      i++;
    }
  }
  compiled.set(pattern, tokens);
  return tokens;
}

const pad = (n: number, w: number): string => {
  const s = String(n);
  return s.length >= w ? s : '0'.repeat(w - s.length) + s;
};

/** Formats wall-clock epoch ms with a Java pattern (letters y M d H h k K m s S a E D u). */
export function formatWithPattern(ms: number, pattern: string): string {
  const days = Math.floor(ms / MS_PER_DAY);
  const tod = ms - days * MS_PER_DAY;
  const [y, mo, d] = civilFromDays(days);
  const hour = Math.floor(tod / 3_600_000);
  let out = '';
  for (const t of tokenize(pattern)) {
    if ('text' in t) { out += t.text; continue; }
    const n = t.count;
    switch (t.letter) {
      case 'y': case 'u': out += n === 2 ? pad(((y % 100) + 100) % 100, 2) : pad(y, n); break;
      case 'M': case 'L': out += n >= 4 ? MONTHS[mo - 1] : n === 3 ? MONTHS[mo - 1]!.slice(0, 3) : pad(mo, n); break;
      case 'd': out += pad(d, n); break;
      case 'D': out += pad(days - daysFromCivil(y, 1, 1) + 1, n); break;
      case 'H': out += pad(hour, n); break;
      case 'k': out += pad(hour === 0 ? 24 : hour, n); break;
      case 'h': out += pad(hour % 12 === 0 ? 12 : hour % 12, n); break;
      case 'K': out += pad(hour % 12, n); break;
      case 'm': out += pad(Math.floor(tod / 60_000) % 60, n); break;
      case 's': out += pad(Math.floor(tod / 1000) % 60, n); break;
      case 'S': out += (pad(tod % 1000, 3) + '000000').slice(0, n); break;
      case 'a': out += hour < 12 ? 'AM' : 'PM'; break;
      case 'E': { const dow = DAYS[(((days + 3) % 7) + 7) % 7]!; out += n >= 4 ? dow : dow.slice(0, 3); break; }
      case 'e': out += String(((((days + 3) % 7) + 7) % 7) + 1); break;
      default: throw new RangeError(`Unsupported letter '${t.letter}' in date pattern '${pattern}'`);
    }
  }
  return out;
}

/**
 * Parses text with a Java pattern into wall-clock epoch ms; undefined when the text does not
 * match (missing fields default to 1970-01-01 00:00:00).
 */
export function parseWithPattern(text: string, pattern: string): number | undefined {
  let y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0, ms = 0, pm: boolean | undefined;
  let pos = 0;
  const tokens = tokenize(pattern);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if ('text' in t) {
      if (!text.startsWith(t.text, pos)) return undefined;
      pos += t.text.length;
      continue;
    }
    if (t.letter === 'a') {
      const ap = text.slice(pos, pos + 2).toUpperCase();
      if (ap !== 'AM' && ap !== 'PM') return undefined;
      pm = ap === 'PM';
      pos += 2;
      continue;
    }
    if ((t.letter === 'M' || t.letter === 'L') && t.count >= 3) {
      const idx = MONTHS.findIndex((name) => text.startsWith(t.count >= 4 ? name : name.slice(0, 3), pos));
      if (idx < 0) return undefined;
      mo = idx + 1;
      pos += t.count >= 4 ? MONTHS[idx]!.length : 3;
      continue;
    }
    if (t.letter === 'E') {
      const idx = DAYS.findIndex((name) => text.startsWith(t.count >= 4 ? name : name.slice(0, 3), pos));
      if (idx < 0) return undefined;
      pos += t.count >= 4 ? DAYS[idx]!.length : 3;
      continue;
    }
    // A numeric field takes exactly `count` digits when another numeric field follows directly (yyyyMMdd), else 1+.
    const next = tokens[k + 1];
    const adjacent = next !== undefined && !('text' in next);
    let end = pos;
    const neg = t.letter === 'y' && text[end] === '-' ? (end++, true) : false;
    const maxEnd = adjacent ? end + t.count : text.length;
    while (end < maxEnd && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    if (end === pos + (neg ? 1 : 0)) return undefined;
    const digits = text.slice(neg ? pos + 1 : pos, end);
    const v = Number(digits) * (neg ? -1 : 1);
    pos = end;
    switch (t.letter) {
      case 'y': case 'u': y = t.count === 2 && digits.length === 2 ? 2000 + v : v; break;
      case 'M': case 'L': mo = v; break;
      case 'd': d = v; break;
      case 'H': case 'k': h = v === 24 && t.letter === 'k' ? 0 : v; break;
      case 'h': case 'K': h = v % 12; break;
      case 'm': mi = v; break;
      case 's': s = v; break;
      case 'S': ms = Number((digits + '00').slice(0, 3)); break;
      case 'D': mo = 1; d = v; break;
      default: return undefined;
    }
  }
  if (pos !== text.length) return undefined;
  if (pm !== undefined) h = (h % 12) + (pm ? 12 : 0);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return undefined;
  if (d < 1 || d > (tokens.some((t) => 'letter' in t && t.letter === 'D') ? 366 : daysInMonth(y, mo))) return undefined;
  return (daysFromCivil(y, mo, 1) + d - 1) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}
