// Value generators of the datagen connector, one per column: `random` values within bounds or a
// `sequence` that maps the source's row index to start + index (so parallel subtasks that read
// contiguous index ranges together produce every value of start..end exactly once).
import { ConfigError } from '../../../core/errors.ts';
import type { LogicalType } from '../../../core/types/logical-type.ts';
import type { TableOptions } from '../option-validation.ts';

/** Produces the value of one column for the row with this index. */
export type FieldGenerator = (index: number) => unknown;

export interface FieldSpec {
  readonly name: string;
  readonly type: LogicalType;
  readonly options: TableOptions;
  /** The session time zone's offset at an instant: random TIMESTAMP, DATE and TIME values are its wall clock. */
  readonly zoneOffset: (instantMs: number) => number;
}

const INT_RANGES: Partial<Record<string, readonly [bigint, bigint]>> = {
  TINYINT: [-128n, 127n],
  SMALLINT: [-32768n, 32767n],
  INT: [-2147483648n, 2147483647n],
  BIGINT: [-(2n ** 63n), 2n ** 63n - 1n],
};

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The number of rows a sequence column yields (end - start + 1), or undefined for random columns. */
export function sequenceLength(field: FieldSpec): bigint | undefined {
  const o = field.options;
  const key = (k: string) => `fields.${field.name}.${k}`;
  if (o.choice(key('kind'), ['random', 'sequence'], 'random') !== 'sequence') return undefined;
  const start = parseBig(o, key('start'), true)!;
  const end = parseBig(o, key('end'), true)!;
  if (end < start) throw new ConfigError(key('end'), `'${key('end')}' (${end}) must not be smaller than '${key('start')}' (${start})`);
  return end - start + 1n;
}

/** Builds the generator of one column from its `fields.<name>.*` options. */
export function fieldGenerator(field: FieldSpec): FieldGenerator {
  const o = field.options;
  const key = (k: string) => `fields.${field.name}.${k}`;
  const kind = o.choice(key('kind'), ['random', 'sequence'], 'random');
  const gen = kind === 'sequence' ? sequenceGenerator(field) : randomGenerator(field.type, field, key);
  const nullRate = o.number(key('null-rate'), 0);
  if (!(nullRate >= 0 && nullRate <= 1)) throw new ConfigError(key('null-rate'), `'${key('null-rate')}' must be between 0 and 1, got ${nullRate}`);
  if (nullRate === 0) return gen;
  return (i) => (Math.random() < nullRate ? null : gen(i));
}

function parseBig(o: TableOptions, key: string, required: boolean): bigint | undefined {
  const v = required ? o.required(key) : o.string(key);
  if (v === undefined) return undefined;
  if (!/^\s*[-+]?\d+\s*$/.test(v)) throw new ConfigError(key, `Invalid value for option '${key}': '${v}' (expected an integer)`);
  return BigInt(v.trim());
}

function sequenceGenerator(field: FieldSpec): FieldGenerator {
  const key = (k: string) => `fields.${field.name}.${k}`;
  const start = parseBig(field.options, key('start'), true)!;
  const end = parseBig(field.options, key('end'), true)!;
  const t = field.type;
  const range = INT_RANGES[t.root];
  if (range && (start < range[0] || end > range[1])) throw new ConfigError(key('end'), `the sequence ${start}..${end} of field '${field.name}' does not fit ${t.root}`);
  const fitsNumber = start >= -SAFE && end <= SAFE;
  switch (t.root) {
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT': case 'FLOAT': case 'DOUBLE': {
      if (fitsNumber) { const s = Number(start); return t.root === 'FLOAT' ? (i) => Math.fround(s + i) : (i) => s + i; }
      return (i) => canonicalBigint(start + BigInt(i));
    }
    case 'DECIMAL': { const f = 10n ** BigInt(t.scale ?? 0); return (i) => (start + BigInt(i)) * f; }
    case 'CHAR': case 'VARCHAR': return fitsNumber ? (i) => String(Number(start) + i) : (i) => String(start + BigInt(i));
    default: throw new ConfigError(key('kind'), `datagen cannot generate a sequence of type ${t.root} for field '${field.name}'; sequences need a numeric or string column`);
  }
}

/** A bigint in the safe range becomes a number (BIGINT's canonical representation). */
function canonicalBigint(v: bigint): number | bigint {
  return v >= -SAFE && v <= SAFE ? Number(v) : v;
}

