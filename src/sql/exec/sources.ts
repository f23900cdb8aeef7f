// Translates the leaves of a plan: table sources (with the WATERMARK clause pushed into the source),
// DataStream tables, VALUES, and watermark assigners that could not be pushed into a source.
import type { DataStream } from '../../api/data-stream.ts';
import { insertRow, type Row } from '../../core/row.ts';
import { formatPath } from '../catalog/catalog-objects.ts';
import { compileExpression } from '../expr/compile.ts';
import { describeNode } from '../planner/physical/explain-node.ts';
import type { PhysNode } from '../planner/physical/phys-node.ts';
import { SOURCE_IDLE_TIMEOUT } from '../table/table-options.ts';
import { WatermarkStrategy } from '../../time/watermark-strategies.ts';
import { MIN_WATERMARK } from '../../core/stream-element.ts';
import type { ExecContext } from './exec-context.ts';
import { sqlWatermarkStrategy } from './sql-watermarks.ts';

export function translateSourceScan(node: Extract<PhysNode, { kind: 'TableSourceScan' }>, ctx: ExecContext): DataStream<Row> {
  // The same scan (table, options, projection, metadata, watermark) is read once per job.
  const digest = describeNode(node) + JSON.stringify(node.options);
  const reused = ctx.sources.get(digest);
  if (reused) return reused;
  const idle = ctx.config.get(SOURCE_IDLE_TIMEOUT);
  const watermarks = node.watermark ? sqlWatermarkStrategy(node.watermark, ctx.exprCtx, idle) : undefined;
  const stream = node.source!.produce(ctx.env, { name: describeNode(node), uid: ctx.uid(`source-${formatPath(node.path)}`), watermarks, parallelism: ctx.parallelism });
  ctx.sources.set(digest, stream);
  return stream;
}

export function translateValues(node: Extract<PhysNode, { kind: 'Values' }>, ctx: ExecContext): DataStream<Row> {
  const rows = node.rows;
  // A fresh row per record: downstream operators may keep the fields array in state.
  const stream = ctx.env.fromGenerator((i) => insertRow([...rows[i]!]), rows.length).name(describeNode(node)).uid(ctx.uid('values'));
  return stream.setParallelism(1);
}

/** Event time for a stream that is not a connector source: timestamps and watermarks from the rowtime column. */
export function translateWatermarkAssigner(node: Extract<PhysNode, { kind: 'WatermarkAssigner' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const i = node.rowtimeIndex;
  const watermark = node.watermark;
  const exprCtx = ctx.exprCtx;
  const strategy = WatermarkStrategy.forGenerator<Row>(() => {
    const f = compileExpression(watermark, exprCtx);
    let max = MIN_WATERMARK;
    let emitted = MIN_WATERMARK;
    return {
      onEvent(row) {
        const w = f(row.fields) as number | null;
        if (w !== null && w > max) max = w;
      },
      onPeriodicEmit(out) {
        if (max > emitted) out.emitWatermark((emitted = max));
      },
    };
  }).withTimestampAssigner((row) => row.fields[i] as number);
  return input.assignTimestampsAndWatermarks(strategy).name(describeNode(node)).uid(ctx.uid('watermarks'));
}
