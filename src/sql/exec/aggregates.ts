// Translates aggregations: GroupAggregate (with mini-batch when enabled), WindowAggregate, the
// window table function on its own, and OVER aggregates.
import type { DataStream } from '../../api/data-stream.ts';
import type { Row } from '../../core/row.ts';
import { createAggregateHandle } from '../functions/aggregate/aggregate-registry.ts';
import { GroupAggregateOperator } from '../operators/group-aggregate-operator.ts';
import { MiniBatchGroupAggregateOperator } from '../operators/mini-batch-group-aggregate-operator.ts';
import { OverAggregateOperator } from '../operators/over-aggregate-operator.ts';
import { WindowAggregateOperator } from '../operators/window-aggregate-operator.ts';
import { SessionWindowTableFunctionOperator } from '../operators/window-session-table-function-operator.ts';
import { WindowTableFunctionOperator } from '../operators/window-table-function-operator.ts';
import type { BoundAggCall } from '../planner/logical/rel.ts';
import { describeNode } from '../planner/physical/explain-node.ts';
import type { PhysNode } from '../planner/physical/phys-node.ts';
import { MINI_BATCH_ENABLED, MINI_BATCH_LATENCY, MINI_BATCH_SIZE } from '../table/table-options.ts';
import { TableError } from '../sql-errors.ts';
import { EmptyAggregateOperator } from './empty-aggregate-operator.ts';
import type { ExecContext } from './exec-context.ts';

function handlesOf(calls: readonly BoundAggCall[], retraction: boolean) {
  return calls.map((c) => createAggregateHandle(c, c.udaf, { retraction }));
}

const insertOnly = (n: PhysNode): boolean => !n.changelog || (!n.changelog.modify.has('U') && !n.changelog.modify.has('D'));

export function translateGroupAggregate(node: Extract<PhysNode, { kind: 'GroupAggregate' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const retraction = !insertOnly(node.inputs[0]!);
  const options = {
    groupKey: node.groupKey, calls: node.calls, handles: [] as ReturnType<typeof handlesOf>,
    generateUpdateBefore: node.changelog?.updateBefore ?? true, stateTtlMs: ctx.stateTtlMs,
  };
  const calls = node.calls;
  const miniBatch = ctx.config.get(MINI_BATCH_ENABLED) && ctx.mode === 'STREAMING';
  const latency = ctx.config.get(MINI_BATCH_LATENCY);
  const size = ctx.config.get(MINI_BATCH_SIZE);
  if (miniBatch && (latency <= 0 || size <= 0)) {
    throw new TableError("table.exec.mini-batch.allow-latency and table.exec.mini-batch.size must be set (> 0) when table.exec.mini-batch.enabled is true");
  }
  const out = input.transform(describeNode(node), 'group-aggregate', () => (miniBatch
    ? new MiniBatchGroupAggregateOperator({ ...options, handles: handlesOf(calls, retraction), size, allowLatencyMs: latency })
    : new GroupAggregateOperator({ ...options, handles: handlesOf(calls, retraction) })));
  out.uid(ctx.uid('group-aggregate'));
  if (node.groupKey.length > 0) return out;
  out.setParallelism(1);
  if (ctx.mode !== 'BATCH') return out;
  return out.transform('EmptyAggregate', 'empty-aggregate', () => new EmptyAggregateOperator(() => handlesOf(calls, false).map((h) => h.getValue(h.createAccumulator()))))
    .uid(ctx.uid('empty-aggregate')).setParallelism(1);
}

export function translateWindowAggregate(node: Extract<PhysNode, { kind: 'WindowAggregate' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const calls = node.calls;
  const out = input.transform(describeNode(node), 'window-aggregate', () => new WindowAggregateOperator({
    window: node.window, timeIndex: node.timeIndex, isEventTime: node.isEventTime, groupKey: node.groupKey,
    calls, handles: handlesOf(calls, false), emitWindowTime: node.emitWindowTime, windowEndIndex: node.windowEndIndex,
  }));
  out.uid(ctx.uid('window-aggregate'));
  if (node.groupKey.length === 0) out.setParallelism(1);
  return out;
}

export function translateWindowTableFunction(node: Extract<PhysNode, { kind: 'WindowTableFunction' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const w = node.window;
  if (w.type === 'SESSION') {
    const isEventTime = node.inputs[0]!.rowType.types[node.timeIndex]!.timeAttribute === 'ROWTIME';
    const out = input.transform(describeNode(node), 'session-window-tvf', () => new SessionWindowTableFunctionOperator({ gap: w.gap, timeIndex: node.timeIndex, isEventTime })).uid(ctx.uid('window-tvf'));
    if (node.partitionKeys.length === 0) out.setParallelism(1);
    return out;
  }
  return input.transform(describeNode(node), 'window-table-function', () => new WindowTableFunctionOperator({ window: w, timeIndex: node.timeIndex })).uid(ctx.uid('window-tvf'));
}

export function translateOverAggregate(node: Extract<PhysNode, { kind: 'OverAggregate' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const w = node.window;
  const order = w.orderKeys[0]!;
  const t = node.inputs[0]!.rowType.types[order.index]!;
  const out = input.transform(describeNode(node), 'over-aggregate', () => new OverAggregateOperator({
    orderTimeIndex: order.index, isEventTime: t.timeAttribute === 'ROWTIME', frame: { unit: w.frameUnit, preceding: w.lower },
    calls: w.calls, handles: handlesOf(w.calls, w.lower !== 'UNBOUNDED'),
  }));
  out.uid(ctx.uid('over-aggregate'));
  if (w.partitionKeys.length === 0) out.setParallelism(1);
  return out;
}
