// The encoding of one key group in a snapshot: every state's entries of that group in one msgpack
// blob, as [FORMAT_VERSION, [[stateName, kind, stride, [key, namespace, value, (ts,) key, ...]], ...]].
// Entries are flat (stride 3, or 4 with TTL times) because one array per entry made encoding a
// million entries four times slower.
import { decodeValue, encodeValue } from '../../core/codec.ts';
import { RestoreError } from '../../core/errors.ts';
import type { KeyGroupBlob } from '../keyed-state-backend.ts';
import type { StateKind } from './state-table.ts';

const FORMAT_VERSION = 2;
const KINDS: readonly string[] = ['value', 'list', 'map', 'reducing', 'aggregating'] satisfies StateKind[];

/** [key, namespace, value, ts?]: ts is the TTL time(s), present only if the state had TTL. */
export type StateRow = [key: unknown, namespace: string, value: unknown, ts?: unknown];

export interface StateRows {
  readonly name: string;
  readonly kind: StateKind;
  readonly rows: StateRow[];
}

/** One state's entries of a key group: key, namespace, value and, when `withTs`, the TTL time(s). */
export interface FlatStateRows {
  readonly name: string;
  readonly kind: StateKind;
  readonly withTs: boolean;
  readonly flat: unknown[];
}

/** Encodes synchronously, so the blob is a consistent copy however the state changes afterwards. */
export function encodeKeyGroup(keyGroup: number, states: readonly FlatStateRows[]): KeyGroupBlob {
  return { keyGroup, data: encodeValue([FORMAT_VERSION, states.map((s) => [s.name, s.kind, s.withTs ? 4 : 3, s.flat])]) };
}

/** Rows (as restored, not yet claimed by a descriptor) in the flat layout. */
export function flattenRows(name: string, kind: StateKind, rows: readonly StateRow[]): FlatStateRows {
  const withTs = rows.some((r) => r.length > 3);
  const flat: unknown[] = [];
  for (const r of rows) {
    flat.push(r[0], r[1], r[2]);
    if (withTs) flat.push(r[3]);
  }
  return { name, kind, withTs, flat };
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
    if (!Array.isArray(s) || typeof s[0] !== 'string' || !KINDS.includes(s[1]) || (s[2] !== 3 && s[2] !== 4) || !Array.isArray(s[3])) {
      throw bad('expected [stateName, kind, stride, entries] for every state');
    }
    const stride = s[2] as number;
    const flat = s[3] as unknown[];
    if (flat.length % stride !== 0) throw bad(`state "${s[0]}" has a truncated entry`);
    const rows: StateRow[] = [];
    for (let i = 0; i < flat.length; i += stride) {
      if (typeof flat[i + 1] !== 'string') throw bad(`state "${s[0]}" has an entry without a namespace`);
      rows.push(stride === 4 ? [flat[i], flat[i + 1] as string, flat[i + 2], flat[i + 3]] : [flat[i], flat[i + 1] as string, flat[i + 2]]);
    }
    return { name: s[0], kind: s[1] as StateKind, rows };
  });
}
