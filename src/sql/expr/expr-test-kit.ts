// Builds and evaluates typed expressions by hand for the tests of types, functions and the compiler.
import { Types, type LogicalType } from '../../core/types/logical-type.ts';
import { resolveScalarCall } from '../functions/scalar/registry.ts';
import { call, inputRef, literal, type Rex } from '../planner/rex.ts';
import { compileExpression } from './compile.ts';

export const T = Types;
export const col = (index: number, type: LogicalType): Rex => inputRef(index, type);
export const lit = (value: unknown, type: LogicalType): Rex => literal(value, value === null ? type : { ...type, nullable: false });
export const nul = (): Rex => literal(null, Types.NULL());
export const int = (v: number): Rex => lit(v, Types.INT());
export const big = (v: number | bigint): Rex => lit(v, Types.BIGINT());
export const dbl = (v: number): Rex => lit(v, Types.DOUBLE());
export const str = (v: string): Rex => lit(v, Types.STRING());
export const bool = (v: boolean): Rex => lit(v, Types.BOOLEAN());
/** DECIMAL literal from its text: dec('0.908') is DECIMAL(3, 3) 908n. */
export function dec(text: string): Rex {
  const [i = '', f = ''] = text.replace('-', '').split('.');
  const digits = (i.replace(/^0+/, '') + f) || '0';
  return lit(BigInt(text.replace('.', '')), Types.DECIMAL(Math.max(digits.length, f.length, 1), f.length));
}
export const fn = (op: string, ...operands: Rex[]): Rex => resolveScalarCall(op, operands);
export const fnx = (op: string, opts: Parameters<typeof resolveScalarCall>[2], ...operands: Rex[]): Rex => resolveScalarCall(op, operands, opts);
export const cast = (x: Rex, to: LogicalType, safe = false): Rex => call(safe ? 'TRY_CAST' : 'CAST', [x], { ...to, nullable: safe || x.type.nullable });

/** Evaluates `rex` over one input row in a session time zone (UTC unless given). */
export const evaluate = (rex: Rex, fields: readonly unknown[] = [], timeZone = 'UTC'): unknown => compileExpression(rex, { timeZone })(fields);
