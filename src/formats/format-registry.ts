// Row formats by their 'format' identifier, loaded on first use so that a job pays only for the
// formats its tables name.
import { ConfigError } from '../core/errors.ts';
import type { RowFormatFactory } from './row-format.ts';

type Loader = () => Promise<RowFormatFactory>;

const loaders = new Map<string, Loader>([
  ['csv', async () => (await import('./csv/csv-row-format.ts')).csvRowFormat],
  ['canal-json', async () => (await import('./canal-json/canal-json-row-format.ts')).canalJsonRowFormat],
  ['debezium-json', async () => (await import('./debezium-json/debezium-json-row-format.ts')).debeziumJsonRowFormat],
  ['json', async () => (await import('./json/json-row-format.ts')).jsonRowFormat],
  ['maxwell-json', async () => (await import('./maxwell-json/maxwell-json-row-format.ts')).maxwellJsonRowFormat],
  ['raw', async () => (await import('./raw/raw-row-format.ts')).rawRowFormat],
]);
const loaded = new Map<string, Promise<RowFormatFactory>>();
const resolved = new Map<string, RowFormatFactory>();

/** Registers (or replaces) a format; `load` runs when the format is first asked for. */
export function registerRowFormat(identifier: string, load: Loader): void {
  loaders.set(identifier, load);
  loaded.delete(identifier);
  resolved.delete(identifier);
}

export function rowFormatIdentifiers(): string[] {
  return [...loaders.keys()].sort();
}

/** The format named `identifier`; `key` is the option that named it ('format', 'value.format'), for the error. */
export function getRowFormat(identifier: string, key = 'format'): Promise<RowFormatFactory> {
  const cached = loaded.get(identifier);
  if (cached) return cached;
  const load = loaders.get(identifier);
  if (!load) {
    return Promise.reject(new ConfigError(key, `Could not find any format factory for identifier '${identifier}' (option '${key}'). Available format identifiers are:\n\n${rowFormatIdentifiers().join('\n')}`));
  }
  const promise = load();
  loaded.set(identifier, promise);
  promise.then((f) => resolved.set(identifier, f), () => loaded.delete(identifier));
  return promise;
}

/** The format if it has been loaded already (for synchronous callers such as readableMetadata), else undefined. */
export function loadedRowFormat(identifier: string): RowFormatFactory | undefined {
  return resolved.get(identifier);
}

/** Loads every registered format (a connector that needs their metadata synchronously awaits this once). */
export async function loadAllRowFormats(): Promise<void> {
  await Promise.all(rowFormatIdentifiers().map((id) => getRowFormat(id)));
}
