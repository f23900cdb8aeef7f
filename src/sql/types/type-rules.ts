// Flink's type rules: type families, the common type of UNION/CASE/COALESCE/IN branches,
// which casts are allowed (explicitly and implicitly), and the result types of arithmetic.
import { Types, withNullability, type LogicalType, type TypeRoot } from '../../core/types/logical-type.ts';
import { integerDecimalPrecision, MAX_DECIMAL_PRECISION } from './decimal.ts';

const INTEGER_ROOTS: readonly TypeRoot[] = ['TINYINT', 'SMALLINT', 'INT', 'BIGINT'];

export const isInteger = (t: LogicalType): boolean => INTEGER_ROOTS.includes(t.root);
export const isExactNumeric = (t: LogicalType): boolean => isInteger(t) || t.root === 'DECIMAL';
export const isApproximate = (t: LogicalType): boolean => t.root === 'FLOAT' || t.root === 'DOUBLE';
export const isNumeric = (t: LogicalType): boolean => isExactNumeric(t) || isApproximate(t);
export const isCharacter = (t: LogicalType): boolean => t.root === 'CHAR' || t.root === 'VARCHAR';
export const isBinary = (t: LogicalType): boolean => t.root === 'BINARY' || t.root === 'VARBINARY';
export const isTimestamp = (t: LogicalType): boolean => t.root === 'TIMESTAMP' || t.root === 'TIMESTAMP_LTZ';
export const isTemporal = (t: LogicalType): boolean => t.root === 'DATE' || t.root === 'TIME' || isTimestamp(t);
export const isInterval = (t: LogicalType): boolean => t.root === 'INTERVAL_DAY_TIME' || t.root === 'INTERVAL_YEAR_MONTH';
export const isNull = (t: LogicalType): boolean => t.root === 'NULL';

const anyNullable = (types: readonly LogicalType[]): boolean => types.some((t) => t.nullable);

/** Precision and scale of an exact numeric type seen as a DECIMAL (INT -> (10, 0)). */
export function decimalShape(t: LogicalType): { precision: number; scale: number } {
  return t.root === 'DECIMAL' ? { precision: t.precision ?? 10, scale: t.scale ?? 0 } : { precision: integerDecimalPrecision(t.root), scale: 0 };
}

/** Flink's LogicalTypeMerging.adjustPrecisionScale: keep at most 38 digits, giving up scale down to 6. */
export function decimalType(precision: number, scale: number, nullable: boolean): LogicalType {
  if (precision <= MAX_DECIMAL_PRECISION) return Types.DECIMAL(precision, scale, nullable);
  const intDigits = precision - scale;
  const minScale = Math.min(scale, 6);
  return Types.DECIMAL(MAX_DECIMAL_PRECISION, Math.max(MAX_DECIMAL_PRECISION - intDigits, minScale), nullable);
}

/**
 * The common type of several types (Flink/Calcite leastRestrictive), nullable when any is;
 * undefined when there is none (e.g. INT and STRING).
 */
