// Operand checking for built-in functions: operand families, implicit casts to a family's type,
// and Calcite-worded errors (`Cannot apply 'UPPER' to arguments of type 'UPPER(<INTEGER>)'`).
import { MAX_LENGTH, Types, withNullability, type LogicalType } from '../../../core/types/logical-type.ts';
import { call, type Rex, type RexCall } from '../../planner/rex.ts';
import { SqlValidationError } from '../../sql-errors.ts';
import { isBinary, isCharacter, isInteger, isInterval, isNull, isNumeric, isTemporal, isTimestamp } from '../../types/type-rules.ts';
import type { CallSite, ScalarFunctionDef, ScalarImpl } from './function-def.ts';

/**
 * Operand families. STRING/NUMERIC/ANY/... keep the operand's type; DOUBLE, INT, BIGINT, BOOLEAN
 * and STRING cast a NULL literal (and DOUBLE/BIGINT/INT any numeric operand) to that type.
 */
export type Family =
  | 'STRING' | 'NUMERIC' | 'DOUBLE' | 'INT' | 'BIGINT' | 'INTEGER' | 'BOOLEAN' | 'ANY'
  | 'DATETIME' | 'TIMESTAMP' | 'DATE' | 'TIME' | 'BINARY' | 'STRING_OR_BINARY' | 'INTERVAL' | 'ARRAY' | 'MAP';

const FAMILY_LABEL: Record<Family, string> = {
  STRING: 'CHARACTER', NUMERIC: 'NUMERIC', DOUBLE: 'NUMERIC', INT: 'INTEGER', BIGINT: 'INTEGER', INTEGER: 'INTEGER',
  BOOLEAN: 'BOOLEAN', ANY: 'ANY', DATETIME: 'DATETIME', TIMESTAMP: 'TIMESTAMP', DATE: 'DATE', TIME: 'TIME',
  BINARY: 'BINARY', STRING_OR_BINARY: 'STRING', INTERVAL: 'INTERVAL', ARRAY: 'ARRAY', MAP: 'MAP',
};

/** Calcite's name of a type in messages: INTEGER, VARCHAR(2147483647), DECIMAL(10, 2), TIMESTAMP(3). */
export function sqlTypeName(t: LogicalType): string {
  switch (t.root) {
    case 'INT': return 'INTEGER';
    case 'VARCHAR': case 'CHAR': case 'BINARY': case 'VARBINARY': return `${t.root}(${t.length ?? 1})`;
    case 'DECIMAL': return `DECIMAL(${t.precision}, ${t.scale})`;
    case 'TIME': case 'TIMESTAMP': return `${t.root}(${t.precision})`;
    case 'TIMESTAMP_LTZ': return `TIMESTAMP_WITH_LOCAL_TIME_ZONE(${t.precision})`;
    case 'INTERVAL_DAY_TIME': return 'INTERVAL SECOND';
    case 'INTERVAL_YEAR_MONTH': return 'INTERVAL MONTH';
    case 'ARRAY': return `${sqlTypeName(t.element!)} ARRAY`;
    case 'MAP': return `(${sqlTypeName(t.key!)}, ${sqlTypeName(t.value!)}) MAP`;
    default: return t.root;
  }
}

/** The family name of a type in `No match found for function signature F(<NUMERIC>)`. */
export function familyName(t: LogicalType): string {
  if (isNumeric(t)) return 'NUMERIC';
  if (isCharacter(t)) return 'CHARACTER';
  if (isBinary(t)) return 'BINARY';
  if (isTimestamp(t)) return 'TIMESTAMP';
  if (isInterval(t)) return 'INTERVAL';
  return t.root === 'NULL' ? 'NULL' : t.root;
}

const isBinaryOp = (op: string): boolean => /^[^A-Z]+$/.test(op) || op === 'AND' || op === 'OR' || op === 'LIKE';

/** Calcite's message for operands that fit none of the function's forms. */
export function cannotApply(site: CallSite, forms: readonly string[]): never {
  const args = site.operands.map((o) => `<${sqlTypeName(o.type)}>`);
  const shown = isBinaryOp(site.op) && args.length === 2 ? `${args[0]} ${site.op} ${args[1]}` : `${site.op}(${args.join(', ')})`;
  throw new SqlValidationError(
    `Cannot apply '${site.op}' to arguments of type '${shown}'. Supported form(s): ${forms.map((f) => `'${f}'`).join('\n')}`,
    site.pos,
  );
}

export function invalid(site: CallSite, reason: string): never {
  throw new SqlValidationError(reason, site.pos);
}

export const anyNullable = (operands: readonly Rex[]): boolean => operands.some((o) => o.type.nullable);

/** `rex` cast to `to` (keeping the operand's nullability), or `rex` itself when the types already agree. */
export function castTo(rex: Rex, to: LogicalType): Rex {
  const target = withNullability(to, rex.type.nullable);
  if (sameType(rex.type, target)) return rex;
  if (rex.kind === 'literal' && rex.value === null) return { kind: 'literal', value: null, type: withNullability(to, true) };
  return call('CAST', [rex], target);
}