function randomGenerator(t: LogicalType, field: FieldSpec, key: (k: string) => string): FieldGenerator {
  const o = field.options;
  switch (t.root) {
    case 'BOOLEAN': return () => Math.random() < 0.5;
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT': {
      const [lo, hi] = INT_RANGES[t.root]!;
      const min = parseBig(o, key('min'), false) ?? lo;
      const max = parseBig(o, key('max'), false) ?? hi;
      if (min > max) throw new ConfigError(key('min'), `'${key('min')}' (${min}) must not be greater than '${key('max')}' (${max})`);
      if (min < lo || max > hi) throw new ConfigError(key('max'), `the range ${min}..${max} of field '${field.name}' does not fit ${t.root}`);
      return randomInteger(min, max);
    }
    case 'FLOAT': case 'DOUBLE': {
      const float = t.root === 'FLOAT';
      const min = o.number(key('min'), float ? 1.401298464324817e-45 : Number.MIN_VALUE);
      const max = o.number(key('max'), float ? 3.4028234663852886e38 : Number.MAX_VALUE);
      // min + r*max - r*min avoids overflowing max - min for the default bounds.
      return float ? () => { const r = Math.random(); return Math.fround(min + r * max - r * min); } : () => { const r = Math.random(); return min + r * max - r * min; };
    }
    case 'DECIMAL': {
      const p = t.precision ?? 10;
      const s = t.scale ?? 0;
      const limit = 10n ** BigInt(p) - 1n;
      const f = 10 ** s;
      const min = o.number(key('min'));
      const max = o.number(key('max'));
      if (min === undefined && max === undefined) return randomInteger(-limit, limit, true);
      const lo = BigInt(Math.ceil((min ?? -Number(limit) / f) * f));
      const hi = BigInt(Math.floor((max ?? Number(limit) / f) * f));
      return randomInteger(lo < -limit ? -limit : lo, hi > limit ? limit : hi, true);
    }
    case 'CHAR': case 'VARCHAR': {
      const length = o.int(key('length'), Math.min(100, t.length ?? 100));
      const varLen = o.boolean(key('var-len'), false);
      if (varLen) return () => randomHex(1 + Math.floor(Math.random() * length));
      return () => randomHex(length);
    }
    case 'BINARY': case 'VARBINARY': {
      const length = o.int(key('length'), Math.min(100, t.length ?? 100));
      const varLen = o.boolean(key('var-len'), false);
      return () => {
        const bytes = new Uint8Array(varLen ? 1 + Math.floor(Math.random() * length) : length);
        for (let i = 0; i < bytes.length; i++) bytes[i] = (Math.random() * 256) | 0;
        return bytes;
      };
    }
    case 'DATE': case 'TIME': case 'TIMESTAMP': case 'TIMESTAMP_LTZ': {
      const maxPast = o.duration(key('max-past'), 0);
      return timeGenerator(t.root, maxPast, field.zoneOffset);
    }
    case 'ARRAY': case 'MULTISET': {
      const length = o.int(key('length'), 3);
      const element = randomGenerator(t.element!, field, key);
      if (t.root === 'ARRAY') return (i) => Array.from({ length }, () => element(i));
      return (i) => { const m = new Map<unknown, number>(); for (let n = 0; n < length; n++) { const e = element(i); m.set(e, (m.get(e) ?? 0) + 1); } return m; };
    }
    case 'MAP': {
      const length = o.int(key('length'), 3);
      const k = randomGenerator(t.key!, field, key);
      const v = randomGenerator(t.value!, field, key);
      return (i) => { const m = new Map<unknown, unknown>(); for (let n = 0; n < length; n++) m.set(k(i), v(i)); return m; };
    }
    case 'ROW': {
      const gens = t.fields!.map((f) => randomGenerator(f.type, field, key));
      return (i) => gens.map((g) => g(i));
    }
    default:
      throw new ConfigError(key('kind'), `datagen cannot generate values of type ${t.root} for field '${field.name}'`);
  }
}

/** Uniform integers in [min, max]; numbers where the range allows, else bigints (canonical unless `raw`, for DECIMAL's unscaled values). */
function randomInteger(min: bigint, max: bigint, raw = false): FieldGenerator {
  const span = max - min + 1n;
  if (!raw && min >= -SAFE && max <= SAFE && span <= SAFE) {
    const lo = Number(min);
    const n = Number(span);
    return () => lo + Math.floor(Math.random() * n);
  }
  if (raw && span <= SAFE) {
    const n = Number(span);
    return () => min + BigInt(Math.floor(Math.random() * n));
  }
  return () => {
    // 64 random bits per draw, two more words for wide decimals; the modulo bias is negligible for test data.
    let r = 0n;
    for (let w = 0; w < 4; w++) r = (r << 32n) | BigInt((Math.random() * 0x1_0000_0000) >>> 0);
    const v = min + (r % span);
    return raw ? v : canonicalBigint(v);
  };
}

function timeGenerator(root: 'DATE' | 'TIME' | 'TIMESTAMP' | 'TIMESTAMP_LTZ', maxPastMs: number, zoneOffset: (instantMs: number) => number): FieldGenerator {
  const past = () => Date.now() - Math.floor(Math.random() * (maxPastMs + 1));
  const wall = () => { const t = past(); return t + zoneOffset(t); };
  switch (root) {
    case 'TIMESTAMP_LTZ': return past;
    case 'TIMESTAMP': return wall;
    case 'DATE': return () => Math.floor(wall() / 86_400_000);
    case 'TIME': return () => ((wall() % 86_400_000) + 86_400_000) % 86_400_000;
  }
}

const POOL_SIZE = 1 << 20;
let pool: string | undefined;

/**
 * A random string of hex digits (as Flink's random strings). Cut from a large pool of random hex
 * digits at random offsets, so a value costs two substrings instead of `length` random draws.
 */
export function randomHex(length: number): string {
  if (pool === undefined) pool = buildPool();
  if (length > POOL_SIZE) return pool.repeat(Math.ceil(length / POOL_SIZE)).slice(0, length);
  // Two halves from independent offsets: 2^40 combinations, so values rarely repeat.
  const half = length >> 1;
  const a = Math.floor(Math.random() * (POOL_SIZE - half));
  const b = Math.floor(Math.random() * (POOL_SIZE - length + half));
  return pool.substring(a, a + half) + pool.substring(b, b + length - half);
}

function buildPool(): string {
  const hex = '0123456789abcdef';
  const parts: string[] = [];
  for (let i = 0; i < POOL_SIZE; i += 8) {
    let n = (Math.random() * 0x1_0000_0000) >>> 0;
    let s = '';
    for (let j = 0; j < 8; j++, n >>>= 4) s += hex[n & 15];
    parts.push(s);
  }
  return parts.join('');
}
