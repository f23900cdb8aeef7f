// Small functions that generated expression code calls for Java-exact integer arithmetic.
import { SqlArithmeticError } from '../../types/bigint.ts';

/** Java int division: truncating, `/ by zero`, MIN / -1 wraps. */
export function intDiv(a: number, b: number): number {
  if (b === 0) throw new SqlArithmeticError('/ by zero');
  return ((a - (a % b)) / b) | 0;
}

/** Java int remainder (sign of the dividend). */
export function intMod(a: number, b: number): number {
  if (b === 0) throw new SqlArithmeticError('/ by zero');
  return (a % b) + 0;
}
