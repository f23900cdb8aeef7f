// CASE, COALESCE, NULLIF, IF, IFNULL: branches are brought to their common type and only the
// chosen branch is evaluated (so `CASE WHEN b <> 0 THEN a / b END` never divides by zero).
import { Types, withNullability, type LogicalType } from '../../../core/types/logical-type.ts';
import { literal, type Rex, type RexCall } from '../../planner/rex.ts';
import { leastRestrictive } from '../../types/type-rules.ts';
import { compareValues } from '../../types/value-compare.ts';
import type { CallSite, ScalarFunctionDef } from './function-def.ts';
import { cannotApply, castTo, invalid, makeCall } from './signature.ts';
import { COMPARISON_FUNCTIONS } from './comparison.ts';

function commonType(site: CallSite, types: readonly LogicalType[], what: string): LogicalType {
  const t = leastRestrictive(types);
  if (!t) invalid(site, `Illegal mixing of types in ${what}: ${types.map((x) => x.root === 'INT' ? 'INTEGER' : x.root).join(', ')}`);
  return t.root === 'NULL' ? Types.NULL() : t;
}

function resolveCase(site: CallSite): RexCall {
  const ops = site.operands;
  if (ops.length < 3 || ops.length % 2 === 0) invalid(site, 'CASE needs WHEN ... THEN ... pairs and an ELSE operand');
  const values: Rex[] = [];
  for (let i = 1; i < ops.length; i += 2) values.push(ops[i]!);
  values.push(ops[ops.length - 1]!);
  const t = commonType(site, values.map((v) => v.type), 'CASE');
  const out: Rex[] = [];
  for (let i = 0; i + 1 < ops.length; i += 2) {
    const w = ops[i]!;
    if (w.type.root !== 'BOOLEAN' && w.type.root !== 'NULL') invalid(site, `Expected a boolean type in a CASE WHEN condition, got ${w.type.root}`);
    out.push(castTo(w, Types.BOOLEAN()), castTo(ops[i + 1]!, t));
  }
  out.push(castTo(ops[ops.length - 1]!, t));
  const nullable = values.some((v) => v.type.nullable);
  return makeCall(site, 'CASE', out, withNullability(t, nullable));
}

const caseDef: ScalarFunctionDef = {
  names: ['CASE'],
  resolve: resolveCase,
  impl: {
    kind: 'custom',
    code(c, g, out) {
      const t = g.temp();
      out.push(`let ${t};`, 'do {');
      const ops = c.operands;
      for (let i = 0; i + 1 < ops.length; i += 2) {
        const w = g.emit(ops[i]!, out);
        out.push(`if (${w} === true) {`);
        const v = g.emit(ops[i + 1]!, out);
        out.push(`${t} = ${v}; break; }`);
      }
      const e = g.emit(ops[ops.length - 1]!, out);
      out.push(`${t} = ${e};`, '} while (false);');
      return t;
    },
  },
};

const coalesce: ScalarFunctionDef = {
  names: ['COALESCE'],
  resolve(site) {
    if (site.operands.length < 1) cannotApply(site, ['COALESCE(<ANY>, ...)']);
    const t = commonType(site, site.operands.map((o) => o.type), 'COALESCE');
    const operands = site.operands.map((o) => castTo(o, t));
    return makeCall(site, 'COALESCE', operands, withNullability(t, operands.every((o) => o.type.nullable)));
  },
  impl: {
    kind: 'custom',
    code(c, g, out) {
      const t = g.temp();
      out.push(`let ${t} = null;`, 'do {');
      for (const o of c.operands) {
        const v = g.emit(o, out);
        out.push(`if (${v} !== null) { ${t} = ${v}; break; }`);
      }
      out.push('} while (false);');
      return t;
    },
  },
};

const resolveComparison = (site: CallSite, a: Rex, b: Rex): RexCall =>
  COMPARISON_FUNCTIONS.find((d) => d.names[0] === '=')!.resolve({ ...site, op: '=', operands: [a, b] });

/** NULLIF(a, b) = CASE WHEN a = b THEN NULL ELSE a END. */
const nullif: ScalarFunctionDef = {
  names: ['NULLIF'],
  resolve(site) {
    if (site.operands.length !== 2) cannotApply(site, ['NULLIF(<ANY>, <ANY>)']);
    const [a, b] = site.operands as [Rex, Rex];
    const eq = resolveComparison(site, a, b);
    return resolveCase({ ...site, op: 'CASE', operands: [eq, literal(null, Types.NULL()), a] });
  },
  impl: caseDef.impl,
};

/** IF(cond, a, b) = CASE WHEN cond THEN a ELSE b END. */
const ifDef: ScalarFunctionDef = {
  names: ['IF'],
  resolve(site) {
    if (site.operands.length !== 3) cannotApply(site, ['IF(<BOOLEAN>, <ANY>, <ANY>)']);
    return resolveCase({ ...site, op: 'CASE' });
  },
  impl: caseDef.impl,
};

/** IFNULL(a, b) = COALESCE(a, b). */
const ifnull: ScalarFunctionDef = {
  names: ['IFNULL'],
  resolve(site) {
    if (site.operands.length !== 2) cannotApply(site, ['IFNULL(<ANY>, <ANY>)']);
    return coalesce.resolve({ ...site, op: 'COALESCE' });
  },
  impl: coalesce.impl,
};

/** GREATEST / LEAST: NULL when any operand is NULL (Flink). */
const extreme = (name: 'GREATEST' | 'LEAST'): ScalarFunctionDef => ({
  names: [name],
  resolve(site) {
    if (site.operands.length < 1) cannotApply(site, [`${name}(<COMPARABLE_TYPE>, ...)`]);
    const t = commonType(site, site.operands.map((o) => o.type), name);
    const operands = site.operands.map((o) => castTo(o, t));
    return makeCall(site, name, operands, withNullability(t, operands.some((o) => o.type.nullable)));
  },
  impl: {
    kind: 'strict',
    make: () => (...xs: unknown[]) => {
      let best = xs[0];
      for (let i = 1; i < xs.length; i++) {
        const c = compareValues(xs[i], best);
        if (name === 'GREATEST' ? c > 0 : c < 0) best = xs[i];
      }
      return best;
    },
  },
});

export const CONDITIONAL_FUNCTIONS: readonly ScalarFunctionDef[] = [caseDef, coalesce, nullif, ifDef, ifnull, extreme('GREATEST'), extreme('LEAST')];
