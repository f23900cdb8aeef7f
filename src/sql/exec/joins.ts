// Translates joins: the regular streaming join, interval and temporal joins (two keyed inputs),
// lookup joins against a lookup source, and LATERAL TABLE function calls (Correlate).
import { DataStream, KeyedStream } from '../../api/data-stream.ts';
import type { Row } from '../../core/row.ts';
import type { LookupFunction } from '../connectors/table-connector.ts';
import { compileExpression, compileJoinPredicate, compilePredicate, compileProjection } from '../expr/compile.ts';
import { CorrelateOperator } from '../operators/correlate-operator.ts';
import { IntervalJoinOperator } from '../operators/interval-join-operator.ts';
import { LookupJoinOperator } from '../operators/lookup-join-operator.ts';
import { RegularJoinOperator } from '../operators/regular-join-operator.ts';
import { TemporalJoinOperator } from '../operators/temporal-join-operator.ts';
import type { OperatorFactory } from '../../runtime/operators/stream-operator.ts';
import { describeNode } from '../planner/physical/explain-node.ts';
import type { PhysNode } from '../planner/physical/phys-node.ts';
import type { ExecContext } from './exec-context.ts';
import type { Rex } from '../planner/rex.ts';
import type { JoinCondition } from '../operators/join-condition.ts';

/** Adds a two-input operator over (possibly keyed) inputs. */
export function twoInput(left: DataStream<Row>, right: DataStream<Row>, name: string, type: string, factory: OperatorFactory<Row, Row>): DataStream<Row> {
  const key = (s: DataStream<Row>) => (s instanceof KeyedStream ? s.keySelector : undefined);
  const node = left.env.addNode({
    name, operatorType: type, kind: 'operator', factory,
    inputs: [{ stream: left, inputIndex: 0 }, { stream: right, inputIndex: 1 }],
    keySelectors: [key(left), key(right)],
  });
  return new DataStream<Row>(left.env, node);
}

const insertOnly = (n: PhysNode): boolean => !n.changelog || (!n.changelog.modify.has('U') && !n.changelog.modify.has('D'));
const singleInput = (n: PhysNode): boolean => n.kind === 'Exchange' && n.distribution === 'single';

/** A join's non-equi condition compiled over (left, right); undefined when the equi-keys say it all. */
export function joinCondition(nonEqui: Rex | undefined, leftWidth: number, ctx: ExecContext): JoinCondition | undefined {
  return nonEqui ? compileJoinPredicate(nonEqui, leftWidth, ctx.exprCtx) : undefined;
}

export function translateJoin(node: Extract<PhysNode, { kind: 'Join' }>, left: DataStream<Row>, right: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const [l, r] = node.inputs as [PhysNode, PhysNode];
  const leftWidth = l.rowType.types.length;
  const rightWidth = r.rowType.types.length;
  const out = twoInput(left, right, describeNode(node), 'join', () => new RegularJoinOperator({
    joinType: node.joinType, leftWidth, rightWidth,
    condition: joinCondition(node.nonEqui, leftWidth, ctx),
    leftInsertOnly: insertOnly(l), rightInsertOnly: insertOnly(r), leftUniqueKey: node.leftUniqueKey, rightUniqueKey: node.rightUniqueKey,
    nullSafeKeys: node.nullSafe.some((x) => x) ? node.nullSafe : undefined,
    generateUpdateBefore: node.changelog?.updateBefore ?? true, stateTtlMs: ctx.stateTtlMs,
  })).uid(ctx.uid('join'));
  if (singleInput(l)) out.setParallelism(1);
  return out;
}

export function translateIntervalJoin(node: Extract<PhysNode, { kind: 'IntervalJoin' }>, left: DataStream<Row>, right: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const [l, r] = node.inputs as [PhysNode, PhysNode];
  const leftWidth = l.rowType.types.length;
  const joinType = node.joinType as 'INNER' | 'LEFT' | 'RIGHT' | 'FULL';
  // The operator bounds right.time - left.time; the plan holds lower <= left - right <= upper.
  const out = twoInput(left, right, describeNode(node), 'interval-join', () => new IntervalJoinOperator({
    joinType, leftWidth, rightWidth: r.rowType.types.length, leftTimeIndex: node.leftTimeIndex, rightTimeIndex: node.rightTimeIndex,
    lowerBoundMs: -node.upperMs, upperBoundMs: -node.lowerMs, isEventTime: true,
    condition: joinCondition(node.nonEqui, leftWidth, ctx),
  })).uid(ctx.uid('interval-join'));
  if (singleInput(l)) out.setParallelism(1);
  return out;
}

export function translateTemporalJoin(node: Extract<PhysNode, { kind: 'TemporalJoin' }>, left: DataStream<Row>, right: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const [l, r] = node.inputs as [PhysNode, PhysNode];
  const leftWidth = l.rowType.types.length;
  const out = twoInput(left, right, describeNode(node), 'temporal-join', () => new TemporalJoinOperator({
    joinType: node.joinType as 'INNER' | 'LEFT', leftWidth, rightWidth: r.rowType.types.length,
    leftTimeIndex: node.leftTimeIndex, rightTimeIndex: node.rightTimeIndex, isEventTime: true,
    condition: joinCondition(node.nonEqui, leftWidth, ctx),
  })).uid(ctx.uid('temporal-join'));
  return out;
}

export function translateLookupJoin(node: Extract<PhysNode, { kind: 'LookupJoin' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const leftWidth = node.inputs[0]!.rowType.types.length;
  const source = node.source!;
  const keys = node.lookupKeys;
  const rightCalc = node.rightCalc;
  const rightWidth = node.rowType.types.length - leftWidth;
  const exprCtx = ctx.exprCtx;
  const out = input.transform(describeNode(node), 'lookup-join', () => {
    const inner = source.createLookup!(keys.map((k) => k.right));
    let lookup: LookupFunction = inner;
    if (rightCalc) {
      // The lookup table's computed columns and filter apply to the rows it returns.
      const project = compileProjection(rightCalc.exprs, exprCtx);
      const cond = rightCalc.condition ? compilePredicate(rightCalc.condition, exprCtx) : undefined;
      lookup = {
        open: () => inner.open?.(),
        close: () => inner.close?.(),
        lookup: (key) => inner.lookup(key).filter((r) => !cond || cond(r)).map((r) => project(r)),
      };
    }
    return new LookupJoinOperator({
      joinType: node.joinType as 'INNER' | 'LEFT', leftWidth, rightWidth, lookupKeys: keys.map((k) => k.left), lookup,
      condition: joinCondition(node.nonEqui, leftWidth, ctx),
    });
  });
  return out.uid(ctx.uid('lookup-join'));
}

export function translateCorrelate(node: Extract<PhysNode, { kind: 'Correlate' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const args = node.args;
  const fn = node.fn;
  const width = node.fnWidth;
  const exprCtx = ctx.exprCtx;
  return input.transform(describeNode(node), 'correlate', () => {
    const argFns = args.map((a) => compileExpression(a, exprCtx));
    const call = function* (fields: readonly unknown[]): Iterable<unknown[]> {
      for (const v of fn.eval(...argFns.map((f) => f(fields)))) yield width === 1 && !Array.isArray(v) ? [v] : (v as unknown[]);
    };
    return new CorrelateOperator({ joinType: node.joinType, fn: call, rightWidth: width });
  }).uid(ctx.uid('correlate'));
}
