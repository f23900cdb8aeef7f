// Translates ranking and sorting: Top-N (Rank), deduplication, ORDER BY ... LIMIT (streaming as an
// updating Top-N, batch at the end of input) and the streaming sort on a time attribute.
import type { DataStream } from '../../api/data-stream.ts';
import type { Row } from '../../core/row.ts';
import { DeduplicateOperator } from '../operators/deduplicate-operator.ts';
import { RankOperator, type RowComparator } from '../operators/rank-operator.ts';
import { SortLimitOperator } from '../operators/sort-limit-operator.ts';
import { TemporalSortOperator } from '../operators/temporal-sort-operator.ts';
import { compareBytes, compareStrings } from '../functions/aggregate/value-order.ts';
import type { SortKey } from '../planner/logical/rel.ts';
import { describeNode } from '../planner/physical/explain-node.ts';
import type { PhysNode } from '../planner/physical/phys-node.ts';
import type { ExecContext } from './exec-context.ts';

/** Orders two non-null SQL values of the same type (number and bigint mix: both are BIGINT values). */
function compareValues(x: unknown, y: unknown): number {
  if (typeof x === 'string' && typeof y === 'string') return compareStrings(x, y);
  if (x instanceof Uint8Array && y instanceof Uint8Array) return compareBytes(x, y);
  return (x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0;
}

/** Compares rows by the ORDER BY keys; NULLs first or last as the key says. */
export function rowComparator(keys: readonly SortKey[]): RowComparator {
  return (a, b) => {
    for (const k of keys) {
      const x = a[k.index];
      const y = b[k.index];
      let c: number;
      if (x === null || x === undefined || y === null || y === undefined) {
        const xn = x === null || x === undefined;
        const yn = y === null || y === undefined;
        if (xn && yn) continue;
        c = xn ? (k.nullsFirst ? -1 : 1) : (k.nullsFirst ? 1 : -1);
        return c;
      }
      c = compareValues(x, y);
      if (c !== 0) return k.direction === 'DESC' ? -c : c;
    }
    return 0;
  };
}

const insertOnly = (n: PhysNode): boolean => !n.changelog || (!n.changelog.modify.has('U') && !n.changelog.modify.has('D'));

export function translateRank(node: Extract<PhysNode, { kind: 'Rank' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const out = input.transform(describeNode(node), 'rank', () => new RankOperator({
    rankType: node.rankType, partitionKey: node.partitionKeys, compare: rowComparator(node.orderKeys), rankStart: node.rankStart, rankEnd: node.rankEnd,
    outputRankNumber: node.outputRankNumber, generateUpdateBefore: node.changelog?.updateBefore ?? true,
    inputInsertOnly: insertOnly(node.inputs[0]!), stateTtlMs: ctx.stateTtlMs,
  })).uid(ctx.uid('rank'));
  if (node.partitionKeys.length === 0) out.setParallelism(1);
  return out;
}

export function translateDeduplicate(node: Extract<PhysNode, { kind: 'Deduplicate' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const out = input.transform(describeNode(node), 'deduplicate', () => new DeduplicateOperator({
    keepLastRow: node.keepLastRow, isRowtime: node.isRowtime, timeIndex: node.orderIndex,
    generateUpdateBefore: node.changelog?.updateBefore ?? true, stateTtlMs: ctx.stateTtlMs,
  })).uid(ctx.uid('deduplicate'));
  if (node.partitionKeys.length === 0) out.setParallelism(1);
  return out;
}

export function translateSortLimit(node: Extract<PhysNode, { kind: 'SortLimit' | 'Sort' | 'Limit' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  return input.transform(describeNode(node), 'sort-limit', () => new SortLimitOperator({
    compare: rowComparator(node.keys), offset: node.offset, limit: node.fetch, emitAtEnd: ctx.mode === 'BATCH',
    inputInsertOnly: insertOnly(node.inputs[0]!),
  })).uid(ctx.uid('sort-limit')).setParallelism(1);
}

export function translateTemporalSort(node: Extract<PhysNode, { kind: 'TemporalSort' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const [first, ...rest] = node.keys;
  return input.transform(describeNode(node), 'temporal-sort', () => new TemporalSortOperator({
    timeIndex: first!.index, compare: rest.length ? rowComparator(rest) : undefined,
  })).uid(ctx.uid('temporal-sort')).setParallelism(1);
}
