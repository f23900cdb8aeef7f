// Translates the ends of a plan: upsert normalisation of sources (ChangelogNormalize), the sink
// upsert materializer, the table sink itself, and the batch materialisation of updating results.
import type { DataStream } from '../../api/data-stream.ts';
import type { Row } from '../../core/row.ts';
import { formatPath } from '../catalog/catalog-objects.ts';
import { ChangelogNormalizeOperator } from '../operators/changelog-normalize-operator.ts';
import { SinkUpsertMaterializer } from '../operators/sink-upsert-materializer.ts';
import { describeNode } from '../planner/physical/explain-node.ts';
import type { PhysNode } from '../planner/physical/phys-node.ts';
import { uniqueKeyOf } from '../planner/physical/unique-key.ts';
import { BatchMaterializeOperator } from './batch-materialize-operator.ts';
import type { ExecContext } from './exec-context.ts';

export function translateChangelogNormalize(node: Extract<PhysNode, { kind: 'ChangelogNormalize' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  return input.transform(describeNode(node), 'changelog-normalize', () => new ChangelogNormalizeOperator({
    generateUpdateBefore: node.changelog?.updateBefore ?? true, stateTtlMs: ctx.stateTtlMs,
  })).uid(ctx.uid('changelog-normalize'));
}

export function translateUpsertMaterializer(node: Extract<PhysNode, { kind: 'SinkUpsertMaterializer' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  return input.transform(describeNode(node), 'sink-upsert-materializer', () => new SinkUpsertMaterializer({ stateTtlMs: ctx.stateTtlMs, upsertKey: node.upsertKey }))
    .uid(ctx.uid('sink-upsert-materializer'));
}

const updating = (n: PhysNode): boolean => !!n.changelog && (n.changelog.modify.has('U') || n.changelog.modify.has('D'));

/** BATCH: the final table of an updating stream, as inserts at the end of input. */
export function materializeForBatch(producer: PhysNode, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  if (ctx.mode !== 'BATCH' || !updating(producer)) return input;
  const key = uniqueKeyOf(producer);
  const out = input.transform('BatchMaterialize', 'batch-materialize', () => new BatchMaterializeOperator(key)).uid(ctx.uid('batch-materialize'));
  // Chained to its producer: the same subtasks see every change of a row (and sorted output stays in order).
  return out.setParallelism(input.getParallelism());
}

export function translateSink(node: Extract<PhysNode, { kind: 'Sink' }>, input: DataStream<Row>, ctx: ExecContext): void {
  const stream = materializeForBatch(node.inputs[0]!, input, ctx);
  node.sink.consume(stream, { name: describeNode(node), uid: ctx.uid(`sink-${formatPath(node.path)}`), parallelism: ctx.parallelism });
}
