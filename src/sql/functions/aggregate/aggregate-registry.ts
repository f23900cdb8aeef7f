// The built-in aggregate functions by name: which names are aggregates, their result types (as
// Flink types them) and the handle that runs a validated call, built-in or user-defined.
import { MAX_LENGTH, Types, withNullability, withoutTimeAttribute, type LogicalType } from '../../../core/types/logical-type.ts';
import type { Pos } from '../../ast/ast.ts';
import { SqlValidationError } from '../../sql-errors.ts';
import type { AggregateCall, AggregateHandle } from '../aggregate-function.ts';
import type { UserAggregateFunction } from '../user-function.ts';
import { avgAggregate } from './avg-aggregate.ts';
import { boolAggregate } from './bool-aggregate.ts';
import { collectAggregate } from './collect-aggregate.ts';
import { countAggregate } from './count-aggregate.ts';
import { distinctAggregate } from './distinct-aggregate.ts';
import { firstLastValueAggregate, firstLastValueWithRetractAggregate } from './first-last-value-aggregate.ts';
import { jsonArrayaggAggregate } from './json-arrayagg-aggregate.ts';
import { listaggAggregate, listaggWithRetractAggregate } from './listagg-aggregate.ts';
import { minMaxAggregate, minMaxWithRetractAggregate } from './min-max-aggregate.ts';
import { isNumericType } from './numeric-arithmetic.ts';
import { sumAggregate } from './sum-aggregate.ts';
import { userAggregateHandle } from './user-aggregate-adapter.ts';
import { comparatorFor } from './value-order.ts';
import { varianceAggregate, type VarianceKind } from './variance-aggregate.ts';

/** Names (upper case) of the built-in aggregates; STDDEV and VARIANCE are the sample variants. */
const BUILT_INS = new Set([
  'COUNT', 'SUM', 'SUM0', '$SUM0', 'AVG', 'MIN', 'MAX', 'FIRST_VALUE', 'LAST_VALUE', 'LISTAGG',
  'STDDEV_POP', 'STDDEV_SAMP', 'STDDEV', 'VAR_POP', 'VAR_SAMP', 'VARIANCE',
  'JSON_ARRAYAGG', 'COLLECT', 'BOOL_AND', 'BOOL_OR',
]);

const VARIANCE_ALIASES: Record<string, VarianceKind> = {
  STDDEV_POP: 'STDDEV_POP', STDDEV_SAMP: 'STDDEV_SAMP', STDDEV: 'STDDEV_SAMP',
  VAR_POP: 'VAR_POP', VAR_SAMP: 'VAR_SAMP', VARIANCE: 'VAR_SAMP',
};

export function isAggregateFunction(name: string): boolean {
  return BUILT_INS.has(name.toUpperCase());
}

/** How the handles are built; `retraction: false` (insert-only input) gives smaller MIN/MAX/FIRST/LAST/LISTAGG accumulators. */
export interface AggregateHandleOptions {
  /** Whether the input may retract rows (-U/-D). Default true. */
  readonly retraction?: boolean;
}

/**
 * The result type of a built-in aggregate call, or a SqlValidationError worded as Flink's:
 * `Cannot apply 'SUM' to arguments of type 'SUM(<VARCHAR(2147483647)>)'. Supported form(s): 'SUM(<NUMERIC>)'`.
 */
export function inferAggregateType(name: string, argTypes: readonly LogicalType[], _distinct: boolean, pos?: Pos): LogicalType {
  const upper = name.toUpperCase();
  const arg = argTypes[0];
  const reject = (forms: string): never => {
    throw new SqlValidationError(
      `Cannot apply '${upper}' to arguments of type '${upper}(${argTypes.map((t) => `<${calciteTypeName(t)}>`).join(', ')})'. Supported form(s): ${forms}`, pos);
  };
  const arity = (min: number, max: number) => {
    if (argTypes.length < min || argTypes.length > max) {
      throw new SqlValidationError(`Invalid number of arguments to function '${upper}'. Was expecting ${min === max ? min : `${min} to ${max}`} arguments`, pos);
    }
    if (argTypes.some((t) => t.root === 'NULL')) throw new SqlValidationError(`Illegal use of 'NULL'`, pos);
  };
  switch (upper) {
    case 'COUNT':
      return Types.BIGINT(false);
    case 'SUM': case 'SUM0': case '$SUM0': {
      const forms = `'${upper}(<NUMERIC>)'`;
      arity(1, 1);
      if (!isNumericType(arg!)) return reject(forms);
      const t = arg!.root === 'DECIMAL' ? Types.DECIMAL(38, arg!.scale ?? 0) : withoutTimeAttribute(arg!);
      return withNullability(t, upper === 'SUM');
    }
    case 'AVG': case 'STDDEV_POP': case 'STDDEV_SAMP': case 'STDDEV': case 'VAR_POP': case 'VAR_SAMP': case 'VARIANCE': {
      const forms = `'${upper}(<NUMERIC>)'`;
      arity(1, 1);
      if (!isNumericType(arg!)) return reject(forms);
      return avgType(arg!);
    }
    case 'MIN': case 'MAX': {
      const forms = `'${upper}(<COMPARABLE_TYPE>)'`;
      arity(1, 1);
      if (!comparatorFor(arg!)) return reject(forms);
      return withNullability(withoutTimeAttribute(arg!), true);
    }
    case 'FIRST_VALUE': case 'LAST_VALUE':
      arity(1, 1);
      return withNullability(withoutTimeAttribute(arg!), true);
    case 'LISTAGG': {
      const forms = `'LISTAGG(<CHARACTER>)'\n'LISTAGG(<CHARACTER>, <CHARACTER>)'`;
      arity(1, 2);
      if (!argTypes.every(isCharacter)) return reject(forms);
      return Types.STRING(true);
    }
    case 'JSON_ARRAYAGG':
      arity(1, 1);
      return Types.STRING(false);
    case 'COLLECT':
      arity(1, 1);
      return Types.MULTISET(withoutTimeAttribute(arg!), false);
    case 'BOOL_AND': case 'BOOL_OR': {
      const forms = `'${upper}(<BOOLEAN>)'`;
      arity(1, 1);
      if (arg!.root !== 'BOOLEAN') return reject(forms);
      return Types.BOOLEAN(true);
    }
    default:
      throw new SqlValidationError(`No match found for function signature ${name}(${argTypes.map((t) => `<${calciteTypeName(t)}>`).join(', ')})`, pos);
  }
}

