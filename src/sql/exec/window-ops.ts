// Translates the window operations over windowed input (after a window TVF or window aggregate):
// window Top-N, window deduplication and window joins, all insert-only and fired by the watermark.
import type { DataStream } from '../../api/data-stream.ts';
import type { Row } from '../../core/row.ts';
import { WindowDeduplicateOperator } from '../operators/window-deduplicate-operator.ts';
import { WindowJoinOperator } from '../operators/window-join-operator.ts';
import { WindowRankOperator } from '../operators/window-rank-operator.ts';
import { describeNode } from '../planner/physical/explain-node.ts';
import type { PhysNode } from '../planner/physical/phys-node.ts';
import type { ExecContext } from './exec-context.ts';
import { joinCondition, twoInput } from './joins.ts';
import { rowComparator } from './ranks.ts';

export function translateWindowRank(node: Extract<PhysNode, { kind: 'WindowRank' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const out = input.transform(describeNode(node), 'window-rank', () => new WindowRankOperator({
    rankType: node.rankType, window: undefined, windowEndIndex: node.windowEnd, isEventTime: node.isEventTime, partitionKey: node.partitionKeys,
    compare: rowComparator(node.orderKeys), rankStart: node.rankStart, rankEnd: node.rankEnd, outputRankNumber: node.outputRankNumber,
  })).uid(ctx.uid('window-rank'));
  if (node.partitionKeys.length === 0) out.setParallelism(1);
  return out;
}

export function translateWindowDeduplicate(node: Extract<PhysNode, { kind: 'WindowDeduplicate' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const out = input.transform(describeNode(node), 'window-deduplicate', () => new WindowDeduplicateOperator({
    window: undefined, timeIndex: node.orderIndex, windowEndIndex: node.windowEnd, isEventTime: node.isEventTime, keepLastRow: node.keepLastRow,
  })).uid(ctx.uid('window-deduplicate'));
  if (node.partitionKeys.length === 0) out.setParallelism(1);
  return out;
}

export function translateWindowJoin(node: Extract<PhysNode, { kind: 'WindowJoin' }>, left: DataStream<Row>, right: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const [l, r] = node.inputs as [PhysNode, PhysNode];
  const leftWidth = l.rowType.types.length;
  const out = twoInput(left, right, describeNode(node), 'window-join', () => new WindowJoinOperator({
    joinType: node.joinType, leftWidth, rightWidth: r.rowType.types.length, leftWindowEndIndex: node.leftWindowEnd, rightWindowEndIndex: node.rightWindowEnd,
    isEventTime: node.isEventTime, condition: joinCondition(node.nonEqui, leftWidth, ctx),
  })).uid(ctx.uid('window-join'));
  if (node.leftKeys.length === 0) out.setParallelism(1);
  return out;
}
