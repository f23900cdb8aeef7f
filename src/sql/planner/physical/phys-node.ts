// The physical plan: nodes named as Flink prints them in EXPLAIN, each with what its translation to
// DataStream operators needs, and the changelog it produces (filled by changelog inference).
import type { RowKind } from '../../../core/row-kind.ts';
import type { RowType } from '../../../core/types/logical-type.ts';
import type { CatalogTable, DataStreamTable, ObjectPath } from '../../catalog/catalog-objects.ts';
import type { TableSink, TableSource } from '../../connectors/table-connector.ts';
import type { UserTableFunction } from '../../functions/user-function.ts';
import type { WindowSpec } from '../../operators/window-spec.ts';
import type { BoundAggCall, JoinType, OverWindowDef, RankType, SortKey } from '../logical/rel.ts';
import type { Rex } from '../rex.ts';

/** Insert, update, delete: what a node's output may contain (Flink's ModifyKindSet). */
export type ModifyKind = 'I' | 'U' | 'D';

export interface NodeChangelog {
  readonly modify: ReadonlySet<ModifyKind>;
  /** Whether updates come as -U/+U pairs (true) or +U only (upsert). */
  readonly updateBefore: boolean;
}

export function changelogKinds(c: NodeChangelog): RowKind[] {
  const out: RowKind[] = [];
  if (c.modify.has('I')) out.push('+I');
  if (c.modify.has('U')) {
    if (c.updateBefore) out.push('-U');
    out.push('+U');
  }
  if (c.modify.has('D')) out.push('-D');
  return out;
}

/** Flink's spelling: `[I]`, `[I,UB,UA]`, `[I,UA,D]`, `[I,UB,UA,D]`. */
export function formatChangelog(c: NodeChangelog): string {
  const k = changelogKinds(c).map((x) => ({ '+I': 'I', '-U': 'UB', '+U': 'UA', '-D': 'D' })[x]);
  return `[${k.join(',')}]`;
}

interface Base {
  readonly inputs: readonly PhysNode[];
  readonly rowType: RowType;
  /** Set by changelog inference. */
  changelog?: NodeChangelog;
}

/** Event-time assignment pushed into a source: rowtime and watermark over the source's row. */
export interface PushedWatermark {
  readonly rowtime: Rex;
  readonly watermark: Rex;
  /** The rowtime column's name and the watermark as written, for EXPLAIN. */
  readonly rowtimeName: string;
  readonly display: string;
}

export type PhysNode =
  | (Base & { kind: 'TableSourceScan'; path: ObjectPath; table: CatalogTable; options: Readonly<Record<string, string>>; source?: TableSource; metadataKeys: readonly string[]; projectedFields?: readonly number[]; watermark?: PushedWatermark; physicalWidth: number })
  | (Base & { kind: 'DataStreamScan'; table: DataStreamTable })
  | (Base & { kind: 'Values'; rows: readonly (readonly unknown[])[] })
  | (Base & { kind: 'Calc'; exprs: readonly Rex[]; condition?: Rex })
  | (Base & { kind: 'WatermarkAssigner'; rowtimeIndex: number; watermark: Rex })
  | (Base & { kind: 'Exchange'; distribution: 'hash' | 'single'; keys: readonly Rex[]; nullSafe?: readonly boolean[] })
  | (Base & { kind: 'MiniBatchAssigner'; intervalMs: number })
  | (Base & { kind: 'GroupAggregate'; groupKey: readonly number[]; calls: readonly BoundAggCall[] })
  | (Base & { kind: 'WindowAggregate'; window: WindowSpec; timeIndex: number; isEventTime: boolean; groupKey: readonly number[]; calls: readonly BoundAggCall[]; emitWindowTime: boolean; windowEndIndex?: number })
  | (Base & { kind: 'WindowTableFunction'; window: WindowSpec; timeIndex: number; partitionKeys: readonly number[] })
  | (Base & { kind: 'Join'; joinType: JoinType; leftKeys: readonly Rex[]; rightKeys: readonly Rex[]; nullSafe: readonly boolean[]; nonEqui?: Rex; condition: Rex; leftUniqueKey?: readonly number[]; rightUniqueKey?: readonly number[] })
  | (Base & { kind: 'IntervalJoin'; joinType: JoinType; leftKeys: readonly Rex[]; rightKeys: readonly Rex[]; nonEqui?: Rex; condition: Rex; leftTimeIndex: number; rightTimeIndex: number; lowerMs: number; upperMs: number })
  | (Base & { kind: 'TemporalJoin'; joinType: JoinType; leftKeys: readonly Rex[]; rightKeys: readonly Rex[]; nonEqui?: Rex; condition: Rex; leftTimeIndex: number; rightTimeIndex: number })
  | (Base & { kind: 'LookupJoin'; joinType: JoinType; path: ObjectPath; table: CatalogTable; options: Readonly<Record<string, string>>; source?: TableSource; lookupKeys: readonly { readonly left: number; readonly right: number }[]; nonEqui?: Rex; condition: Rex; rightWidth: number; rightCalc?: { exprs: readonly Rex[]; condition?: Rex } })
  | (Base & { kind: 'Union' })
  | (Base & { kind: 'Rank'; rankType: RankType; partitionKeys: readonly number[]; orderKeys: readonly SortKey[]; rankStart: number; rankEnd: number; outputRankNumber: boolean })
  | (Base & { kind: 'Deduplicate'; partitionKeys: readonly number[]; keepLastRow: boolean; isRowtime: boolean; orderIndex: number })
  | (Base & { kind: 'OverAggregate'; window: OverWindowDef })
  | (Base & { kind: 'WindowRank'; rankType: RankType; partitionKeys: readonly number[]; orderKeys: readonly SortKey[]; rankStart: number; rankEnd: number; outputRankNumber: boolean; windowEnd: number; isEventTime: boolean })
  | (Base & { kind: 'WindowDeduplicate'; partitionKeys: readonly number[]; keepLastRow: boolean; orderIndex: number; windowEnd: number; isEventTime: boolean })
  | (Base & { kind: 'WindowJoin'; joinType: JoinType; leftKeys: readonly Rex[]; rightKeys: readonly Rex[]; nonEqui?: Rex; condition: Rex; leftWindowEnd: number; rightWindowEnd: number; isEventTime: boolean })
  | (Base & { kind: 'SortLimit' | 'Sort' | 'Limit'; keys: readonly SortKey[]; offset: number; fetch?: number })
  | (Base & { kind: 'TemporalSort'; keys: readonly SortKey[] })
  | (Base & { kind: 'Correlate'; fn: UserTableFunction; fnName: string; args: readonly Rex[]; joinType: 'INNER' | 'LEFT'; fnWidth: number })
  | (Base & { kind: 'ChangelogNormalize'; uniqueKey: readonly number[] })
  | (Base & { kind: 'SinkUpsertMaterializer'; primaryKey: readonly number[]; upsertKey?: readonly number[] })
  | (Base & { kind: 'Sink'; path: ObjectPath; sink: TableSink; primaryKey?: readonly number[]; upsertMaterialize: boolean; fields: readonly string[] });

export type PhysKind = PhysNode['kind'];
