// Typed, resolved expressions (Flink/Calcite's RexNode): what the planner produces from the AST
// once names and types are known, and what the expression compiler turns into JavaScript.
// Every node carries its result type; column references are positions in the input row.
import type { LogicalType } from '../../core/types/logical-type.ts';
import type { TimeUnit } from '../ast/ast.ts';

export type Rex = RexInputRef | RexLiteral | RexCall | RexFieldAccess | RexCorrelRef;

/** Field `index` of the input row (for two-input nodes: left fields first, then right). */
export interface RexInputRef {
  readonly kind: 'input';
  readonly index: number;
  readonly type: LogicalType;
}

/** A constant in the value representation of core/types/logical-type.ts (null for NULL). */
export interface RexLiteral {
  readonly kind: 'literal';
  readonly value: unknown;
  readonly type: LogicalType;
}

/**
 * A call of a built-in operator or function, or of a user-defined scalar function.
 * `op` is the upper-case name as in the function catalog: operators are spelled
 * `+ - * / % = <> < <= > >= AND OR NOT || IS NULL IS NOT NULL IS TRUE IS FALSE IS NOT TRUE
 * IS NOT FALSE IS DISTINCT FROM IS NOT DISTINCT FROM LIKE NOT LIKE SIMILAR TO BETWEEN IN
 * NOT IN CASE CAST TRY_CAST REINTERPRET MINUS_PREFIX ITEM ROW ARRAY MAP EXTRACT FLOOR_TO CEIL_TO
 * TIMESTAMPADD TIMESTAMPDIFF POSITION TRIM SUBSTRING JSON_VALUE JSON_QUERY JSON_EXISTS JSON_OBJECT`
 * and functions by their name (`UPPER`, `DATE_FORMAT`, ...).
 *
 * Special operand shapes:
 *   CASE: [when1, then1, when2, then2, ..., else] (else is a NULL literal when absent)
 *   CAST / TRY_CAST / REINTERPRET: [operand]; the target is `type`
 *   IN / NOT IN: [operand, v1, v2, ...]
 *   BETWEEN: [operand, low, high] (`flags.symmetric`, negation is wrapped in NOT)
 *   LIKE: [operand, pattern] or [operand, pattern, escape]
 *   EXTRACT / FLOOR_TO / CEIL_TO / TIMESTAMPADD / TIMESTAMPDIFF: `unit` holds the time unit
 *   TRIM: [chars, operand] with `flags.side` BOTH|LEADING|TRAILING
 *   JSON_*: `flags` holds the ON EMPTY / ON ERROR / WRAPPER / ON NULL clauses
 *   UDF calls: op is the function's catalog name, `udf` is set
 */
export interface RexCall {
  readonly kind: 'call';
  readonly op: string;
  readonly operands: readonly Rex[];
  readonly type: LogicalType;
  readonly unit?: TimeUnit;
  readonly flags?: Readonly<Record<string, unknown>>;
  /** Set for user-defined functions: the loaded implementation. */
  readonly udf?: ScalarUdf;
  /** Non-deterministic calls (RAND, NOW, PROCTIME, UUID, UDFs declared so) are never constant-folded. */
  readonly nonDeterministic?: boolean;
}

/** `row_expr.field`. */
export interface RexFieldAccess {
  readonly kind: 'field';
  readonly operand: Rex;
  readonly index: number;
  readonly type: LogicalType;
}

/** A field of the outer row in a correlated subquery or lateral table function (decorrelated before execution). */
export interface RexCorrelRef {
  readonly kind: 'correl';
  readonly id: number;
  readonly index: number;
  readonly type: LogicalType;
}

/** A user-defined scalar function as it is called at run time. */
export interface ScalarUdf {
  readonly name: string;
  eval(...args: unknown[]): unknown;
}

export const inputRef = (index: number, type: LogicalType): RexInputRef => ({ kind: 'input', index, type });
export const literal = (value: unknown, type: LogicalType): RexLiteral => ({ kind: 'literal', value, type });
export const call = (op: string, operands: readonly Rex[], type: LogicalType, extra: Partial<Omit<RexCall, 'kind' | 'op' | 'operands' | 'type'>> = {}): RexCall =>
  ({ kind: 'call', op, operands, type, ...extra });
