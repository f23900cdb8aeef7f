// String functions and operators: || CONCAT CONCAT_WS SUBSTRING UPPER LOWER TRIM CHAR_LENGTH
// POSITION LOCATE REPLACE REGEXP_* SPLIT_INDEX LPAD RPAD INITCAP hashes REVERSE REPEAT LEFT RIGHT
// UUID base64 ASCII CHR LIKE SIMILAR TO. Positions are 1-based; SUBSTRING, LEFT, RIGHT, the pads
// and CHAR_LENGTH count code points, POSITION/LOCATE/INSTR count UTF-16 units.
import { createHash, randomUUID } from 'node:crypto';
import { MAX_LENGTH, Types, type LogicalType } from '../../../core/types/logical-type.ts';
import type { Rex } from '../../planner/rex.ts';
import type { ScalarFunctionDef } from './function-def.ts';
import { anyNullable, cannotApply, castTo, fixed, makeCall, STRING, variadic } from './signature.ts';

// Result types are NOT NULL unless the function can return NULL for non-NULL operands
// (the call is nullable anyway when an operand is).
const str = (mayBeNull = false): LogicalType => STRING(mayBeNull);
const int = (): LogicalType => Types.INT(false);
const bool = (mayBeNull = false): LogicalType => Types.BOOLEAN(mayBeNull);
const lengthOf = (r: Rex): number => r.type.length ?? MAX_LENGTH;

/** Java regexes compiled once per pattern text and flags (null for an invalid pattern). */
const regexCaches = new Map<string, Map<string, RegExp | null>>();
function regex(pattern: string, flags = ''): RegExp | null {
  let cache = regexCaches.get(flags);
  if (!cache) regexCaches.set(flags, (cache = new Map()));
  let re = cache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, flags);
    } catch {
      re = null;
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;
const escapeRegex = (s: string): string => s.replace(REGEX_SPECIAL, '\\$&');

/** A LIKE pattern as an anchored RegExp: % any run, _ one character, `escape` quotes the next one. */
export function likeToRegex(pattern: string, escape: string | null): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (escape !== null && ch === escape) {
      const next = pattern[++i];
      if (next === undefined || (next !== '%' && next !== '_' && next !== escape)) throw new RangeError(`Invalid escape sequence '${pattern}', ${i}`);
      src += escapeRegex(next);
    } else if (ch === '%') src += '[\\s\\S]*';
    else if (ch === '_') src += '[\\s\\S]';
    else src += escapeRegex(ch);
  }
  return new RegExp(`^${src}$`);
}

/** A SIMILAR TO pattern: LIKE's wildcards plus regular-expression operators | * + ? {} () []. */
function similarToRegex(pattern: string, escape: string | null): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (escape !== null && ch === escape) src += escapeRegex(pattern[++i] ?? '');
    else if (ch === '%') src += '[\\s\\S]*';
    else if (ch === '_') src += '[\\s\\S]';
    else if ('|*+?{}()[]^-,'.includes(ch)) src += ch;
    else src += escapeRegex(ch);
  }
  return new RegExp(`^(?:${src})$`);
}

const likeDef = (op: 'LIKE' | 'NOT LIKE' | 'SIMILAR TO'): ScalarFunctionDef =>
  fixed(op, [['STRING', 'STRING'], ['STRING', 'STRING', 'STRING']], () => bool(), {
    kind: 'strict',
    make(c) {
      const toRe = (p: string, esc: string | undefined): RegExp => {
        if (esc !== undefined && esc.length !== 1) throw new RangeError(`Invalid escape character '${esc}': it must be a single character`);
        return (op === 'SIMILAR TO' ? similarToRegex : likeToRegex)(p, esc ?? null);
      };
      const negate = op === 'NOT LIKE';
      const [, p, esc] = c.operands;
      // A literal pattern (the usual case) is translated once.
      if (p!.kind === 'literal' && (esc === undefined || esc.kind === 'literal')) {
        const re = toRe(p!.value as string, esc?.kind === 'literal' ? (esc.value as string) : undefined);
        return (s: string) => re.test(s) !== negate;
      }
      const cache = new Map<string, RegExp>();
      return (s: string, pattern: string, e?: string) => {
        const key = e === undefined ? pattern : `${e}\u0000${pattern}`;
        let re = cache.get(key);
        if (!re) {
          re = toRe(pattern, e);
          if (cache.size > 1000) cache.clear();
          cache.set(key, re);
        }
        return re.test(s) !== negate;
      };
    },
  });

