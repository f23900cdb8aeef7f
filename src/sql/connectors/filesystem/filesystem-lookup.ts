// Lookup joins against a filesystem table: the whole table is read into memory and indexed by the
// lookup key; after 'lookup.cache.ttl' the next lookup starts a reload in the background and the old
// contents serve until it completes. Changelog formats are applied (by primary key, else by row).
import { readFile } from 'node:fs/promises';
import type { Row } from '../../../core/row.ts';
import { listFiles } from '../../../connectors/file/file-discovery.ts';
import type { LookupFunction } from '../table-connector.ts';
import type { FilesystemTable } from './filesystem-table.ts';

const keyOf = (fields: readonly unknown[], indexes: readonly number[]): string => {
  let k = '';
  for (let i = 0; i < indexes.length; i++) k += (i ? '\u0000' : '') + String(fields[indexes[i]!]);
  return k;
};

const keyOfValues = (values: readonly unknown[]): string => {
  let k = '';
  for (let i = 0; i < values.length; i++) k += (i ? '\u0000' : '') + String(values[i]);
  return k;
};

/** Reads every file of the table and returns the rows it holds once its changelog is applied. */
export async function readTable(table: FilesystemTable, primaryKey: readonly number[] | undefined): Promise<unknown[][]> {
  const decode = table.rowDecoder([], undefined);
  const changelog = table.format.changelogMode === 'all';
  const identity = primaryKey ?? table.physicalType.names.map((_, i) => i);
  const byKey = new Map<string, unknown[]>();
  const rows: unknown[][] = [];
  const apply = (row: Row): void => {
    if (!changelog) rows.push(row.fields);
    else if (row.kind === '+I' || row.kind === '+U') byKey.set(keyOf(row.fields, identity), row.fields);
    else byKey.delete(keyOf(row.fields, identity));
  };
  for (const path of await listFiles([table.basePath])) {
    const lines = (await readFile(path, 'utf8')).split('\n');
    if (lines.at(-1) === '') lines.pop();
    lines.forEach((line, i) => decode(line.endsWith('\r') ? line.slice(0, -1) : line, path, i + 1, apply));
  }
  return changelog ? [...byKey.values()] : rows;
}

export class FilesystemLookup implements LookupFunction {
  readonly #table: FilesystemTable;
  readonly #keys: readonly number[];
  readonly #primaryKey: readonly number[] | undefined;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #index = new Map<string, unknown[][]>();
  #loadedAt = 0;
  #reloading: Promise<void> | undefined;
  #reloadFailure: unknown;

  constructor(table: FilesystemTable, keys: readonly number[], primaryKey: readonly number[] | undefined, ttlMs: number, now: () => number = Date.now) {
    this.#table = table;
    this.#keys = keys;
    this.#primaryKey = primaryKey;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  async open(): Promise<void> {
    await this.#load();
  }

  lookup(key: readonly unknown[]): readonly unknown[][] {
    if (this.#reloadFailure !== undefined) throw this.#reloadFailure;
    if (this.#now() - this.#loadedAt >= this.#ttlMs && !this.#reloading) {
      this.#reloading = this.#load()
        .catch((e: unknown) => { this.#reloadFailure = e; })
        .finally(() => { this.#reloading = undefined; });
    }
    return this.#index.get(keyOfValues(key)) ?? [];
  }

  /** Resolves when a reload started by a lookup has finished (tests). */
  async settled(): Promise<void> {
    await this.#reloading;
  }

  async #load(): Promise<void> {
    const rows = await readTable(this.#table, this.#primaryKey);
    const index = new Map<string, unknown[][]>();
    for (const r of rows) {
      const k = keyOf(r, this.#keys);
      const list = index.get(k);
      if (list) list.push(r);
      else index.set(k, [r]);
    }
    this.#index = index;
    this.#loadedAt = this.#now();
  }
}