/** Flink's AVG type (also of the variance functions): the argument's type, DECIMAL(38, max(6, s)) for decimals; nullable. */
function avgType(arg: LogicalType): LogicalType {
  if (arg.root === 'DECIMAL') return Types.DECIMAL(38, Math.max(6, arg.scale ?? 0));
  return withNullability(withoutTimeAttribute(arg), true);
}

const isCharacter = (t: LogicalType) => t.root === 'CHAR' || t.root === 'VARCHAR';

/**
 * The handle that runs a validated call: a UDAF when `udaf` is given, else the built-in by name.
 * Handles read `args` during the call only (the operator reuses the array).
 */
export function createAggregateHandle(call: AggregateCall, udaf?: UserAggregateFunction, options: AggregateHandleOptions = {}): AggregateHandle {
  const retraction = options.retraction ?? true;
  const name = call.name.toUpperCase();
  if (udaf) return withDistinct(call, userAggregateHandle(call.name, udaf), call.args.length);
  const arg = call.argTypes[0]!;
  switch (name) {
    case 'COUNT': return withDistinct(call, countAggregate(call.args.length), call.args.length);
    case 'SUM': return withDistinct(call, sumAggregate(call.type, false), 1);
    case 'SUM0': case '$SUM0': return withDistinct(call, sumAggregate(call.type, true), 1);
    case 'AVG': return withDistinct(call, avgAggregate(arg, call.type), 1);
    case 'MIN': case 'MAX': {
      // DISTINCT does not change an extreme, so it needs no wrapper.
      const compare = comparatorFor(arg)!;
      const sign = name === 'MAX' ? 1 : -1;
      return retraction ? minMaxWithRetractAggregate(compare, sign) : minMaxAggregate(compare, sign);
    }
    case 'FIRST_VALUE': case 'LAST_VALUE': {
      const last = name === 'LAST_VALUE';
      return withDistinct(call, retraction ? firstLastValueWithRetractAggregate(last) : firstLastValueAggregate(last), 1);
    }
    case 'LISTAGG': {
      const sep = call.constants?.[1];
      const constant = typeof sep === 'string' ? sep : undefined;
      return withDistinct(call, retraction ? listaggWithRetractAggregate(constant) : listaggAggregate(constant), 1);
    }
    case 'JSON_ARRAYAGG': return withDistinct(call, jsonArrayaggAggregate(arg, retraction), 1);
    case 'COLLECT': return withDistinct(call, collectAggregate(), 1);
    case 'BOOL_AND': case 'BOOL_OR': return boolAggregate(name === 'BOOL_AND');
    default: {
      const kind = VARIANCE_ALIASES[name];
      if (kind) return withDistinct(call, varianceAggregate(kind, arg, call.type), 1);
      throw new SqlValidationError(`No match found for function signature ${call.name}(${call.argTypes.map((t) => `<${calciteTypeName(t)}>`).join(', ')})`);
    }
  }
}

function withDistinct(call: AggregateCall, handle: AggregateHandle<any>, distinctArgs: number): AggregateHandle {
  return call.distinct ? distinctAggregate(handle, Math.max(1, distinctArgs)) : handle;
}

/** A type as Calcite spells it in validation messages (`INTEGER`, `VARCHAR(2147483647)`). */
function calciteTypeName(t: LogicalType): string {
  switch (t.root) {
    case 'INT': return 'INTEGER';
    case 'VARCHAR': case 'CHAR': case 'BINARY': case 'VARBINARY': return `${t.root}(${t.length ?? MAX_LENGTH})`;
    case 'DECIMAL': return `DECIMAL(${t.precision}, ${t.scale})`;
    case 'TIME': case 'TIMESTAMP': return `${t.root}(${t.precision})`;
    case 'TIMESTAMP_LTZ': return `TIMESTAMP_WITH_LOCAL_TIME_ZONE(${t.precision})`;
    case 'ARRAY': return `${calciteTypeName(t.element!)} ARRAY`;
    case 'MULTISET': return `${calciteTypeName(t.element!)} MULTISET`;
    case 'MAP': return `(${calciteTypeName(t.key!)}, ${calciteTypeName(t.value!)}) MAP`;
    case 'ROW': return `RecordType(${t.fields!.map((f) => `${calciteTypeName(f.type)} ${f.name}`).join(', ')})`;
    case 'INTERVAL_DAY_TIME': return 'INTERVAL SECOND';
    case 'INTERVAL_YEAR_MONTH': return 'INTERVAL MONTH';
    default: return t.root;
  }
}