/** Structural type equality ignoring nullability and time attributes. */
export function sameType(a: LogicalType, b: LogicalType): boolean {
  if (a.root !== b.root || a.length !== b.length || a.precision !== b.precision || a.scale !== b.scale) return false;
  if (a.element && !(b.element && sameType(a.element, b.element))) return false;
  if (a.key && !(b.key && sameType(a.key, b.key) && sameType(a.value!, b.value!))) return false;
  if (a.fields) return !!b.fields && a.fields.length === b.fields.length && a.fields.every((f, i) => f.name === b.fields![i]!.name && sameType(f.type, b.fields![i]!.type));
  return true;
}

/** Whether `t` belongs to the family (NULL belongs to all). */
export function inFamily(t: LogicalType, f: Family): boolean {
  if (isNull(t)) return true;
  switch (f) {
    case 'STRING': return isCharacter(t);
    case 'NUMERIC': case 'DOUBLE': return isNumeric(t);
    case 'INT': case 'BIGINT': case 'INTEGER': return isInteger(t);
    case 'BOOLEAN': return t.root === 'BOOLEAN';
    case 'ANY': return true;
    case 'DATETIME': return isTemporal(t);
    case 'TIMESTAMP': return isTimestamp(t);
    case 'DATE': return t.root === 'DATE';
    case 'TIME': return t.root === 'TIME';
    case 'BINARY': return isBinary(t);
    case 'STRING_OR_BINARY': return isCharacter(t) || isBinary(t);
    case 'INTERVAL': return isInterval(t);
    case 'ARRAY': return t.root === 'ARRAY';
    case 'MAP': return t.root === 'MAP';
  }
}

const FAMILY_TYPE: Partial<Record<Family, LogicalType>> = {
  STRING: Types.STRING(), DOUBLE: Types.DOUBLE(), INT: Types.INT(), BIGINT: Types.BIGINT(), INTEGER: Types.INT(),
  NUMERIC: Types.INT(), BOOLEAN: Types.BOOLEAN(), BINARY: Types.BYTES(), STRING_OR_BINARY: Types.STRING(),
  TIMESTAMP: Types.TIMESTAMP(3), DATETIME: Types.TIMESTAMP(3), DATE: Types.DATE(), TIME: Types.TIME(0),
};

/** The operand fitted to its family: casts for DOUBLE/INT/BIGINT and for NULL literals. */
export function fitFamily(rex: Rex, f: Family): Rex {
  if (isNull(rex.type)) return FAMILY_TYPE[f] ? castTo(rex, FAMILY_TYPE[f]!) : rex;
  if ((f === 'DOUBLE' || f === 'INT' || f === 'BIGINT') && rex.type.root !== FAMILY_TYPE[f]!.root) return castTo(rex, FAMILY_TYPE[f]!);
  return rex;
}

export const formText = (name: string, families: readonly Family[]): string => `${name}(${families.map((f) => `<${FAMILY_LABEL[f]}>`).join(', ')})`;

/**
 * A function with one or more fixed operand lists (`forms`); `result` computes the result type
 * from the fitted operands (made nullable when any operand is, unless `ownNullability`).
 */
export function fixed(
  names: string | readonly string[],
  forms: readonly (readonly Family[])[],
  result: (operands: readonly Rex[], site: CallSite) => LogicalType,
  impl: ScalarImpl,
  opts: { nonDeterministic?: boolean; ownNullability?: boolean } = {},
): ScalarFunctionDef {
  const all = typeof names === 'string' ? [names] : names;
  return {
    names: all,
    impl,
    ...(opts.nonDeterministic ? { nonDeterministic: true } : {}),
    resolve(site) {
      const form = forms.find((f) => f.length === site.operands.length && f.every((fam, i) => inFamily(site.operands[i]!.type, fam)));
      if (!form) cannotApply(site, forms.map((f) => formText(site.op, f)));
      const operands = site.operands.map((o, i) => fitFamily(o, form[i]!));
      const t = result(operands, site);
      return makeCall(site, all[0]!, operands, opts.ownNullability ? t : withNullability(t, t.nullable || anyNullable(operands)), opts.nonDeterministic);
    },
  };
}

/** Same as `fixed` with a variable number (at least `min`) of operands of one family. */
export function variadic(
  names: string | readonly string[],
  family: Family,
  min: number,
  result: (operands: readonly Rex[]) => LogicalType,
  impl: ScalarImpl,
): ScalarFunctionDef {
  const all = typeof names === 'string' ? [names] : names;
  return {
    names: all,
    impl,
    resolve(site) {
      if (site.operands.length < min || !site.operands.every((o) => inFamily(o.type, family))) {
        cannotApply(site, [`${site.op}(<${FAMILY_LABEL[family]}>, ...)`]);
      }
      const operands = site.operands.map((o) => fitFamily(o, family));
      return makeCall(site, all[0]!, operands, result(operands), false);
    },
  };
}

export function makeCall(site: CallSite, op: string, operands: readonly Rex[], type: LogicalType, nonDeterministic?: boolean): RexCall {
  return call(op, operands, type, {
    ...(site.unit ? { unit: site.unit } : {}),
    ...(site.flags ? { flags: site.flags } : {}),
    ...(nonDeterministic ? { nonDeterministic: true } : {}),
  });
}

export const STRING = (nullable = true): LogicalType => Types.VARCHAR(MAX_LENGTH, nullable);
