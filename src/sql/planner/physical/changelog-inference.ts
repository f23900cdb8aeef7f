// Changelog-mode inference in Flink's two passes: bottom-up, which kinds of change each node
// produces (insert / update / delete); top-down, whether consumers need update-before (-U) rows, so
// that e.g. a GroupAggregate only emits -U when a retracting consumer needs it. Nodes that only
// accept insert-only input, and sinks that do not accept what they are fed, fail with Flink's wording.
import type { RowKind } from '../../../core/row-kind.ts';
import { TableError } from '../../sql-errors.ts';
import type { ChangelogMode } from '../../connectors/table-connector.ts';
import { formatPath } from '../../catalog/catalog-objects.ts';
import { describeNode } from './explain-node.ts';
import type { ModifyKind, PhysNode } from './phys-node.ts';

type Kinds = Set<ModifyKind>;

function kindsOf(mode: ChangelogMode): Kinds {
  const out: Kinds = new Set();
  for (const k of mode.kinds) out.add(k === '+I' ? 'I' : k === '-D' ? 'D' : 'U');
  return out;
}

const union = (...sets: ReadonlySet<ModifyKind>[]): Kinds => new Set(sets.flatMap((s) => [...s]));
const INSERT: ReadonlySet<ModifyKind> = new Set(['I']);
const isInsertOnly = (s: ReadonlySet<ModifyKind>): boolean => !s.has('U') && !s.has('D');

/** The node that originates the updates a pass-through chain carries (named in errors). */
function origin(n: PhysNode, modify: Map<PhysNode, Kinds>): PhysNode {
  switch (n.kind) {
    case 'Calc': case 'Exchange': case 'WatermarkAssigner': case 'MiniBatchAssigner': case 'Correlate': case 'Union': {
      const updating = n.inputs.find((i) => !isInsertOnly(modify.get(i)!));
      return updating ? origin(updating, modify) : n;
    }
    default: return n;
  }
}

function diffText(provided: ReadonlySet<ModifyKind>, accepted: ReadonlySet<ModifyKind>): string {
  const names: string[] = [];
  if (provided.has('U') && !accepted.has('U')) names.push('update');
  if (provided.has('D') && !accepted.has('D')) names.push('delete');
  return names.join(' and ');
}

/** Pass 1: modify kinds, bottom-up. `requester` nodes that need insert-only input fail here. */
export function inferModifyKinds(root: PhysNode): Map<PhysNode, Kinds> {
  const modify = new Map<PhysNode, Kinds>();
  const visit = (n: PhysNode): Kinds => {
    const ins = n.inputs.map(visit);
    const requireInsertOnly = (what: string): void => {
      const bad = n.inputs.findIndex((_, i) => !isInsertOnly(ins[i]!));
      if (bad >= 0) {
        const src = origin(n.inputs[bad]!, modify);
        throw new TableError(`${what} doesn't support consuming ${diffText(ins[bad]!, INSERT)} changes which is produced by node ${describeNode(src)}`);
      }
    };
    let out: Kinds;
    switch (n.kind) {
      case 'TableSourceScan': out = kindsOf(n.source!.changelogMode); break;
      case 'DataStreamScan': out = kindsOf(n.table.changelogMode); break;
      case 'Values': out = new Set(['I']); break;
      case 'GroupAggregate': out = new Set<ModifyKind>(['I', 'U', ...(isInsertOnly(ins[0]!) ? [] : ['D' as const])]); break;
      case 'WindowAggregate': case 'WindowTableFunction': case 'IntervalJoin': case 'TemporalSort': case 'OverAggregate':
      case 'WindowRank': case 'WindowDeduplicate': case 'WindowJoin':
        requireInsertOnly(`StreamPhysical${n.kind === 'WindowTableFunction' ? 'WindowTableFunction' : n.kind}`);
        out = new Set(['I']);
        break;
      case 'TemporalJoin': case 'LookupJoin':
        requireInsertOnly(n.kind);
        out = new Set(ins[0]);
        break;
      case 'Join':
        if (n.joinType === 'INNER') out = union(ins[0]!, ins[1]!);
        else if (n.joinType === 'SEMI') out = union(ins[0]!, isInsertOnly(ins[1]!) ? new Set() : new Set<ModifyKind>(['D']));
        else out = union(ins[0]!, n.joinType === 'ANTI' ? new Set() : ins[1]!, new Set<ModifyKind>(['I', 'D']));
        break;
      case 'Rank': case 'SortLimit':
        out = new Set<ModifyKind>(['I', 'U', 'D']);
        break;
      // Without ORDER BY the first rows stay the first: LIMIT alone only inserts (over insert-only input).
      case 'Sort': case 'Limit': out = isInsertOnly(ins[0]!) ? new Set(['I']) : new Set<ModifyKind>(['I', 'U', 'D']); break;
      case 'Deduplicate':
        out = !n.keepLastRow && !n.isRowtime ? new Set(['I']) : new Set<ModifyKind>(['I', 'U', ...(isInsertOnly(ins[0]!) ? [] : ['D' as const])]);
        break;
      case 'ChangelogNormalize': out = new Set<ModifyKind>(['I', 'U', 'D']); break;
      default: out = union(...ins);
    }
    modify.set(n, out);
    return out;
  };
  visit(root);
  return modify;
}

