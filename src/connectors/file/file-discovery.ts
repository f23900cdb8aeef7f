// Lists the files under the source's paths: directories recursively, skipping hidden entries as Flink does.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../../core/errors.ts';

/** Names starting with '.' or '_' are hidden: in-progress part files, _SUCCESS markers, .crc files. */
export function isHidden(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

/** The files under `paths` (absolute), sorted lexicographically. A path given explicitly is read even if hidden. */
export async function listFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const root of paths) {
    const info = await stat(root).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') throw new ConfigError('path', `file source path '${root}' does not exist`);
      throw e;
    });
    if (info.isDirectory()) await collect(root, files);
    else files.push(root);
  }
  return [...new Set(files)].sort();
}

async function collect(dir: string, into: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (isHidden(entry.name)) continue;
    const path = join(dir, entry.name);
    // Follow symbolic links; a link whose target is gone is skipped, as are sockets and fifos.
    const target = entry.isSymbolicLink() ? await stat(path).catch(() => undefined) : entry;
    if (target?.isDirectory()) await collect(path, into);
    else if (target?.isFile()) into.push(path);
  }
}
