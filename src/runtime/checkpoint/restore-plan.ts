// Maps the state in a checkpoint or savepoint onto the operators of a job, by uid, at any
// parallelism: keyed state and timers by key group, operator state redistributed by its mode.
import { keyGroupRangeFor } from '../../core/key-group.ts';
import { decodeValue } from '../../core/codec.ts';
import { RestoreError } from '../../core/errors.ts';
import { redistributeOperatorState } from '../../state/redistribute-operator-state.ts';
import type { KeyGroupBlob } from '../../state/keyed-state-backend.ts';
import type { JobGraph } from '../graph/job-graph.ts';
import type { CheckpointMetadata, OperatorMetadata } from './checkpoint-metadata.ts';
import { readMetadata, readOperatorSnapshot, resolveMetadataPath, locationOfMetadata } from './checkpoint-storage.ts';
import { EMPTY_SNAPSHOT, type OperatorSnapshot } from '../task/operator-snapshot.ts';

export interface RestorePlan {
  readonly metadataPath: string;
  readonly metadata: CheckpointMetadata;
  /** The split enumerator state of a source, if the checkpoint has one. */
  enumeratorState(uid: string): unknown;
  /** State of every operator of the subtask's chain that has state in the checkpoint. */
  stateFor(vertex: number, subtask: number): Promise<Map<string, OperatorSnapshot>>;
}

export async function planRestore(path: string, graph: JobGraph, allowNonRestoredState: boolean): Promise<RestorePlan> {
  const metadataPath = await resolveMetadataPath(path);
  const metadata = await readMetadata(metadataPath);
  const location = locationOfMetadata(metadataPath);
  const byUid = new Map(metadata.operators.map((o) => [o.uid, o]));
  const jobUids = new Set(graph.uids.values());

  const unclaimed = metadata.operators.filter((o) => !jobUids.has(o.uid) && o.subtasks.some((s) => s.file !== undefined));
  if (unclaimed.length > 0 && !allowNonRestoredState) {
    const names = unclaimed.map((o) => `'${o.uid}' (${o.name})`).join(', ');
    throw new RestoreError(`the savepoint ${metadataPath} has state for operators that are not in this job: ${names}. ` +
      `Give the operators back their uid with .uid(...), or run with --allowNonRestoredState (-n) to drop that state.`);
  }
  for (const v of graph.vertices) {
    for (const n of v.nodes) {
      const old = byUid.get(graph.uids.get(n.id)!);
      if (old && old.maxParallelism !== v.maxParallelism && old.subtasks.some((s) => s.file !== undefined)) {
        throw new RestoreError(`operator '${n.name}' (uid '${old.uid}') was checkpointed with max parallelism ${old.maxParallelism} but the job now has ${v.maxParallelism}; ` +
          `keyed state cannot be remapped to other key groups. Set pipeline.max-parallelism (or setMaxParallelism) back to ${old.maxParallelism}.`);
      }
    }
  }

  const cache = new Map<string, Promise<OperatorSnapshot>>();
  const read = (file: string | undefined): Promise<OperatorSnapshot> => {
    if (file === undefined) return Promise.resolve(EMPTY_SNAPSHOT);
    let p = cache.get(file);
    if (!p) {
      p = readOperatorSnapshot(location, file).catch((e: Error) => {
        throw new RestoreError(`cannot read state file '${file}' of ${metadataPath}: ${e.message}`);
      });
      cache.set(file, p);
    }
    return p;
  };

  const restoreOperator = async (old: OperatorMetadata, subtask: number, parallelism: number, maxParallelism: number): Promise<OperatorSnapshot> => {
    const range = keyGroupRangeFor(subtask, parallelism, maxParallelism);
    const olds = await Promise.all(old.subtasks.map((s) => read(s.file)));
    const overlapping = old.subtasks.map((s, i) => ({ s, snap: olds[i]! })).filter(({ s }) => s.keyGroupStart < range.end && s.keyGroupEnd > range.start);
    const inRange = (b: KeyGroupBlob) => b.keyGroup >= range.start && b.keyGroup < range.end;
    const timers: Record<string, KeyGroupBlob[]> = {};
    for (const { snap } of overlapping) {
      for (const [name, blobs] of Object.entries(snap.timers)) (timers[name] ??= []).push(...blobs.filter(inRange));
    }
    return {
      keyed: overlapping.flatMap(({ snap }) => snap.keyed.filter(inRange)),
      timers,
      operator: redistributeOperatorState(olds.map((o) => o.operator), parallelism)[subtask] ?? [],
    };
  };

  return {
    metadataPath,
    metadata,
    enumeratorState: (uid) => {
      const b64 = metadata.enumerators[uid];
      return b64 === undefined ? undefined : decodeValue(Buffer.from(b64, 'base64'));
    },
    async stateFor(vertexId, subtask) {
      const vertex = graph.vertices[vertexId]!;
      const out = new Map<string, OperatorSnapshot>();
      for (const n of vertex.nodes) {
        const uid = graph.uids.get(n.id)!;
        const old = byUid.get(uid);
        if (old) out.set(uid, await restoreOperator(old, subtask, vertex.parallelism, vertex.maxParallelism));
      }
      return out;
    },
  };
}
