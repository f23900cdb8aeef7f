// Validation of a table's WITH options against what its connector and formats support, worded as
// Flink words it, and typed getters that name the option key when a value is malformed.
import { ConfigError } from '../../core/errors.ts';
import { parseDuration, parseMemorySize } from '../../core/config.ts';
import type { RowFormatFactory } from '../../formats/row-format.ts';
import type { ObjectPath } from '../catalog/catalog-objects.ts';
import type { OptionSpec } from './table-connector.ts';

/** `table 'cat.db.t'`, how errors name a table. */
export function tableName(path: ObjectPath): string {
  return `table '${path.catalog}.${path.database}.${path.name}'`;
}

/** A format whose options are accepted under `prefix` (`json.` for 'format' = 'json', `value.json.` for Kafka's value format). */
export interface PrefixedFormat {
  readonly prefix: string;
  readonly format: RowFormatFactory;
}

/** Options every connector accepts (Flink's FactoryUtil adds them too). */
const ALWAYS_ALLOWED: readonly OptionSpec[] = [{ key: 'connector', required: true }, { key: 'property-version' }];

/**
 * Checks `options` against the connector's specs and the formats' specs (each under its prefix):
 * unknown keys, missing required keys and values outside their allowed set are errors that list
 * what is supported. `formats` may be bare factories (prefix `<identifier>.`).
 */
export function validateOptions(
  factory: { readonly identifier: string; readonly options: readonly OptionSpec[] },
  options: Readonly<Record<string, string>>,
  formats: readonly (PrefixedFormat | RowFormatFactory)[] = [],
): void {
  const specs: OptionSpec[] = [...ALWAYS_ALLOWED, ...factory.options];
  for (const f of formats) {
    const { prefix, format } = 'prefix' in f ? f : { prefix: `${f.identifier}.`, format: f };
    for (const s of format.options) specs.push({ ...s, key: prefix + s.key });
  }
  const matchers = specs.map((s) => ({ spec: s, test: s.pattern ? patternMatcher(s.key) : (k: string) => k === s.key }));

  const unsupported = Object.keys(options).filter((k) => !matchers.some((m) => m.test(k))).sort();
  if (unsupported.length > 0) {
    const supported = [...new Set(specs.map((s) => s.key))].sort();
    throw new ConfigError(
      unsupported[0]!,
      `Unsupported options found for '${factory.identifier}'.\n\nUnsupported options:\n\n${unsupported.join('\n')}\n\nSupported options:\n\n${supported.join('\n')}`,
    );
  }

  const missing = specs.filter((s) => s.required && !s.pattern && options[s.key] === undefined).map((s) => s.key).sort();
  if (missing.length > 0) {
    throw new ConfigError(missing[0]!, `One or more required options are missing.\n\nMissing required options are:\n\n${missing.join('\n')}`);
  }

  for (const [key, value] of Object.entries(options)) {
    const spec = matchers.find((m) => m.test(key))!.spec;
    if (spec.allowed && !spec.allowed.some((a) => a.toLowerCase() === value.toLowerCase())) {
      throw new ConfigError(key, `Invalid value for option '${key}': '${value}'. Allowed values are: ${spec.allowed.join(', ')}`);
    }
  }
}

/** `fields.#.kind` matches `fields.<name>.kind`: `#` stands for any non-empty name. */
function patternMatcher(key: string): (k: string) => boolean {
  const re = new RegExp('^' + key.split('#').map(escapeRegExp).join('.+') + '$');
  return (k) => re.test(k);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Typed reads of a table's options: each getter returns the default when the key is absent and
 * throws a ConfigError naming the key, the value and what was expected when it is malformed.
 */
export class TableOptions {
  readonly raw: Readonly<Record<string, string>>;
  readonly #where: string;

  /** `where` names the table in errors, e.g. "table 'default_catalog.default_database.t'". */
  constructor(raw: Readonly<Record<string, string>>, where: string) {
    this.raw = raw;
    this.#where = where;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  string(key: string): string | undefined;
  string(key: string, fallback: string): string;
  string(key: string, fallback?: string): string | undefined {
    return this.raw[key] ?? fallback;
  }

  /** A value that must be present. */
  required(key: string): string {
    const v = this.raw[key];
    if (v === undefined) throw new ConfigError(key, `Missing required option '${key}' of ${this.#where}`);
    return v;
  }

  int(key: string): number | undefined;
  int(key: string, fallback: number): number;
  int(key: string, fallback?: number): number | undefined {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    const n = /^\s*[-+]?\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) this.#fail(key, v, 'an integer');
    return n;
  }

  /** A number (integer or decimal). */
  number(key: string): number | undefined;
  number(key: string, fallback: number): number;
  number(key: string, fallback?: number): number | undefined {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    const n = v.trim() === '' ? NaN : Number(v);
    if (Number.isNaN(n)) this.#fail(key, v, 'a number');
    return n;
  }

  boolean(key: string): boolean | undefined;
  boolean(key: string, fallback: boolean): boolean;
  boolean(key: string, fallback?: boolean): boolean | undefined {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    const s = v.trim().toLowerCase();
    if (s !== 'true' && s !== 'false') this.#fail(key, v, 'one of: true, false');
    return s === 'true';
  }

  /** Milliseconds from `500`, `500 ms`, `2 s`, `10s`, `1 min`, `1 h`. */
  duration(key: string): number | undefined;
  duration(key: string, fallback: number): number;
  duration(key: string, fallback?: number): number | undefined {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    const ms = parseDuration(v);
    if (ms === undefined) this.#fail(key, v, "a duration such as '500 ms', '10 s' or '1 min'");
    return ms;
  }

  /** Bytes from `1024`, `64 kb`, `128MB`, `1 gb`. */
  memory(key: string): number | undefined;
  memory(key: string, fallback: number): number;
  memory(key: string, fallback?: number): number | undefined {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    const b = parseMemorySize(v);
    if (b === undefined) this.#fail(key, v, "a memory size such as '64 kb' or '128 mb'");
    return b;
  }

  /** One of `allowed` (case-insensitive), returned as spelled in `allowed`. */
  choice<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    const found = allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase());
    if (found === undefined) throw new ConfigError(key, `Invalid value for option '${key}' of ${this.#where}: '${v}'. Allowed values are: ${allowed.join(', ')}`);
    return found;
  }

  #fail(key: string, value: string, expected: string): never {
    throw new ConfigError(key, `Invalid value for option '${key}' of ${this.#where}: '${value}' (expected ${expected})`);
  }
}
