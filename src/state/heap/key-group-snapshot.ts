// The encoding of one key group in a snapshot: every state's rows of that group in one msgpack blob,
// as [FORMAT_VERSION, [[stateName, kind, [[key, namespace, value, ts?], ...]], ...]].
import { decodeValue, encodeValue } from '../../core/codec.ts';
import { RestoreError } from '../../core/errors.ts';
import type { KeyGroupBlob } from '../keyed-state-backend.ts';
import type { StateKind } from './state-table.ts';

const FORMAT_VERSION = 1;
const KINDS: readonly string[] = ['value', 'list', 'map', 'reducing', 'aggregating'] satisfies StateKind[];

/** [key, namespace, value, ts?]: ts is the TTL time(s), present only if the state had TTL. */
export type StateRow = [key: unknown, namespace: string, value: unknown, ts?: unknown];

export interface StateRows {
  readonly name: string;
  readonly kind: StateKind;
  readonly rows: StateRow[];
}

/** Encodes synchronously, so the blob is a consistent copy however the state changes afterwards. */
export function encodeKeyGroup(keyGroup: number, states: readonly StateRows[]): KeyGroupBlob {
  return { keyGroup, data: encodeValue([FORMAT_VERSION, states.map((s) => [s.name, s.kind, s.rows])]) };
}

export function decodeKeyGroup(blob: KeyGroupBlob): StateRows[] {
  const bad = (what: string): RestoreError => new RestoreError(`key group ${blob.keyGroup} of the snapshot is corrupt: ${what}`);
  let decoded: unknown;
  try {
    decoded = decodeValue(blob.data);
  } catch (e) {
    throw bad(`cannot decode it (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw bad('expected [version, states]');
  const [version, states] = decoded as [unknown, unknown];
  if (version !== FORMAT_VERSION) throw bad(`unknown format version ${String(version)}, expected ${FORMAT_VERSION}`);
  if (!Array.isArray(states)) throw bad('expected a list of states');
  return states.map((s: unknown): StateRows => {
    if (!Array.isArray(s) || typeof s[0] !== 'string' || !KINDS.includes(s[1]) || !Array.isArray(s[2])) {
      throw bad('expected [stateName, kind, rows] for every state');
    }
    const rows = s[2] as unknown[];
    for (const row of rows) {
      if (!Array.isArray(row) || row.length < 3 || typeof row[1] !== 'string') throw bad(`state "${s[0]}" has a malformed row`);
    }
    return { name: s[0], kind: s[1] as StateKind, rows: rows as StateRow[] };
  });
}
