// The logical plan (Calcite's RelNode): what the binder builds from a validated query. Each node
// has an output row type; expressions are Rex over the input row (left ++ right for joins).
import type { LogicalType, RowType } from '../../../core/types/logical-type.ts';
import type { CatalogTable, DataStreamTable, ObjectPath } from '../../catalog/catalog-objects.ts';
import type { AggregateCall } from '../../functions/aggregate-function.ts';
import type { UserAggregateFunction, UserTableFunction } from '../../functions/user-function.ts';
import type { Rex } from '../rex.ts';
import type { WindowSpec } from '../../operators/window-spec.ts';

export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'SEMI' | 'ANTI';

/** An aggregate call with the user implementation of a UDAF when the call is one. */
export interface BoundAggCall extends AggregateCall {
  readonly udaf?: UserAggregateFunction;
}

export interface SortKey {
  readonly index: number;
  readonly direction: 'ASC' | 'DESC';
  readonly nullsFirst: boolean;
}

export interface OverWindowDef {
  readonly partitionKeys: readonly number[];
  readonly orderKeys: readonly SortKey[];
  /** ROWS or RANGE; lower bound: 'UNBOUNDED' or the number of rows / the interval in ms PRECEDING. */
  readonly frameUnit: 'ROWS' | 'RANGE';
  readonly lower: number | 'UNBOUNDED';
  readonly calls: readonly BoundAggCall[];
}

export type RelNode =
  | TableScanRel | DataStreamScanRel | ValuesRel | ProjectRel | FilterRel | WatermarkRel | AggregateRel | JoinRel
  | UnionRel | SortRel | WindowTvfRel | OverRel | CorrelateRel | RankRel;

interface Base {
  readonly rowType: RowType;
}

/** Reads a catalog table: physical columns, then the requested metadata keys. */
export interface TableScanRel extends Base {
  readonly kind: 'TableScan';
  readonly path: ObjectPath;
  readonly table: CatalogTable;
  /** Table options with OPTIONS hints applied. */
  readonly options: Readonly<Record<string, string>>;
  readonly metadataKeys: readonly string[];
  /** Physical fields the query needs (projection push-down); undefined = all. */
  readonly projectedFields?: readonly number[];
}

export interface DataStreamScanRel extends Base {
  readonly kind: 'DataStreamScan';
  readonly table: DataStreamTable;
}

export interface ValuesRel extends Base {
  readonly kind: 'Values';
  readonly rows: readonly (readonly unknown[])[];
}

export interface ProjectRel extends Base {
  readonly kind: 'Project';
  readonly input: RelNode;
  readonly exprs: readonly Rex[];
}

export interface FilterRel extends Base {
  readonly kind: 'Filter';
  readonly input: RelNode;
  readonly condition: Rex;
}

/** Event time: records get `rowtimeIndex` as their timestamp and the watermark `watermark(row)`. */
export interface WatermarkRel extends Base {
  readonly kind: 'WatermarkAssigner';
  readonly input: RelNode;
  readonly rowtimeIndex: number;
  readonly watermark: Rex;
}

/** GROUP BY: output = group key fields ++ aggregate values (++ `$e` grouping id when groupSets). */
export interface AggregateRel extends Base {
  readonly kind: 'Aggregate';
  readonly input: RelNode;
  readonly groupKey: readonly number[];
  readonly calls: readonly BoundAggCall[];
}

export interface JoinRel extends Base {
  readonly kind: 'Join';
  readonly left: RelNode;
  readonly right: RelNode;
  readonly joinType: JoinType;
  /** Over left ++ right fields; TRUE literal for a cross join. */
  readonly condition: Rex;
  /** `FOR SYSTEM_TIME AS OF left.time`: the right side is versioned (event time) or looked up (processing time). */
  readonly temporal?: { readonly leftTimeIndex: number; readonly kind: 'ROWTIME' | 'PROCTIME' };
}

/** UNION ALL. */
export interface UnionRel extends Base {
  readonly kind: 'Union';
  readonly inputs: readonly RelNode[];
}

/** ORDER BY / LIMIT / OFFSET. */
export interface SortRel extends Base {
  readonly kind: 'Sort';
  readonly input: RelNode;
  readonly keys: readonly SortKey[];
  readonly offset: number;
  readonly fetch?: number;
}

/** `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), size))`: input ++ window_start, window_end, window_time. */
export interface WindowTvfRel extends Base {
  readonly kind: 'WindowTVF';
  readonly input: RelNode;
  readonly window: WindowSpec;
  readonly timeIndex: number;
  /** SESSION(TABLE t PARTITION BY k, ...): sessions per key. */
  readonly partitionKeys?: readonly number[];
}

/** OVER aggregates: input ++ one column per call. */
export interface OverRel extends Base {
  readonly kind: 'Over';
  readonly input: RelNode;
  readonly window: OverWindowDef;
}

/** `LATERAL TABLE(udtf(args))`: input ++ function columns (LEFT: a row of nulls when none). */
export interface CorrelateRel extends Base {
  readonly kind: 'Correlate';
  readonly input: RelNode;
  readonly fn: UserTableFunction;
  readonly fnName: string;
  readonly args: readonly Rex[];
  readonly joinType: 'INNER' | 'LEFT';
  /** How many columns the function produces; ROW results are spread. */
  readonly fnTypes: readonly LogicalType[];
}

/** How a ranking function numbers ties: ROW_NUMBER in arrival order, RANK with gaps (1,1,3), DENSE_RANK without (1,1,2). */
export type RankType = 'ROW_NUMBER' | 'RANK' | 'DENSE_RANK';

/** ROW_NUMBER(), RANK() or DENSE_RANK() OVER (PARTITION BY .. ORDER BY ..) with a rank range (Top-N, deduplication). */
export interface RankRel extends Base {
  readonly kind: 'Rank';
  readonly rankType: RankType;
  readonly input: RelNode;
  readonly partitionKeys: readonly number[];
  readonly orderKeys: readonly SortKey[];
  readonly rankStart: number;
  readonly rankEnd: number;
  /** Whether the row number is a column of the output (appended). */
  readonly outputRankNumber: boolean;
}

export function inputsOf(rel: RelNode): readonly RelNode[] {
  switch (rel.kind) {
    case 'TableScan': case 'DataStreamScan': case 'Values': return [];
    case 'Join': return [rel.left, rel.right];
    case 'Union': return rel.inputs;
    default: return [rel.input];
  }
}
