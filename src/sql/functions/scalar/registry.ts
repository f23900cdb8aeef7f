// The catalog of built-in scalar functions and operators: types calls for the planner and hands
// the compiler each function's implementation.
import type { Pos, TimeUnit } from '../../ast/ast.ts';
import type { Rex, RexCall } from '../../planner/rex.ts';
import { SqlValidationError } from '../../sql-errors.ts';
import { ARITHMETIC_FUNCTIONS } from './arithmetic.ts';
import { CAST_FUNCTIONS } from './cast.ts';
import { COLLECTION_FUNCTIONS } from './collection.ts';
import { COMPARISON_FUNCTIONS } from './comparison.ts';
import { CONDITIONAL_FUNCTIONS } from './conditional.ts';
import type { ScalarFunctionDef, ScalarImpl } from './function-def.ts';
import { JSON_FUNCTIONS } from './json.ts';
import { LOGIC_FUNCTIONS } from './logic.ts';
import { MATH_FUNCTIONS } from './math.ts';
import { STRING_FUNCTIONS } from './string.ts';
import { TEMPORAL_FUNCTIONS } from './temporal.ts';
import { familyName } from './signature.ts';

const DEFS = new Map<string, ScalarFunctionDef>();
const FAMILIES = [
  ARITHMETIC_FUNCTIONS, COMPARISON_FUNCTIONS, LOGIC_FUNCTIONS, CONDITIONAL_FUNCTIONS, CAST_FUNCTIONS,
  STRING_FUNCTIONS, MATH_FUNCTIONS, TEMPORAL_FUNCTIONS, JSON_FUNCTIONS, COLLECTION_FUNCTIONS,
];
for (const family of FAMILIES) {
  for (const def of family) for (const name of def.names) DEFS.set(name, def);
}

/**
 * Types a call of a built-in operator or function: checks the operands, inserts implicit casts
 * and returns the call with its result type and nullability.
 *
 * @example resolveScalarCall('+', [inputRef(0, Types.INT()), literal(1n, Types.BIGINT(false))]) // BIGINT call
 */
export function resolveScalarCall(
  op: string,
  operands: readonly Rex[],
  opts: { pos?: Pos | undefined; unit?: TimeUnit | undefined; flags?: Record<string, unknown> | undefined } = {},
): RexCall {
  const name = op.toUpperCase();
  const def = DEFS.get(name);
  if (!def) {
    throw new SqlValidationError(`No match found for function signature ${name}(${operands.map((o) => `<${familyName(o.type)}>`).join(', ')})`, opts.pos);
  }
  return def.resolve({
    op: name,
    operands,
    ...(opts.pos ? { pos: opts.pos } : {}),
    ...(opts.unit ? { unit: opts.unit } : {}),
    ...(opts.flags ? { flags: opts.flags } : {}),
  });
}

export const isScalarFunction = (name: string): boolean => DEFS.has(name.toUpperCase());

/** The implementation of a typed call's `op`, for the compiler. */
export const scalarImpl = (op: string): ScalarImpl | undefined => DEFS.get(op)?.impl;

/** Names of the functions (not operators), for SHOW FUNCTIONS. */
export const scalarFunctionNames = (): string[] => [...DEFS.keys()].filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n)).sort();
