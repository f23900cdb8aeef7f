// The session configuration of a TableEnvironment (Flink's TableConfig): SET/RESET of runtime
// (execution.*, pipeline.*, ...), planner (table.*) and SQL client (sql-client.*) keys, each
// checked against the known options so that a typo fails at SET with the allowed values.
import { Configuration, option, type ConfigOption } from '../../core/config.ts';
import { ALL_OPTIONS } from '../../core/config-options.ts';
import { ConfigError } from '../../core/errors.ts';
import { TABLE_OPTIONS } from './table-options.ts';

export const RESULT_MODE = option<'TABLE' | 'CHANGELOG' | 'TABLEAU'>({ key: 'sql-client.execution.result-mode', type: 'enum', values: ['TABLE', 'CHANGELOG', 'TABLEAU'], defaultValue: 'TABLE', description: 'How the SQL client shows query results: a live materialised table, the changelog, or printed rows.' });
export const MAX_TABLE_ROWS = option<number>({ key: 'sql-client.execution.max-table-result.rows', type: 'int', min: 1, defaultValue: 1_000_000, description: 'Rows the table result mode keeps; older rows are dropped beyond it.' });
export const MAX_COLUMN_WIDTH = option<number>({ key: 'sql-client.display.max-column-width', type: 'int', min: 1, defaultValue: 30, description: 'Widest column the client prints; longer values end in "...".' });
export const CLIENT_VERBOSE = option<boolean>({ key: 'sql-client.verbose', type: 'boolean', defaultValue: false, description: 'Print the stack trace of errors.' });
export const DML_SYNC = option<boolean>({ key: 'table.dml-sync', type: 'boolean', defaultValue: false, description: 'INSERT statements wait for their job to finish (and fail if it fails).' });
export const PIPELINE_NAME = option<string>({ key: 'pipeline.name', type: 'string', defaultValue: '', description: 'The name of the next jobs (default: insert-into_<sinks> or collect).' });

export const CLIENT_OPTIONS: readonly ConfigOption<unknown>[] = [RESULT_MODE, MAX_TABLE_ROWS, MAX_COLUMN_WIDTH, CLIENT_VERBOSE] as ConfigOption<unknown>[];

/** Every key SET accepts. */
export const KNOWN_OPTIONS: ReadonlyMap<string, ConfigOption<unknown>> = new Map(
  [...ALL_OPTIONS, ...TABLE_OPTIONS, ...CLIENT_OPTIONS, DML_SYNC, PIPELINE_NAME].map((o) => [o.key, o as ConfigOption<unknown>]),
);

function knownOption(key: string): ConfigOption<unknown> {
  const opt = KNOWN_OPTIONS.get(key);
  if (opt) return opt;
  const prefix = key.split('.')[0]!;
  const near = [...KNOWN_OPTIONS.keys()].filter((k) => k.split('.')[0] === prefix).sort();
  throw new ConfigError(key, `Unknown configuration key '${key}'. ${near.length ? `Known '${prefix}.*' keys are:\n${near.join('\n')}` : `Known key prefixes are: ${[...new Set([...KNOWN_OPTIONS.keys()].map((k) => k.split('.')[0]))].sort().join(', ')}`}`);
}

/** Checks one key and value; throws a ConfigError naming the key and the allowed values. */
export function validateOption(key: string, value: string): void {
  new Configuration().set(knownOption(key), value);
}

export class TableConfig {
  readonly #initial: ReadonlyMap<string, string>;
  readonly #values: Map<string, string>;

  /** `initial`: the values RESET returns to (create({ config }), `weir sql -D`). */
  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const [k, v] of Object.entries(initial)) validateOption(k, v);
    this.#initial = new Map(Object.entries(initial));
    this.#values = new Map(this.#initial);
  }

  /** Sets a key after checking it (Flink's TableConfig.set). */
  set(key: string, value: string): this {
    validateOption(key, value);
    this.#values.set(key, value);
    return this;
  }

  /** The value as set, or undefined when the key has its default. */
  get(key: string): string | undefined {
    return this.#values.get(key);
  }

  /** The typed value of an option (its default when not set). */
  getOption<T>(opt: ConfigOption<T>): T {
    return this.configuration().get(opt);
  }

  /** Back to the initial value (RESET 'key'), or every key (RESET). */
  reset(key?: string): void {
    if (key === undefined) {
      this.#values.clear();
      for (const [k, v] of this.#initial) this.#values.set(k, v);
      return;
    }
    knownOption(key);
    const initial = this.#initial.get(key);
    if (initial === undefined) this.#values.delete(key);
    else this.#values.set(key, initial);
  }

  /** Every key set in this session, sorted. */
  entries(): [string, string][] {
    return [...this.#values].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  initialValues(): Record<string, string> {
    return Object.fromEntries(this.#initial);
  }

  /** A Configuration of the current values, for the planner and new stream environments. */
  configuration(): Configuration {
    return new Configuration(this.#values);
  }
}