/** `a || b`: CHAR(n) || CHAR(m) is CHAR(n + m), otherwise VARCHAR; also BYTES || BYTES. */
const concatOp: ScalarFunctionDef = {
  names: ['||'],
  resolve(site) {
    const [a, b] = site.operands;
    const isStr = (r: Rex): boolean => r.type.root === 'CHAR' || r.type.root === 'VARCHAR' || r.type.root === 'NULL';
    const isBin = (r: Rex): boolean => r.type.root === 'BINARY' || r.type.root === 'VARBINARY' || r.type.root === 'NULL';
    if (site.operands.length !== 2 || !((isStr(a!) && isStr(b!)) || (isBin(a!) && isBin(b!)))) cannotApply(site, ['<STRING> || <STRING>']);
    const len = Math.min(MAX_LENGTH, lengthOf(a!) + lengthOf(b!));
    const nullable = anyNullable([a!, b!]);
    if (isBin(a!) && isBin(b!) && !(a!.type.root === 'NULL' && b!.type.root === 'NULL')) {
      return makeCall(site, '||', [castTo(a!, Types.BYTES()), castTo(b!, Types.BYTES())], Types.VARBINARY(len, nullable));
    }
    const t = a!.type.root === 'CHAR' && b!.type.root === 'CHAR' ? Types.CHAR(len, nullable) : Types.VARCHAR(len, nullable);
    return makeCall(site, '||', [castTo(a!, Types.STRING()), castTo(b!, Types.STRING())], t);
  },
  impl: {
    kind: 'inline',
    code: ([a, b], c, g) => (c.type.root === 'VARBINARY' ? `${g.capture(concatBytes)}([${a}, ${b}])` : `(${a} + ${b})`),
  },
};

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Flink's SUBSTRING: 1-based start, 0 means 1, negative counts from the end; negative length:
 * NULL. Positions count code points (strings with surrogate pairs take a slower path).
 */
export function substring(s: string, pos: number, len?: number): string | null {
  if (len !== undefined && len < 0) return null;
  if (SURROGATE.test(s)) {
    const r = substring16([...s], pos, len);
    return r === null ? null : r.join('');
  }
  return substring16(s, pos, len);
}

function substring16<S extends string | string[]>(s: S, pos: number, len?: number): S {
  let start = pos > 0 ? pos - 1 : pos < 0 ? s.length + pos : 0;
  if (start >= s.length) return s.slice(0, 0) as S;
  if (start < 0) {
    if (len === undefined) return s;
    len += start;
    start = 0;
    if (len <= 0) return s.slice(0, 0) as S;
  }
  return (len === undefined ? s.slice(start) : s.slice(start, start + len)) as S;
}

/** The first `n` code points. */
const leftChars = (s: string, n: number): string => (SURROGATE.test(s) ? [...s].slice(0, n).join('') : s.slice(0, n));