/** Pass 2: whether each node must emit -U, top-down from the root's requirement. Sets `changelog` on every node. */
export function inferUpdateBefore(root: PhysNode, rootNeedsUpdateBefore: boolean, modify: Map<PhysNode, Kinds>): void {
  const visit = (n: PhysNode, required: boolean): void => {
    const m = modify.get(n)!;
    let produces = required || (n.kind === 'Calc' && n.condition !== undefined);
    if (n.kind === 'TableSourceScan') produces = n.source!.changelogMode.kinds.includes('-U');
    if (n.kind === 'DataStreamScan') produces = n.table.changelogMode.kinds.includes('-U');
    n.changelog = { modify: m, updateBefore: m.has('U') && produces };
    let childRequired: boolean;
    switch (n.kind) {
      case 'Calc':
        // A filter over updates needs the old row too: when the new value is filtered out, the
        // -U of the old one still reaches the consumer (Flink's fix of FLINK-20370).
        childRequired = required || n.condition !== undefined;
        break;
      case 'Exchange': case 'WatermarkAssigner': case 'MiniBatchAssigner': case 'Union': case 'Correlate': case 'Sink':
        childRequired = required;
        break;
      case 'ChangelogNormalize':
        childRequired = false;
        break;
      default:
        // Aggregates, joins, ranks and the materializer retract what they emitted earlier: they need -U.
        childRequired = true;
    }
    for (const i of n.inputs) visit(i, childRequired);
  };
  visit(root, rootNeedsUpdateBefore);
}

/** Checks a sink against what its input produces; returns whether the sink needs -U rows. */
export function checkSink(sink: Extract<PhysNode, { kind: 'Sink' }>, modify: Map<PhysNode, Kinds>): { needsUpdateBefore: boolean; accepted: ChangelogMode } {
  const input = sink.inputs[0]!;
  const provided = modify.get(input)!;
  const producedKinds: RowKind[] = [];
  if (provided.has('I')) producedKinds.push('+I');
  if (provided.has('U')) producedKinds.push('-U', '+U');
  if (provided.has('D')) producedKinds.push('-D');
  const accepted = sink.sink.acceptedChangelogMode({ kinds: producedKinds });
  const acc = kindsOf(accepted);
  if ((provided.has('U') && !acc.has('U')) || (provided.has('D') && !acc.has('D'))) {
    const src = origin(input, modify);
    throw new TableError(`Table sink '${formatPath(sink.path)}' doesn't support consuming ${diffText(provided, acc)} changes which is produced by node ${describeNode(src)}`);
  }
  return { needsUpdateBefore: accepted.kinds.includes('-U'), accepted };
}
