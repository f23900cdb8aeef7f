// How each physical node prints in EXPLAIN and in error messages, in Flink's spelling:
// `GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt])`.
import { formatPath } from '../../catalog/catalog-objects.ts';
import type { WindowSpec } from '../../operators/window-spec.ts';
import type { BoundAggCall, SortKey } from '../logical/rel.ts';
import { formatRex } from '../rex-util.ts';
import type { Rex } from '../rex.ts';
import type { PhysNode } from './phys-node.ts';

const list = (xs: readonly string[]): string => `[${xs.join(', ')}]`;

export function formatDuration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

/** `TUMBLE(time_col=[ts], size=[10 s])`; over windowed input Flink names the window end instead (`win_end=[...]`). */
export function formatWindow(w: WindowSpec, timeName: string, column = 'time_col'): string {
  const col = `${column}=[${timeName}]`;
  switch (w.type) {
    case 'TUMBLE': return `TUMBLE(${col}, size=[${formatDuration(w.size)}]${w.offset ? `, offset=[${formatDuration(w.offset)}]` : ''})`;
    case 'HOP': return `HOP(${col}, size=[${formatDuration(w.size)}], slide=[${formatDuration(w.slide)}])`;
    case 'CUMULATE': return `CUMULATE(${col}, max_size=[${formatDuration(w.maxSize)}], step=[${formatDuration(w.step)}])`;
    case 'SESSION': return `SESSION(${col}, gap=[${formatDuration(w.gap)}])`;
  }
}

export function formatAggCall(c: BoundAggCall, inputNames: readonly string[]): string {
  const args = c.args.length ? c.args.map((a) => inputNames[a] ?? `$${a}`).join(', ') : (c.name === 'COUNT' ? '*' : '');
  const filter = c.filterArg !== undefined ? ` FILTER ${inputNames[c.filterArg]}` : '';
  return `${c.name}(${c.distinct ? 'DISTINCT ' : ''}${args})${filter} AS ${c.alias}`;
}

function sortKeys(keys: readonly SortKey[], names: readonly string[]): string {
  return list(keys.map((k) => `${names[k.index]} ${k.direction}`));
}

/** Flink's join input spec: whether a side has a unique key, and whether the join key contains it. */
function inputSpec(uniqueKey: readonly number[] | undefined, joinKeys: readonly Rex[]): string {
  if (!uniqueKey) return 'NoUniqueKey';
  const keyFields = joinKeys.map((k) => (k.kind === 'input' ? k.index : -1));
  return uniqueKey.every((u) => keyFields.includes(u)) ? 'JoinKeyContainsUniqueKey' : 'HasUniqueKey';
}

function joinTypeName(t: string): string {
  return ({ INNER: 'InnerJoin', LEFT: 'LeftOuterJoin', RIGHT: 'RightOuterJoin', FULL: 'FullOuterJoin', SEMI: 'LeftSemiJoin', ANTI: 'LeftAntiJoin' } as Record<string, string>)[t] ?? t;
}

function selectList(exprs: readonly Rex[], inNames: readonly string[], outNames: readonly string[]): string {
  return list(exprs.map((e, i) => {
    const text = formatRex(e, inNames);
    return text === outNames[i] ? text : `${text} AS ${outNames[i]}`;
  }));
}

