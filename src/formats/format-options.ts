// Typed reads of a row format's options (keys without the format prefix); errors name the full key.
import { ConfigError } from '../core/errors.ts';

export class FormatOptions {
  readonly #options: Readonly<Record<string, string>>;
  readonly #prefix: string;

  /** `identifier` is the format's, for the keys in errors (`json.ignore-parse-errors`). */
  constructor(options: Readonly<Record<string, string>>, identifier: string) {
    this.#options = options;
    this.#prefix = identifier + '.';
  }

  string(key: string, fallback: string): string {
    return this.#options[key] ?? fallback;
  }

  optional(key: string): string | undefined {
    return this.#options[key];
  }

  boolean(key: string, fallback: boolean): boolean {
    const v = this.#options[key];
    if (v === undefined) return fallback;
    const s = v.trim().toLowerCase();
    if (s !== 'true' && s !== 'false') throw new ConfigError(this.#prefix + key, `Invalid value for option '${this.#prefix + key}': '${v}'. Allowed values are: true, false`);
    return s === 'true';
  }

  choice<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const v = this.#options[key];
    if (v === undefined) return fallback;
    const found = allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase());
    if (found === undefined) throw new ConfigError(this.#prefix + key, `Invalid value for option '${this.#prefix + key}': '${v}'. Allowed values are: ${allowed.join(', ')}`);
    return found;
  }

  /** A single character (csv delimiters and quotes), with Java escapes such as `\t`. */
  char(key: string, fallback: string): string {
    const v = this.#options[key];
    if (v === undefined) return fallback;
    const c = v === '\\t' ? '\t' : v;
    if (c.length !== 1) throw new ConfigError(this.#prefix + key, `Option '${this.#prefix + key}' must be a single character, got '${v}'`);
    return c;
  }

  /** A regular expression, compiled. */
  regex(key: string): RegExp | undefined {
    const v = this.#options[key];
    if (v === undefined) return undefined;
    try {
      return new RegExp(v);
    } catch (e) {
      throw new ConfigError(this.#prefix + key, `Option '${this.#prefix + key}' is not a valid regular expression: ${(e as Error).message}`);
    }
  }

  fail(key: string, message: string): never {
    throw new ConfigError(this.#prefix + key, message);
  }
}
