// Table connectors by their 'connector' identifier, loaded on first use: a connector's module is
// imported only when a table that names it is planned, so unused connectors cost nothing at start-up.
import { ConfigError } from '../../core/errors.ts';
import type { TableConnectorFactory } from './table-connector.ts';

type Loader = () => Promise<TableConnectorFactory>;

const loaders = new Map<string, Loader>();
const loaded = new Map<string, Promise<TableConnectorFactory>>();

/** Registers (or replaces) a connector. `load` runs at most once, when the connector is first asked for. */
export function registerConnector(identifier: string, load: Loader): void {
  loaders.set(identifier, load);
  loaded.delete(identifier);
}

/** Identifiers of every registered connector, sorted. */
export function connectorIdentifiers(): string[] {
  return [...loaders.keys()].sort();
}

/**
 * The factory for `identifier`. `where` names the table for the error when no connector has that
 * name (Flink's wording, listing the available identifiers).
 */
export function getConnector(identifier: string, where: string): Promise<TableConnectorFactory> {
  const cached = loaded.get(identifier);
  if (cached) return cached;
  const load = loaders.get(identifier);
  if (!load) {
    return Promise.reject(new ConfigError(
      'connector',
      `Unable to create a source or sink for ${where}.\n\nCould not find any factory for identifier '${identifier}' that implements 'DynamicTableFactory' in the classpath.\n\nAvailable factory identifiers are:\n\n${connectorIdentifiers().join('\n')}`,
    ));
  }
  const promise = load();
  loaded.set(identifier, promise);
  promise.catch(() => loaded.delete(identifier));
  return promise;
}

registerConnector('blackhole', async () => (await import('./blackhole/blackhole-factory.ts')).blackholeFactory);
registerConnector('datagen', async () => (await import('./datagen/datagen-factory.ts')).datagenFactory);
registerConnector('filesystem', async () => (await import('./filesystem/filesystem-factory.ts')).filesystemFactory);
registerConnector('print', async () => (await import('./print/print-factory.ts')).printFactory);