export function leastRestrictive(types: readonly LogicalType[]): LogicalType | undefined {
  const nullable = anyNullable(types);
  const ts = types.filter((t) => !isNull(t));
  if (ts.length === 0) return Types.NULL();
  const first = ts[0]!;
  const all = (p: (t: LogicalType) => boolean): boolean => ts.every(p);
  if (all(isNumeric)) return withNullability(commonNumeric(ts), nullable);
  // CHAR of different lengths becomes VARCHAR rather than padding the shorter values
  // (Flink's type system converts ragged union types to varying).
  if (all(isCharacter)) {
    const len = Math.max(...ts.map((t) => t.length ?? 1));
    return all((t) => t.root === 'CHAR' && t.length === len) ? Types.CHAR(len, nullable) : Types.VARCHAR(len, nullable);
  }
  if (all(isBinary)) {
    const len = Math.max(...ts.map((t) => t.length ?? 1));
    return all((t) => t.root === 'BINARY' && t.length === len) ? Types.BINARY(len, nullable) : Types.VARBINARY(len, nullable);
  }
  if (all((t) => t.root === 'DATE' || t.root === 'TIMESTAMP') && ts.some((t) => t.root === 'TIMESTAMP')) {
    return Types.TIMESTAMP(maxPrecision(ts.filter((t) => t.root === 'TIMESTAMP')), nullable);
  }
  if (all((t) => t.root === 'DATE' || isTimestamp(t)) && ts.some((t) => t.root === 'TIMESTAMP_LTZ')) {
    return Types.TIMESTAMP_LTZ(maxPrecision(ts.filter(isTimestamp)), nullable);
  }
  if (!all((t) => t.root === first.root)) return undefined;
  switch (first.root) {
    case 'TIME': return Types.TIME(maxPrecision(ts), nullable);
    case 'ARRAY': case 'MULTISET': {
      const e = leastRestrictive(ts.map((t) => t.element!));
      return e && { root: first.root, nullable, element: e };
    }
    case 'MAP': {
      const k = leastRestrictive(ts.map((t) => t.key!));
      const v = leastRestrictive(ts.map((t) => t.value!));
      return k && v && Types.MAP(k, v, nullable);
    }
    case 'ROW': {
      const n = first.fields!.length;
      if (!ts.every((t) => t.fields!.length === n)) return undefined;
      const fields = [];
      for (let i = 0; i < n; i++) {
        const ft = leastRestrictive(ts.map((t) => t.fields![i]!.type));
        if (!ft) return undefined;
        fields.push({ name: first.fields![i]!.name, type: ft });
      }
      return Types.ROW(fields, nullable);
    }
    default: return withNullability(first, nullable);
  }
}

const maxPrecision = (ts: readonly LogicalType[]): number => Math.max(...ts.map((t) => t.precision ?? 0));

/** The common type of numeric types (nullability not considered). */
function commonNumeric(ts: readonly LogicalType[]): LogicalType {
  if (ts.some((t) => t.root === 'DOUBLE')) return Types.DOUBLE();
  if (ts.some((t) => t.root === 'FLOAT')) return ts.some((t) => t.root === 'DECIMAL' || t.root === 'BIGINT') ? Types.DOUBLE() : Types.FLOAT();
  if (ts.some((t) => t.root === 'DECIMAL')) {
    let intDigits = 0, scale = 0;
    for (const t of ts) {
      const d = decimalShape(t);
      intDigits = Math.max(intDigits, d.precision - d.scale);
      scale = Math.max(scale, d.scale);
    }
    return Types.DECIMAL(Math.min(MAX_DECIMAL_PRECISION, intDigits + scale), scale);
  }
  const rank = Math.max(...ts.map((t) => INTEGER_ROOTS.indexOf(t.root)));
  return { root: INTEGER_ROOTS[rank]!, nullable: true };
}

const NUMERIC_ORDER: readonly TypeRoot[] = ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'DECIMAL', 'FLOAT', 'DOUBLE'];

/**
 * Implicit casts (Flink's LogicalTypeCasts.supportsImplicitCast): numeric widening, CHAR to
 * VARCHAR, BINARY to VARBINARY, DATE to TIMESTAMP, TIMESTAMP <-> TIMESTAMP_LTZ, NULL to anything,
 * precision widening; nullability is not considered.
 */
export function canImplicitCast(from: LogicalType, to: LogicalType): boolean {
  if (isNull(from)) return true;
  if (isNumeric(from) && isNumeric(to)) {
    if (from.root === 'DECIMAL' && to.root === 'DECIMAL') {
      const f = decimalShape(from), t = decimalShape(to);
      return t.scale >= f.scale && t.precision - t.scale >= f.precision - f.scale;
    }
    if (to.root === 'DECIMAL') {
      if (from.root === 'FLOAT' || from.root === 'DOUBLE') return false;
      const t = decimalShape(to);
      return t.precision - t.scale >= integerDecimalPrecision(from.root);
    }
    return NUMERIC_ORDER.indexOf(from.root) <= NUMERIC_ORDER.indexOf(to.root);
  }
  if (isCharacter(from) && isCharacter(to)) return to.root === 'VARCHAR' || (to.length ?? 1) >= (from.length ?? 1);
  if (isBinary(from) && isBinary(to)) return to.root === 'VARBINARY' || (to.length ?? 1) >= (from.length ?? 1);
  if (from.root === 'DATE' && isTimestamp(to)) return true;
  if (isTimestamp(from) && isTimestamp(to)) return true;
  if (from.root !== to.root) return false;
  switch (from.root) {
    case 'ARRAY': case 'MULTISET': return canImplicitCast(from.element!, to.element!);
    case 'MAP': return canImplicitCast(from.key!, to.key!) && canImplicitCast(from.value!, to.value!);
    case 'ROW': return from.fields!.length === to.fields!.length && from.fields!.every((f, i) => canImplicitCast(f.type, to.fields![i]!.type));
    default: return true;
  }
}

