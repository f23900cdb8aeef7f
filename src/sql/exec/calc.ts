// Translates Calc nodes: compiles the projection and the condition and adds one CalcOperator.
import type { DataStream } from '../../api/data-stream.ts';
import type { Row } from '../../core/row.ts';
import { compilePredicate, compileProjection } from '../expr/compile.ts';
import type { PhysNode } from '../planner/physical/phys-node.ts';
import { describeNode } from '../planner/physical/explain-node.ts';
import { CalcOperator } from './calc-operator.ts';
import type { ExecContext } from './exec-context.ts';

export function translateCalc(node: Extract<PhysNode, { kind: 'Calc' }>, input: DataStream<Row>, ctx: ExecContext): DataStream<Row> {
  const width = node.inputs[0]!.rowType.types.length;
  const identity = node.exprs.length === width && node.exprs.every((e, i) => e.kind === 'input' && e.index === i);
  const exprCtx = ctx.exprCtx;
  const exprs = node.exprs;
  const condition = node.condition;
  // Factories compile per operator instance, so compiled closures are never shared between subtasks.
  const out = input.transform(describeNode(node), 'calc', () => new CalcOperator(
    identity ? undefined : compileProjection(exprs, exprCtx),
    condition ? compilePredicate(condition, exprCtx) : undefined,
  ));
  return out.uid(ctx.uid('calc'));
}