function trimChars(s: string, chars: string, leading: boolean, trailing: boolean): string {
  let a = 0, b = s.length;
  if (leading) while (a < b && chars.includes(s[a]!)) a++;
  if (trailing) while (b > a && chars.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

function pad(s: string, len: number, p: string, left: boolean): string | null {
  if (len < 0) return null;
  const n = SURROGATE.test(s) ? codePointLength(s) : s.length;
  if (len <= n) return leftChars(s, len);
  if (p.length === 0) return null;
  const fill = leftChars(p.repeat(Math.ceil((len - n) / codePointLength(p))), len - n);
  return left ? fill + s : s + fill;
}

function initcap(s: string): string {
  let out = '';
  let start = true;
  for (const ch of s) {
    out += start ? ch.toUpperCase() : ch.toLowerCase();
    start = !/[\p{L}\p{N}]/u.test(ch);
  }
  return out;
}

const encoder = new TextEncoder();
const toBytes = (v: string | Uint8Array): Uint8Array => (typeof v === 'string' ? encoder.encode(v) : v);
const hash = (alg: string) => (v: string | Uint8Array): string => createHash(alg).update(toBytes(v)).digest('hex');

const strict = (f: (...args: any[]) => unknown) => ({ kind: 'strict' as const, make: () => f });
const inline = (code: (args: readonly string[]) => string) => ({ kind: 'inline' as const, code });

export const STRING_FUNCTIONS: readonly ScalarFunctionDef[] = [
  concatOp,
  likeDef('LIKE'), likeDef('NOT LIKE'), likeDef('SIMILAR TO'),
  variadic('CONCAT', 'STRING', 1, (ops) => STRING(anyNullable(ops)), inline((args) => `(${args.length === 1 ? `"" + ${args[0]}` : args.join(' + ')})`)),
  {
    names: ['CONCAT_WS'],
    resolve(site) {
      if (site.operands.length < 1 || !site.operands.every((o) => o.type.root === 'CHAR' || o.type.root === 'VARCHAR' || o.type.root === 'NULL')) {
        cannotApply(site, ['CONCAT_WS(<CHARACTER>, <CHARACTER>, ...)']);
      }
      const ops = site.operands.map((o) => castTo(o, Types.STRING()));
      return makeCall(site, 'CONCAT_WS', ops, STRING(ops[0]!.type.nullable));
    },
    impl: {
      kind: 'lenient',
      make: () => (sep: string | null, ...parts: (string | null)[]) => (sep === null ? null : parts.filter((p) => p !== null).join(sep)),
    },
  },
  fixed(['SUBSTRING', 'SUBSTR'], [['STRING', 'INT'], ['STRING', 'INT', 'INT']], () => str(true), strict(substring)),
  fixed('UPPER', [['STRING']], () => str(), inline(([a]) => `${a}.toUpperCase()`)),
  fixed('LOWER', [['STRING']], () => str(), inline(([a]) => `${a}.toLowerCase()`)),
  {
    names: ['TRIM'],
    resolve(site) {
      if (site.operands.length !== 2 || !site.operands.every((o) => o.type.root === 'CHAR' || o.type.root === 'VARCHAR' || o.type.root === 'NULL')) {
        cannotApply(site, ['TRIM([BOTH|LEADING|TRAILING] <CHARACTER> FROM <CHARACTER>)']);
      }
      const ops = site.operands.map((o) => castTo(o, Types.STRING()));
      return makeCall(site, 'TRIM', ops, STRING(anyNullable(ops)));
    },
    impl: {
      kind: 'strict',
      make(c) {
        const side = (c.flags?.['side'] as string | undefined) ?? 'BOTH';
        return (chars: string, s: string) => trimChars(s, chars, side !== 'TRAILING', side !== 'LEADING');
      },
    },
  },
  fixed('LTRIM', [['STRING'], ['STRING', 'STRING']], () => str(), strict((s: string, chars = ' ') => trimChars(s, chars, true, false))),
  fixed('RTRIM', [['STRING'], ['STRING', 'STRING']], () => str(), strict((s: string, chars = ' ') => trimChars(s, chars, false, true))),
  fixed('BTRIM', [['STRING'], ['STRING', 'STRING']], () => str(), strict((s: string, chars = ' ') => trimChars(s, chars, true, true))),
  fixed(['CHAR_LENGTH', 'CHARACTER_LENGTH'], [['STRING']], () => int(), strict(codePointLength)),
  fixed('POSITION', [['STRING', 'STRING']], () => int(), inline(([n, h]) => `(${h}.indexOf(${n}) + 1)`)),
  fixed('LOCATE', [['STRING', 'STRING'], ['STRING', 'STRING', 'INT']], () => int(),
    strict((n: string, h: string, start = 1) => (start < 1 ? 0 : h.indexOf(n, start - 1) + 1))),
  fixed('INSTR', [['STRING', 'STRING']], () => int(), inline(([h, n]) => `(${h}.indexOf(${n}) + 1)`)),
  // OVERLAY(s PLACING r FROM start [FOR len]): len defaults to the length of r.
  fixed('OVERLAY', [['STRING', 'STRING', 'INT'], ['STRING', 'STRING', 'INT', 'INT']], () => str(),
    strict((s: string, r: string, from: number, len = r.length) => s.slice(0, Math.max(0, from - 1)) + r + s.slice(Math.max(0, from - 1 + len)))),
  // BIN / HEX of an integer show its 64-bit two's complement (Java's Long.toBinaryString / toHexString).
  fixed('BIN', [['BIGINT']], () => str(), strict((v: number | bigint) => BigInt.asUintN(64, BigInt(v)).toString(2))),
  fixed('HEX', [['INTEGER'], ['STRING_OR_BINARY']], () => str(), strict((v: number | bigint | string | Uint8Array) =>
    (typeof v === 'number' || typeof v === 'bigint' ? BigInt.asUintN(64, BigInt(v)).toString(16) : Buffer.from(toBytes(v)).toString('hex')).toUpperCase())),
  fixed('REPLACE', [['STRING', 'STRING', 'STRING']], () => str(), strict((s: string, from: string, to: string) => (from === '' ? s : s.split(from).join(to)))),
  fixed('REGEXP_EXTRACT', [['STRING', 'STRING'], ['STRING', 'STRING', 'INT']], () => str(true), strict((s: string, p: string, group = 0) => {
    const re = regex(p);
    const m = re?.exec(s);
    return m && group >= 0 && group < m.length ? (m[group] ?? null) : null;
  })),
  fixed('REGEXP_REPLACE', [['STRING', 'STRING', 'STRING']], () => str(true), strict((s: string, p: string, r: string) => {
    const re = regex(p, 'g');
    return re ? s.replace(re, r.replace(/\\\$/g, '$$$$')) : null;
  })),
  fixed('REGEXP', [['STRING', 'STRING']], () => bool(true), strict((s: string, p: string) => {
    const re = regex(p);
    return re ? re.test(s) : null;
  })),
  fixed('REGEXP_EXTRACT_ALL', [['STRING', 'STRING'], ['STRING', 'STRING', 'INT']], () => Types.ARRAY(STRING(), true), strict((s: string, p: string, group = 0) => {
    const re = regex(p, 'g');
    if (!re || group < 0) return null;
    return [...s.matchAll(re)].map((m) => m[group] ?? null);
  })),
  fixed('SPLIT', [['STRING', 'STRING']], () => Types.ARRAY(STRING(), false), strict((s: string, d: string) => (d === '' ? [...s] : s.split(d)))),
  fixed('SPLIT_INDEX', [['STRING', 'STRING', 'INT']], () => str(true), strict((s: string, d: string, i: number) => {
    if (i < 0) return null;
    const parts = d === '' ? [s] : s.split(d);
    return i < parts.length ? parts[i]! : null;
  })),
  fixed('LPAD', [['STRING', 'INT', 'STRING']], () => str(true), strict((s: string, n: number, p: string) => pad(s, n, p, true))),
  fixed('RPAD', [['STRING', 'INT', 'STRING']], () => str(true), strict((s: string, n: number, p: string) => pad(s, n, p, false))),
  fixed('INITCAP', [['STRING']], () => str(), strict(initcap)),
  fixed('MD5', [['STRING_OR_BINARY']], () => Types.CHAR(32, false), strict(hash('md5'))),
  fixed('SHA1', [['STRING_OR_BINARY']], () => Types.CHAR(40, false), strict(hash('sha1'))),
  fixed('SHA256', [['STRING_OR_BINARY']], () => Types.CHAR(64, false), strict(hash('sha256'))),
  fixed('SHA2', [['STRING_OR_BINARY', 'INT']], () => str(true), strict((v: string | Uint8Array, bits: number) =>
    [224, 256, 384, 512].includes(bits) ? hash(`sha${bits}`)(v) : null)),
  fixed('REVERSE', [['STRING']], () => str(), strict((s: string) => [...s].reverse().join(''))),
  fixed('REPEAT', [['STRING', 'INT']], () => str(), strict((s: string, n: number) => (n <= 0 ? '' : s.repeat(n)))),
  fixed('LEFT', [['STRING', 'INT']], () => str(), strict((s: string, n: number) => (n <= 0 ? '' : leftChars(s, n)))),
  fixed('RIGHT', [['STRING', 'INT']], () => str(), strict((s: string, n: number) => (n <= 0 ? '' : substring(s, -n) ?? ''))),
  fixed('UUID', [[]], () => Types.CHAR(36, false), { kind: 'lenient', make: () => () => randomUUID() }, { nonDeterministic: true, ownNullability: true }),
  fixed('TO_BASE64', [['STRING_OR_BINARY']], () => str(), strict((v: string | Uint8Array) => Buffer.from(toBytes(v)).toString('base64'))),
  fixed('FROM_BASE64', [['STRING']], () => str(), strict((s: string) => Buffer.from(s, 'base64').toString('utf8'))),
  fixed('ASCII', [['STRING']], () => int(), strict((s: string) => (s.length === 0 ? 0 : s.charCodeAt(0)))),
  fixed('STR_TO_MAP', [['STRING'], ['STRING', 'STRING', 'STRING']], () => Types.MAP(STRING(), STRING(), false), strict((s: string, pairDelim = ',', kvDelim = '=') => {
    // Flink treats both delimiters as regular expressions; an entry without a key/value delimiter maps to NULL.
    const pairRe = regex(pairDelim) ?? new RegExp(escapeRegex(pairDelim));
    const kvRe = regex(kvDelim) ?? new RegExp(escapeRegex(kvDelim));
    const m = new Map<string, string | null>();
    for (const entry of s.split(pairRe)) {
      const kv = kvRe.exec(entry);
      m.set(kv ? entry.slice(0, kv.index) : entry, kv ? entry.slice(kv.index + kv[0].length) : null);
    }
    return m;
  })),
  fixed('CHR', [['INT']], () => Types.CHAR(1, true), strict((n: number) => (n < 0 ? null : String.fromCharCode(n % 256)))),
];
