// Translates a physical plan onto the DataStream API, node by node from the sources up; exchanges
// become keyBy (hash) or global (single) partitioning of the stream they feed.
import type { DataStream } from '../../api/data-stream.ts';
import type { Row } from '../../core/row.ts';
import type { PhysNode } from '../planner/physical/phys-node.ts';
import { translateGroupAggregate, translateOverAggregate, translateWindowAggregate, translateWindowTableFunction } from './aggregates.ts';
import { translateCalc } from './calc.ts';
import type { ExecContext } from './exec-context.ts';
import { translateCorrelate, translateIntervalJoin, translateJoin, translateLookupJoin, translateTemporalJoin } from './joins.ts';
import { keySelectorOf } from './key-selector.ts';
import { translateDeduplicate, translateRank, translateSortLimit, translateTemporalSort } from './ranks.ts';
import { translateChangelogNormalize, translateSink, translateUpsertMaterializer } from './sinks.ts';
import { translateSourceScan, translateValues, translateWatermarkAssigner } from './sources.ts';
import { translateWindowDeduplicate, translateWindowJoin, translateWindowRank } from './window-ops.ts';

export function translatePlan(root: PhysNode, ctx: ExecContext): DataStream<Row> | undefined {
  const done = new Map<PhysNode, DataStream<Row>>();
  const visit = (n: PhysNode): DataStream<Row> => {
    const cached = done.get(n);
    if (cached) return cached;
    const ins = n.inputs.map(visit);
    const input = ins[0]!;
    let out: DataStream<Row>;
    switch (n.kind) {
      case 'TableSourceScan': out = translateSourceScan(n, ctx); break;
      case 'DataStreamScan': out = n.table.stream; break;
      case 'Values': out = translateValues(n, ctx); break;
      case 'Calc': out = translateCalc(n, input, ctx); break;
      case 'WatermarkAssigner': out = translateWatermarkAssigner(n, input, ctx); break;
      case 'Exchange':
        // A single partition is one key: keyed operators (global aggregates, Top-N) still get keyed state.
        out = input.keyBy(keySelectorOf(n.keys, ctx.exprCtx));
        break;
      case 'MiniBatchAssigner': out = input; break;
      case 'GroupAggregate': out = translateGroupAggregate(n, input, ctx); break;
      case 'WindowAggregate': out = translateWindowAggregate(n, input, ctx); break;
      case 'WindowTableFunction': out = translateWindowTableFunction(n, input, ctx); break;
      case 'OverAggregate': out = translateOverAggregate(n, input, ctx); break;
      case 'Join': out = translateJoin(n, input, ins[1]!, ctx); break;
      case 'IntervalJoin': out = translateIntervalJoin(n, input, ins[1]!, ctx); break;
      case 'TemporalJoin': out = translateTemporalJoin(n, input, ins[1]!, ctx); break;
      case 'LookupJoin': out = translateLookupJoin(n, input, ctx); break;
      case 'Correlate': out = translateCorrelate(n, input, ctx); break;
      case 'Union': out = ins.length === 1 ? input : input.union(...ins.slice(1)); break;
      case 'Rank': out = translateRank(n, input, ctx); break;
      case 'Deduplicate': out = translateDeduplicate(n, input, ctx); break;
      case 'SortLimit': case 'Sort': case 'Limit': out = translateSortLimit(n, input, ctx); break;
      case 'TemporalSort': out = translateTemporalSort(n, input, ctx); break;
      case 'WindowRank': out = translateWindowRank(n, input, ctx); break;
      case 'WindowDeduplicate': out = translateWindowDeduplicate(n, input, ctx); break;
      case 'WindowJoin': out = translateWindowJoin(n, input, ins[1]!, ctx); break;
      case 'ChangelogNormalize': out = translateChangelogNormalize(n, input, ctx); break;
      case 'SinkUpsertMaterializer': out = translateUpsertMaterializer(n, input, ctx); break;
      case 'Sink':
        translateSink(n, input, ctx);
        out = input;
        break;
    }
    // A forward successor keeps its input's parallelism (a Calc after a global sort stays at 1, in order).
    const inherited = n.inputs.length === 1 && n.inputs[0]!.kind !== 'Exchange' ? input.node.parallelism : undefined;
    const parallelism = inherited ?? ctx.parallelism;
    if (parallelism !== undefined && n.kind !== 'Exchange' && n.kind !== 'DataStreamScan' && n.kind !== 'Sink' && out !== input && out.node.parallelism === undefined) out.setParallelism(parallelism);
    done.set(n, out);
    return out;
  };
  const out = visit(root);
  return root.kind === 'Sink' ? undefined : out;
}
