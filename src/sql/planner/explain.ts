// EXPLAIN in Flink's layout: the abstract syntax tree (logical plan), the optimized physical plan
// with each node's changelog mode, and the execution plan, as indented trees drawn with `+- `/`:- `.
import { formatPath } from '../catalog/catalog-objects.ts';
import type { RelNode } from './logical/rel.ts';
import { inputsOf } from './logical/rel.ts';
import { formatAggCall, formatWindow } from './physical/explain-node.ts';
import { describeNode } from './physical/explain-node.ts';
import { formatChangelog, type PhysNode } from './physical/phys-node.ts';
import type { PlannedStatement } from './plan-statement.ts';
import { formatRex } from './rex-util.ts';

/** Draws a tree like Calcite's RelWriter: first child lines start with `:- `, the last with `+- `. */
function drawTree<T>(root: T, label: (n: T) => string, children: (n: T) => readonly T[]): string {
  const lines: string[] = [];
  const visit = (n: T, prefix: string, connector: string, childPrefix: string): void => {
    lines.push(prefix + connector + label(n));
    const cs = children(n);
    cs.forEach((c, i) => {
      const last = i === cs.length - 1;
      visit(c, childPrefix, last ? '+- ' : ':- ', childPrefix + (last ? '   ' : ':  '));
    });
  };
  visit(root, '', '', '');
  return lines.join('\n');
}

const list = (xs: readonly string[]): string => `[${xs.join(', ')}]`;

function describeLogical(rel: RelNode): string {
  const inNames = inputsOf(rel)[0]?.rowType.names ?? [];
  const refs = (n: number): string[] => Array.from({ length: n }, (_, i) => `$${i}`);
  switch (rel.kind) {
    case 'TableScan': return `LogicalTableScan(table=[[${[rel.path.catalog, rel.path.database, rel.path.name].join(', ')}]])`;
    case 'DataStreamScan': return `LogicalTableScan(table=[[${formatPath(rel.table.path).split('.').join(', ')}]])`;
    case 'Values': return `LogicalValues(tuples=[${rel.rows.map((r) => `{ ${r.map(String).join(', ')} }`).join(', ')}])`;
    case 'Project': return `LogicalProject(${rel.exprs.map((e, i) => `${rel.rowType.names[i]}=[${formatRex(e, refs(inNames.length))}]`).join(', ')})`;
    case 'Filter': return `LogicalFilter(condition=[${formatRex(rel.condition, refs(inNames.length))}])`;
    case 'WatermarkAssigner': return `LogicalWatermarkAssigner(rowtime=[${rel.rowType.names[rel.rowtimeIndex]}], watermark=[${formatRex(rel.watermark, refs(inNames.length))}])`;
    case 'Aggregate': return `LogicalAggregate(group=[{${rel.groupKey.join(', ')}}]${rel.calls.map((c) => `, ${c.alias}=[${c.name}(${c.distinct ? 'DISTINCT ' : ''}${c.args.map((a) => `$${a}`).join(', ')})]`).join('')})`;
    case 'Join': return `LogicalJoin(condition=[${formatRex(rel.condition, refs(rel.rowType.types.length + 64))}], joinType=[${rel.joinType.toLowerCase()}])`;
    case 'Union': return 'LogicalUnion(all=[true])';
    case 'Sort': return `LogicalSort(${[
      ...rel.keys.map((k, i) => `sort${i}=[$${k.index}], dir${i}=[${k.direction}]`),
      ...(rel.offset ? [`offset=[${rel.offset}]`] : []), ...(rel.fetch !== undefined ? [`fetch=[${rel.fetch}]`] : []),
    ].join(', ')})`;
    case 'WindowTVF': return `LogicalTableFunctionScan(invocation=[${formatWindow(rel.window, inNames[rel.timeIndex]!)}], rowType=[RecordType(${rel.rowType.names.join(', ')})])`;
    case 'Over': return `LogicalOverAggregate(partitionBy=${list(rel.window.partitionKeys.map((k) => `$${k}`))}, orderBy=${list(rel.window.orderKeys.map((k) => `$${k.index} ${k.direction}`))}, calls=${list(rel.window.calls.map((c) => formatAggCall(c, refs(inNames.length))))})`;
    case 'Correlate': return `LogicalCorrelate(invocation=[${rel.fnName}(${rel.args.map((a) => formatRex(a, refs(inNames.length))).join(', ')})], joinType=[${rel.joinType.toLowerCase()}])`;
    case 'Rank': return `LogicalRank(partitionBy=${list(rel.partitionKeys.map((k) => `$${k}`))}, orderBy=${list(rel.orderKeys.map((k) => `$${k.index} ${k.direction}`))}, rankRange=[rankStart=${rel.rankStart}, rankEnd=${rel.rankEnd}])`;
  }
}

export function explainLogical(p: PlannedStatement): string {
  const tree = drawTree(p.logical, describeLogical, inputsOf);
  if (!p.sink) return tree;
  const header = `LogicalSink(table=[${formatPath(p.sink.table.path)}], fields=${list(p.sink.columns)})`;
  return `${header}\n${tree.split('\n').map((l, i) => (i === 0 ? `+- ${l}` : `   ${l}`)).join('\n')}`;
}

export function explainPhysical(root: PhysNode, withChangelog: boolean): string {
  return drawTree(root, (n) => {
    const d = describeNode(n);
    return withChangelog && n.changelog ? `${d.slice(0, -1)}${d.endsWith('()') ? '' : ', '}changelogMode=${formatChangelog(n.changelog)})` : d;
  }, (n) => n.inputs);
}

/** The full EXPLAIN text of one or more planned statements. */
export function explainPlans(plans: readonly PlannedStatement[]): string {
  const ast = plans.map(explainLogical).join('\n\n');
  const physical = plans.map((p) => explainPhysical(p.physical, true)).join('\n\n');
  const exec = plans.map((p) => explainPhysical(p.physical, false)).join('\n\n');
  return `== Abstract Syntax Tree ==\n${ast}\n\n== Optimized Physical Plan ==\n${physical}\n\n== Optimized Execution Plan ==\n${exec}\n`;
}
