// Checkpoint storage on a file system, laid out like Flink's:
// <state.checkpoints.dir>/<jobId>/chk-<n>/_metadata plus one state file per operator subtask.
// Every path inside _metadata is relative, so a savepoint directory can be moved and still restores.
import { mkdir, readFile, rename, rm, writeFile, stat, readdir } from 'node:fs/promises';
import { join, dirname, basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeValue, decodeValue } from '../../core/codec.ts';
import { RestoreError } from '../../core/errors.ts';
import type { CheckpointMetadata, OperatorStateHandle } from './checkpoint-metadata.ts';
import { isEmptySnapshot, type OperatorSnapshot } from '../task/operator-snapshot.ts';

export const METADATA_FILE = '_metadata';

/** Accepts a plain path or a file:// URI. */
export function toPath(uriOrPath: string): string {
  return uriOrPath.startsWith('file:') ? fileURLToPath(uriOrPath) : resolve(uriOrPath);
}

export function checkpointLocation(checkpointsDir: string, jobId: string, checkpointId: number): string {
  return join(toPath(checkpointsDir), jobId, `chk-${checkpointId}`);
}

function stateFileName(uid: string, subtask: number): string {
  return `${uid.replace(/[^A-Za-z0-9_.-]/g, '_')}-${subtask}.state`;
}

export async function writeOperatorSnapshot(location: string, uid: string, subtask: number, snapshot: OperatorSnapshot, keyGroupStart: number, keyGroupEnd: number): Promise<OperatorStateHandle> {
  if (isEmptySnapshot(snapshot)) return { uid, file: undefined, keyGroupStart, keyGroupEnd, size: 0 };
  const file = stateFileName(uid, subtask);
  const bytes = encodeValue(snapshot);
  await writeFile(join(location, file), bytes);
  return { uid, file, keyGroupStart, keyGroupEnd, size: bytes.length };
}

export async function readOperatorSnapshot(location: string, file: string): Promise<OperatorSnapshot> {
  return decodeValue(await readFile(join(location, file))) as OperatorSnapshot;
}

export async function writeMetadata(location: string, metadata: CheckpointMetadata): Promise<void> {
  const tmp = join(location, `.${METADATA_FILE}.tmp`);
  await writeFile(tmp, JSON.stringify(metadata, null, 1));
  await rename(tmp, join(location, METADATA_FILE));
}

/** Finds the _metadata file for a savepoint directory, a retained chk-<n> directory, or the file itself. */
export async function resolveMetadataPath(path: string): Promise<string> {
  const p = toPath(path);
  let s;
  try {
    s = await stat(p);
  } catch {
    throw new RestoreError(`cannot restore from '${path}': no such file or directory`);
  }
  if (s.isFile()) return p;
  const direct = join(p, METADATA_FILE);
  try {
    await stat(direct);
    return direct;
  } catch {
    throw new RestoreError(`cannot restore from '${path}': the directory has no ${METADATA_FILE} file (give a savepoint directory, a chk-<n> directory, or its ${METADATA_FILE} file)`);
  }
}

export async function readMetadata(metadataPath: string): Promise<CheckpointMetadata> {
  let text: string;
  try {
    text = await readFile(metadataPath, 'utf8');
  } catch (e) {
    throw new RestoreError(`cannot read checkpoint metadata '${metadataPath}': ${(e as Error).message}`);
  }
  try {
    const m = JSON.parse(text) as CheckpointMetadata;
    if (m.version !== 1 || !Array.isArray(m.operators)) throw new Error('unknown format');
    return m;
  } catch (e) {
    throw new RestoreError(`'${metadataPath}' is not Weir checkpoint metadata: ${(e as Error).message}`);
  }
}

/** The newest completed checkpoint of a job directory, if any. */
export async function latestCheckpoint(checkpointsDir: string, jobId: string): Promise<string | undefined> {
  const dir = join(toPath(checkpointsDir), jobId);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const ids = names.map((n) => /^chk-(\d+)$/.exec(n)).filter((m) => m !== null).map((m) => Number(m![1])).sort((a, b) => b - a);
  for (const id of ids) {
    const p = join(dir, `chk-${id}`, METADATA_FILE);
    try {
      await stat(p);
      return p;
    } catch { /* incomplete checkpoint */ }
  }
  return undefined;
}

export async function createLocation(location: string): Promise<void> {
  await mkdir(location, { recursive: true });
}

export async function discardLocation(location: string): Promise<void> {
  await rm(location, { recursive: true, force: true });
}

export function locationOfMetadata(metadataPath: string): string {
  return dirname(metadataPath);
}

export function isCheckpointDir(location: string): boolean {
  return /^chk-\d+$/.test(basename(location));
}
