// Binds AST expressions to typed Rex over a scope: resolves columns, types literals, and resolves
// built-in operators and functions (with implicit casts) and user-defined scalar functions.
import { Types, formatType, withoutTimeAttribute, type LogicalType } from '../../../core/types/logical-type.ts';
import type { Expr, FunctionCall, Ident, Pos, TimeUnit } from '../../ast/ast.ts';
import { SqlValidationError } from '../../sql-errors.ts';
import { resolveScalarCall } from '../../functions/scalar/registry.ts';
import { isAggregateFunction } from '../../functions/aggregate/aggregate-registry.ts';
import { toLogicalType } from '../../types/type-from-spec.ts';
import { canCast } from '../../types/type-rules.ts';
import { parseDataType } from '../../parser/index.ts';
import { call, literal, type Rex } from '../rex.ts';
import type { BinderContext } from './binder-context.ts';
import { bindInterval, bindLiteral, numericLiteral } from './literals.ts';
import type { Scope } from './scope.ts';

export interface ExprEnv {
  readonly ctx: BinderContext;
  readonly scope: Scope;
  /** Where the expression is (for error messages): 'SELECT', 'WHERE', 'ON', 'GROUP BY', ... */
  readonly clause: string;
  /** Called first for every node: aggregate scopes answer group keys and aggregate calls here. */
  readonly intercept?: (e: Expr) => Rex | undefined;
  /** Subqueries inside an expression (scalar, IN, EXISTS), when the clause supports them. */
  readonly subquery?: (e: Expr) => Rex;
}

export function bindExpr(e: Expr, env: ExprEnv): Rex {
  const hit = env.intercept?.(e);
  if (hit) return hit;
  const b = (x: Expr): Rex => bindExpr(x, env);
  const fn = (op: string, operands: Rex[], pos: Pos, extra: { unit?: TimeUnit; flags?: Record<string, unknown> } = {}): Rex =>
    resolveScalarCall(op, operands, { pos, unit: extra.unit, flags: extra.flags });
  switch (e.kind) {
    case 'Literal': return bindLiteral(e);
    case 'IntervalLiteral': return bindInterval(e);
    case 'ColumnRef': return bindColumn(e.name.parts, e.pos, env);
    case 'Star': throw new SqlValidationError(`'*' is only allowed in a select list or COUNT(*)`, e.pos);
    case 'Param': throw new SqlValidationError('Dynamic parameters are not supported', e.pos);
    case 'BinaryExpr': return fn(e.op, [b(e.left), b(e.right)], e.pos);
    case 'UnaryExpr': {
      if (e.op === '-' && e.operand.kind === 'Literal' && e.operand.type === 'numeric') return numericLiteral(String(e.operand.value), true, e.pos);
      if (e.op === '-' && e.operand.kind === 'IntervalLiteral') return bindInterval({ ...e.operand, negative: !e.operand.negative });
      const x = b(e.operand);
      if (e.op === '+') return x;
      return fn(e.op === '-' ? 'MINUS_PREFIX' : 'NOT', [x], e.pos);
    }
    case 'FunctionCall': return bindFunctionCall(e, env);
    case 'CastExpr': {
      const x = b(e.operand);
      const target = toLogicalType(e.type);
      if (x.type.root !== 'NULL' && !canCast(x.type, target)) {
        throw new SqlValidationError(`Cast function cannot convert value of type ${fmt(x.type)} to type ${fmt(target)}`, e.pos);
      }
      return call(e.safe ? 'TRY_CAST' : 'CAST', [x], { ...target, nullable: e.safe || x.type.nullable });
    }
    case 'CaseExpr': {
      const ops: Rex[] = [];
      const operand = e.operand ? b(e.operand) : undefined;
      for (const w of e.whens) {
        ops.push(operand ? fn('=', [operand, b(w.when)], w.when.pos) : b(w.when));
        ops.push(b(w.then));
      }
      ops.push(e.else ? b(e.else) : literal(null, Types.NULL()));
      return fn('CASE', ops, e.pos);
    }
    case 'BetweenExpr': {
      const r = fn('BETWEEN', [b(e.operand), b(e.low), b(e.high)], e.pos, { flags: { symmetric: e.symmetric } });
      return e.negated ? fn('NOT', [r], e.pos) : r;
    }
    case 'InListExpr': return fn(e.negated ? 'NOT IN' : 'IN', [b(e.operand), ...e.list.map(b)], e.pos);
    case 'InSubqueryExpr': case 'ExistsExpr': case 'ScalarSubquery':
      if (!env.subquery) throw new SqlValidationError(`Subqueries are not supported in ${env.clause}`, e.pos);
      return env.subquery(e);
    case 'LikeExpr': {
      const ops = [b(e.operand), b(e.pattern), ...(e.escape ? [b(e.escape)] : [])];
      if (e.similar) {
        const r = fn('SIMILAR TO', ops, e.pos);
        return e.negated ? fn('NOT', [r], e.pos) : r;
      }
      return fn(e.negated ? 'NOT LIKE' : 'LIKE', ops, e.pos);
    }
    case 'IsExpr': {
      const test = e.test === 'UNKNOWN' ? 'NULL' : e.test;
      return fn(`IS ${e.negated ? 'NOT ' : ''}${test}`, [b(e.operand)], e.pos);
    }
    case 'ExtractExpr': return fn('EXTRACT', [b(e.operand)], e.pos, { unit: e.unit });
    case 'FloorCeilToExpr': return fn(e.fn === 'FLOOR' ? 'FLOOR_TO' : 'CEIL_TO', [b(e.operand)], e.pos, { unit: e.unit });
    case 'PositionExpr': return fn('POSITION', [b(e.needle), b(e.haystack)], e.pos);
    case 'TrimExpr': return fn('TRIM', [e.chars ? b(e.chars) : literal(' ', Types.CHAR(1, false)), b(e.operand)], e.pos, { flags: { side: e.side } });
    case 'SubstringExpr': return fn('SUBSTRING', [b(e.operand), b(e.start), ...(e.length ? [b(e.length)] : [])], e.pos);
    case 'TimestampAddExpr': return fn(e.fn, [b(e.args[0]), b(e.args[1])], e.pos, { unit: e.unit });
    case 'JsonCall': {
      const operands = e.fn === 'JSON_OBJECT' ? (e.entries ?? []).flatMap((en) => [b(en.key), b(en.value)]) : e.args.map(b);
      const flags: Record<string, unknown> = {};
      if (e.returning) flags['returning'] = toLogicalType(e.returning);
      if (e.onEmpty) flags['onEmpty'] = { behavior: e.onEmpty.behavior, default: e.onEmpty.default ? b(e.onEmpty.default) : undefined };
      if (e.onError) flags['onError'] = { behavior: e.onError.behavior, default: e.onError.default ? b(e.onError.default) : undefined };
      if (e.wrapper) flags['wrapper'] = e.wrapper;
      if (e.onNull) flags['onNull'] = e.onNull;
      return fn(e.fn, operands, e.pos, { flags });
    }
    case 'OverExpr': throw new SqlValidationError(`OVER windows are only allowed in the SELECT list`, e.pos);
    case 'RowConstructor': return fn('ROW', e.values.map(b), e.pos);
    case 'ArrayConstructor': return fn('ARRAY', e.values.map(b), e.pos);
    case 'MapConstructor': return fn('MAP', e.entries.flatMap((en) => [b(en.key), b(en.value)]), e.pos);
    case 'ItemAccess': return fn('ITEM', [b(e.operand), b(e.index)], e.pos);
    case 'FieldAccess': return fieldAccess(b(e.operand), e.field.name, e.field.quoted, e.pos);
    case 'TableArg': case 'DescriptorArg': case 'NamedArg':
      throw new SqlValidationError(`This argument is only allowed in a table function call`, e.pos);
  }
}

