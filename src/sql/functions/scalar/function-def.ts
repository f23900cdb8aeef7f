// The shape of a built-in scalar function: how it types a call (checking operands and inserting
// implicit casts) and how the expression compiler turns a typed call into JavaScript.
import type { Pos, TimeUnit } from '../../ast/ast.ts';
import type { ExprContext } from '../../expr/expr-context.ts';
import type { Rex, RexCall } from '../../planner/rex.ts';

/** A call as the planner sees it before typing. */
export interface CallSite {
  readonly op: string;
  readonly operands: readonly Rex[];
  readonly pos?: Pos;
  readonly unit?: TimeUnit;
  readonly flags?: Readonly<Record<string, unknown>>;
}

/** What the code generator offers to functions that write their own code. */
export interface CodeGen {
  readonly ctx: ExprContext;
  /** Appends statements computing `rex` to `out`; returns a JavaScript expression for its value. */
  emit(rex: Rex, out: string[]): string;
  /** A fresh local variable name. */
  temp(): string;
  /** A name under which `value` is visible to the generated code. */
  capture(value: unknown): string;
  /** The value of a constant operand computed now (for lookup tables), undefined when it is not constant. */
  constantValue(rex: Rex): { readonly value: unknown } | undefined;
}

/**
 * How a call runs. `inline` and `strict` are null-propagating (any NULL operand gives NULL, the
 * compiler checks inline); `lenient` sees NULL operands; `custom` writes its own statements
 * (lazy evaluation for AND, OR, CASE, COALESCE).
 */
export type ScalarImpl =
  | { readonly kind: 'inline'; code(args: readonly string[], call: RexCall, g: CodeGen): string }
  | { readonly kind: 'strict'; make(call: RexCall, ctx: ExprContext): (...args: any[]) => unknown }
  | { readonly kind: 'lenient'; make(call: RexCall, ctx: ExprContext): (...args: any[]) => unknown }
  | { readonly kind: 'custom'; code(call: RexCall, g: CodeGen, out: string[]): string };

export interface ScalarFunctionDef {
  /** Upper-case names the function is called by (the first is the canonical `op` of its calls). */
  readonly names: readonly string[];
  /** Types the call: checks operands, inserts implicit casts, returns the typed call. */
  resolve(site: CallSite): RexCall;
  readonly impl: ScalarImpl;
  /** Never constant-folded (RAND, NOW, UUID ...). */
  readonly nonDeterministic?: boolean;
}