/** `Name(attr=[...], ...)` for one node. */
export function describeNode(n: PhysNode): string {
  const inNames = n.inputs[0]?.rowType.names ?? [];
  const outNames = n.rowType.names;
  // A join's own output names are unique (right-side duplicates renamed), except for SEMI/ANTI which output the left side only.
  const semi = n.kind === 'Join' && (n.joinType === 'SEMI' || n.joinType === 'ANTI');
  const joinNames = n.inputs.length === 2 ? (semi ? [...n.inputs[0]!.rowType.names, ...n.inputs[1]!.rowType.names] : outNames) : inNames;
  const attrs: string[] = [];
  switch (n.kind) {
    case 'TableSourceScan': {
      const parts = [n.path.catalog, n.path.database, n.path.name];
      if (n.projectedFields) parts.push(`project=[${n.projectedFields.map((i) => outNames[i]).join(', ')}]`);
      if (n.metadataKeys.length) parts.push(`metadata=[${n.metadataKeys.join(', ')}]`);
      if (n.watermark) parts.push(`watermark=[${n.watermark.display}]`);
      attrs.push(`table=[[${parts.join(', ')}]]`, `fields=${list(outNames)}`);
      break;
    }
    case 'DataStreamScan': attrs.push(`table=[[${formatPath(n.table.path).split('.').join(', ')}]]`, `fields=${list(outNames)}`); break;
    case 'Values': attrs.push(`tuples=[${n.rows.map((r) => `{ ${r.map((v, i) => `${String(v)} AS ${outNames[i]}`).join(', ')} }`).join(', ')}]`); break;
    case 'Calc':
      attrs.push(`select=${selectList(n.exprs, inNames, outNames)}`);
      if (n.condition) attrs.push(`where=[${formatRex(n.condition, inNames)}]`);
      break;
    case 'WatermarkAssigner': attrs.push(`rowtime=[${outNames[n.rowtimeIndex]}]`, `watermark=[${formatRex(n.watermark, inNames)}]`); break;
    case 'Exchange': attrs.push(`distribution=[${n.distribution === 'single' ? 'single' : `hash[${n.keys.map((k) => formatRex(k, inNames)).join(', ')}]`}]`); break;
    case 'MiniBatchAssigner': attrs.push(`interval=[${n.intervalMs}ms]`, 'mode=[ProcTime]'); break;
    case 'GroupAggregate':
      if (n.groupKey.length) attrs.push(`groupBy=${list(n.groupKey.map((k) => inNames[k]!))}`);
      attrs.push(`select=${list([...n.groupKey.map((k) => inNames[k]!), ...n.calls.map((c) => formatAggCall(c, inNames))])}`);
      break;
    case 'WindowAggregate':
      if (n.groupKey.length) attrs.push(`groupBy=${list(n.groupKey.map((k) => inNames[k]!))}`);
      attrs.push(`window=[${n.windowEndIndex === undefined ? formatWindow(n.window, inNames[n.timeIndex]!) : formatWindow(n.window, inNames[n.windowEndIndex]!, 'win_end')}]`);
      attrs.push(`select=${list([...n.groupKey.map((k) => inNames[k]!), ...n.calls.map((c) => formatAggCall(c, inNames)), "start('w$) AS window_start", "end('w$) AS window_end", ...(n.emitWindowTime ? ["rowtime('w$) AS window_time"] : [])])}`);
      break;
    case 'WindowTableFunction':
      if (n.partitionKeys.length) attrs.push(`partitionKeys=${list(n.partitionKeys.map((k) => inNames[k]!))}`);
      attrs.push(`window=[${formatWindow(n.window, inNames[n.timeIndex]!)}]`);
      break;
    case 'Join':
      attrs.push(`joinType=[${joinTypeName(n.joinType)}]`, `where=[${formatRex(n.condition, joinNames)}]`, `select=${list(outNames)}`,
        `leftInputSpec=[${inputSpec(n.leftUniqueKey, n.leftKeys)}]`, `rightInputSpec=[${inputSpec(n.rightUniqueKey, n.rightKeys)}]`);
      break;
    case 'IntervalJoin':
      attrs.push(`joinType=[${joinTypeName(n.joinType)}]`, `windowBounds=[isRowTime=true, leftLowerBound=${n.lowerMs}, leftUpperBound=${n.upperMs}, leftTimeIndex=${n.leftTimeIndex}, rightTimeIndex=${n.rightTimeIndex}]`, `where=[${formatRex(n.condition, joinNames)}]`, `select=${list(outNames)}`);
      break;
    case 'TemporalJoin':
      attrs.push(`joinType=[${joinTypeName(n.joinType)}]`, `where=[${formatRex(n.condition, joinNames)}]`, `select=${list(outNames)}`);
      break;
    case 'LookupJoin':
      attrs.push(`table=[${formatPath(n.path)}]`, `joinType=[${joinTypeName(n.joinType)}]`, `lookup=[${n.lookupKeys.map((k) => `${n.table.columns.filter((c) => c.kind === 'physical')[k.right]!.name}=${inNames[k.left]}`).join(', ')}]`, `select=${list(outNames)}`);
      break;
    case 'Union': attrs.push(`all=[true]`, `union=${list(outNames)}`); break;
    case 'Rank':
      attrs.push(`strategy=[${n.inputs[0]!.changelog?.modify.size === 1 ? 'AppendFastStrategy' : 'RetractStrategy'}]`, `rankType=[${n.rankType}]`, `rankRange=[rankStart=${n.rankStart}, rankEnd=${n.rankEnd}]`,
        `partitionBy=${list(n.partitionKeys.map((k) => inNames[k]!))}`, `orderBy=${sortKeys(n.orderKeys, inNames)}`, `select=${list(outNames)}`);
      break;
    case 'Deduplicate':
      attrs.push(`keep=[${n.keepLastRow ? 'LastRow' : 'FirstRow'}]`, `key=${list(n.partitionKeys.map((k) => inNames[k]!))}`, `order=[${n.isRowtime ? 'ROWTIME' : 'PROCTIME'}]`);
      break;
    case 'WindowRank':
      attrs.push(`rankType=[${n.rankType}]`, `rankRange=[rankStart=${n.rankStart}, rankEnd=${n.rankEnd}]`, `partitionBy=${list(n.partitionKeys.map((k) => inNames[k]!))}`,
        `orderBy=${sortKeys(n.orderKeys, inNames)}`, `window=[${inNames[n.windowEnd]}]`, `select=${list(outNames)}`);
      break;
    case 'WindowDeduplicate':
      attrs.push(`window=[${inNames[n.windowEnd]}]`, `keep=[${n.keepLastRow ? 'LastRow' : 'FirstRow'}]`, `partitionKeys=${list(n.partitionKeys.map((k) => inNames[k]!))}`, `orderKey=[${inNames[n.orderIndex]}]`, `order=[${n.isEventTime ? 'ROWTIME' : 'PROCTIME'}]`);
      break;
    case 'WindowJoin':
      attrs.push(`leftWindow=[${joinNames[n.leftWindowEnd]}]`, `rightWindow=[${joinNames[n.inputs[0]!.rowType.types.length + n.rightWindowEnd]}]`, `joinType=[${joinTypeName(n.joinType)}]`, `where=[${formatRex(n.condition, joinNames)}]`, `select=${list(outNames)}`);
      break;
    case 'OverAggregate': {
      const w = n.window;
      const frame = w.lower === 'UNBOUNDED' ? 'UNBOUNDED PRECEDING' : `${w.frameUnit === 'RANGE' ? `${w.lower}` : w.lower} PRECEDING`;
      if (w.partitionKeys.length) attrs.push(`partitionBy=${list(w.partitionKeys.map((k) => inNames[k]!))}`);
      attrs.push(`orderBy=${sortKeys(w.orderKeys, inNames)}`, `window=[ ${w.frameUnit} BETWEEN ${frame} AND CURRENT ROW]`,
        `select=${list([...inNames, ...w.calls.map((c) => formatAggCall(c, inNames))])}`);
      break;
    }
    case 'SortLimit': case 'Sort': case 'Limit': case 'TemporalSort':
      if (n.keys.length) attrs.push(`orderBy=${sortKeys(n.keys, inNames)}`);
      if (n.kind !== 'TemporalSort' && n.kind !== 'Sort') attrs.push(`offset=[${n.offset}]`, `fetch=[${n.fetch}]`);
      break;
    case 'Correlate':
      attrs.push(`invocation=[${n.fnName}(${n.args.map((a) => formatRex(a, inNames)).join(', ')})]`, `select=${list(outNames)}`, `joinType=[${n.joinType}]`);
      break;
    case 'ChangelogNormalize': attrs.push(`key=${list(n.uniqueKey.map((k) => inNames[k]!))}`); break;
    case 'SinkUpsertMaterializer': attrs.push(`pk=${list(n.primaryKey.map((k) => inNames[k]!))}`); break;
    case 'Sink': attrs.push(`table=[${formatPath(n.path)}]`, `fields=${list(n.fields)}`); break;
  }
  return `${n.kind}(${attrs.join(', ')})`;
}