const fmt = (t: LogicalType): string => formatType(withoutTimeAttribute(t));

export function bindColumn(parts: readonly Ident[], pos: Pos, env: ExprEnv): Rex {
  const r = env.scope.tryResolve(parts);
  if (!r) {
    if (env.ctx.outer?.tryResolve(parts)) {
      throw new SqlValidationError(`Correlated reference to '${parts.map((p) => p.name).join('.')}' is only supported in EXISTS / IN subqueries with equality conditions`, pos);
    }
    const name = parts.map((p) => p.name).join('.');
    if (parts.length >= 2 && !env.scope.hasTable(parts[0]!)) {
      const col = env.scope.tryResolve(parts.slice(0, 1));
      if (!col) throw new SqlValidationError(`Table '${parts[0]!.name}' not found`, pos);
    }
    throw new SqlValidationError(`Column '${name}' not found in any table`, pos);
  }
  let rex: Rex = { kind: 'input', index: r.field.index, type: r.field.type };
  for (const f of r.rest) rex = fieldAccess(rex, f.name, f.quoted, f.pos);
  return rex;
}

function fieldAccess(operand: Rex, name: string, quoted: boolean, pos: Pos): Rex {
  const fields = operand.type.root === 'ROW' ? operand.type.fields ?? [] : undefined;
  if (!fields) throw new SqlValidationError(`Cannot access field '${name}' of a value of type ${fmt(operand.type)}`, pos);
  let index = fields.findIndex((f) => f.name === name);
  if (index < 0 && !quoted) index = fields.findIndex((f) => f.name.toLowerCase() === name.toLowerCase());
  if (index < 0) throw new SqlValidationError(`Unknown field '${name}'`, pos);
  const type = fields[index]!.type;
  return { kind: 'field', operand, index, type: operand.type.nullable ? { ...type, nullable: true } : type };
}

function bindFunctionCall(e: FunctionCall, env: ExprEnv): Rex {
  const name = e.name.parts.map((p) => p.name).join('.');
  const upper = name.toUpperCase();
  const udf = env.ctx.catalog.getFunction(e.name);
  if (!udf && isAggregateFunction(upper)) {
    throw new SqlValidationError(`Aggregate function ${upper} is not allowed in ${env.clause}`, e.pos);
  }
  if (e.filter) throw new SqlValidationError(`FILTER is only allowed on aggregate functions`, e.pos);
  const args = e.args.map((a) => bindExpr(a, env));
  if (udf) {
    if (udf.impl.kind === 'aggregate') throw new SqlValidationError(`Aggregate function ${name} is not allowed in ${env.clause}`, e.pos);
    if (udf.impl.kind === 'table') throw new SqlValidationError(`Table function ${name} can only be called in FROM as LATERAL TABLE(${name}(...))`, e.pos);
    const impl = udf.impl;
    const type = toLogicalType(parseDataType(impl.returns));
    return call(udf.path.name, args, type, { udf: { name: udf.path.name, eval: impl.eval.bind(impl) }, nonDeterministic: impl.deterministic === false });
  }
  if (upper === 'PROCTIME' && args.length === 0) {
    return call('PROCTIME', [], { ...Types.TIMESTAMP_LTZ(3, false), timeAttribute: 'PROCTIME' }, { nonDeterministic: true });
  }
  return resolveScalarCall(upper, args, { pos: e.pos, flags: e.distinct ? { distinct: true } : undefined });
}
