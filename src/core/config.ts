// Configuration: typed options under Flink's key names, parsed from strings (`-D key=value`)
// with errors that name the key and the allowed values.
import { ConfigError } from './errors.ts';

export type OptionType = 'int' | 'duration' | 'boolean' | 'string' | 'enum' | 'memory';

export interface ConfigOption<T> {
  readonly key: string;
  readonly type: OptionType;
  readonly defaultValue: T;
  readonly description: string;
  /** For 'enum': the allowed spellings (matched case-insensitively, stored upper-case as given here). */
  readonly values?: readonly string[];
  readonly min?: number;
}

export function option<T>(o: ConfigOption<T>): ConfigOption<T> {
  return o;
}

const DURATION_UNITS: Record<string, number> = {
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000, m: 60_000,
  h: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
};

/** Parses Flink durations: `500` (ms), `500 ms`, `10s`, `1 min`, `2 h`. Returns milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = m[2]!.toLowerCase();
  const factor = unit === '' ? 1 : DURATION_UNITS[unit];
  return factor === undefined ? undefined : Math.round(Number(m[1]) * factor);
}

const MEMORY_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1 << 20, mb: 1 << 20, g: 1 << 30, gb: 1 << 30 };

export function parseMemorySize(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
  const factor = m ? MEMORY_UNITS[m[2]!.toLowerCase()] : undefined;
  return m && factor !== undefined ? Number(m[1]) * factor : undefined;
}

function parseValue<T>(opt: ConfigOption<T>, raw: unknown): T {
  const fail = (expected: string): never => {
    throw new ConfigError(opt.key, `invalid value '${String(raw)}' for configuration key '${opt.key}': expected ${expected}`);
  };
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (opt.type) {
    case 'int': {
      const n = typeof text === 'number' ? text : /^-?\d+$/.test(String(text)) ? Number(text) : NaN;
      if (!Number.isSafeInteger(n)) fail('an integer');
      if (opt.min !== undefined && n < opt.min) fail(`an integer >= ${opt.min}`);
      return n as T;
    }
    case 'duration': {
      const ms = typeof text === 'number' ? text : parseDuration(String(text));
      if (ms === undefined || !(ms >= 0)) fail(`a duration such as '500 ms', '10 s' or '1 min'`);
      return ms as T;
    }
    case 'memory': {
      const b = typeof text === 'number' ? text : parseMemorySize(String(text));
      if (b === undefined) fail(`a size such as '64 kb' or '32 mb'`);
      return b as T;
    }
    case 'boolean': {
      if (typeof text === 'boolean') return text as T;
      const s = String(text).toLowerCase();
      if (s !== 'true' && s !== 'false') fail(`one of: true, false`);
      return (s === 'true') as T;
    }
    case 'enum': {
      const allowed = opt.values ?? [];
      const found = allowed.find((v) => v.toLowerCase() === String(text).toLowerCase().replace(/_/g, '-'))
        ?? allowed.find((v) => v.toLowerCase() === String(text).toLowerCase());
      if (found === undefined) fail(`one of: ${allowed.join(', ')}`);
      return found as T;
    }
    case 'string':
      return String(text) as T;
  }
}

/** A set of configuration values. Unknown keys are kept (connectors read their own), as in Flink. */
export class Configuration {
  readonly #values = new Map<string, unknown>();

  constructor(entries?: Iterable<[string, unknown]>) {
    if (entries) for (const [k, v] of entries) this.#values.set(k, v);
  }

  /** Sets a raw value; it is validated when read through an option, or at once if `opt` is given. */
  set<T>(key: string | ConfigOption<T>, value: unknown): this {
    if (typeof key === 'string') {
      this.#values.set(key, value);
    } else {
      this.#values.set(key.key, parseValue(key, value));
    }
    return this;
  }

  get<T>(opt: ConfigOption<T>): T {
    if (!this.#values.has(opt.key)) return opt.defaultValue;
    return parseValue(opt, this.#values.get(opt.key));
  }

  getOptional<T>(opt: ConfigOption<T>): T | undefined {
    return this.#values.has(opt.key) ? parseValue(opt, this.#values.get(opt.key)) : undefined;
  }

  has(key: string): boolean {
    return this.#values.has(key);
  }

  getRaw(key: string): unknown {
    return this.#values.get(key);
  }

  /** Validates every value whose key is a known option, so a typo'd value fails before the job starts. */
  validate(known: Iterable<ConfigOption<unknown>>): void {
    for (const opt of known) this.getOptional(opt);
  }

  merge(other: Configuration): Configuration {
    const c = new Configuration(this.#values);
    for (const [k, v] of other.#values) c.#values.set(k, v);
    return c;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.#values);
  }

  static fromJSON(obj: Record<string, unknown>): Configuration {
    return new Configuration(Object.entries(obj));
  }

  /** Parses `key=value` pairs as given to `-D`. */
  static fromDynamicProperties(pairs: readonly string[]): Configuration {
    const c = new Configuration();
    for (const p of pairs) {
      const i = p.indexOf('=');
      if (i <= 0) throw new ConfigError(p, `invalid dynamic property '${p}': expected -D key=value`);
      c.set(p.slice(0, i).trim(), p.slice(i + 1));
    }
    return c;
  }
}