/** Explicit CAST (Flink's LogicalTypeCasts.supportsExplicitCast); nullability is not considered. */
export function canCast(from: LogicalType, to: LogicalType): boolean {
  if (canImplicitCast(from, to)) return true;
  if (isCharacter(to)) return true;
  const f = from, t = to;
  if (isCharacter(f)) return t.root !== 'ARRAY' && t.root !== 'MAP' && t.root !== 'MULTISET' && t.root !== 'ROW' && t.root !== 'RAW';
  if (isNumeric(f) && isNumeric(t)) return true;
  if ((f.root === 'BOOLEAN' && isNumeric(t)) || (isNumeric(f) && t.root === 'BOOLEAN')) return true;
  if (isBinary(f) && isBinary(t)) return true;
  if (isTimestamp(f) && (t.root === 'DATE' || t.root === 'TIME' || isTimestamp(t))) return true;
  if (f.root === 'DATE' && isTimestamp(t)) return true;
  if (f.root === 'TIME' && t.root === 'TIME') return true;
  if (isNumeric(f) && t.root === 'TIMESTAMP_LTZ') return true;
  if (isTimestamp(f) && isNumeric(t)) return true;
  if (isInterval(f) && isExactNumeric(t)) return true;
  if (isExactNumeric(f) && isInterval(t)) return true;
  if (f.root !== t.root) return false;
  switch (f.root) {
    case 'ARRAY': case 'MULTISET': return canCast(f.element!, t.element!);
    case 'MAP': return canCast(f.key!, t.key!) && canCast(f.value!, t.value!);
    case 'ROW': return f.fields!.length === t.fields!.length && f.fields!.every((x, i) => canCast(x.type, t.fields![i]!.type));
    default: return true;
  }
}

// ---- arithmetic result types (Flink's LogicalTypeMerging) ----

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';

/**
 * Result type of numeric `a op b`, or undefined when either is not numeric. Integer `/` is
 * integer division; DOUBLE wins over DECIMAL; DECIMAL p/s follow Flink.
 */
export function arithmeticResultType(op: ArithmeticOp, a: LogicalType, b: LogicalType): LogicalType | undefined {
  if (!isNumeric(a) || !isNumeric(b)) return undefined;
  const nullable = a.nullable || b.nullable;
  if (isApproximate(a) || isApproximate(b)) return withNullability(commonNumeric([a, b]), nullable);
  if (a.root === 'DECIMAL' || b.root === 'DECIMAL') {
    const x = decimalShape(a), y = decimalShape(b);
    switch (op) {
      case '+': case '-': {
        const s = Math.max(x.scale, y.scale);
        return decimalType(Math.max(x.precision - x.scale, y.precision - y.scale) + s + 1, s, nullable);
      }
      case '*': return decimalType(x.precision + y.precision + 1, x.scale + y.scale, nullable);
      case '/': {
        const s = Math.max(6, x.scale + y.precision + 1);
        return decimalType(x.precision - x.scale + y.scale + s, s, nullable);
      }
      case '%': {
        const s = Math.max(x.scale, y.scale);
        return decimalType(Math.min(x.precision - x.scale, y.precision - y.scale) + s, s, nullable);
      }
    }
  }
  return withNullability(commonNumeric([a, b]), nullable);
}
