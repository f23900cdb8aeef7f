// = <> < <= > >= IS [NOT] DISTINCT FROM, BETWEEN, IN / NOT IN: operands are brought to a common
// type first (numeric widening, DATE to TIMESTAMP, a string compared with a temporal is cast).
import { Types, type LogicalType } from '../../../core/types/logical-type.ts';
import { call, type Rex, type RexCall } from '../../planner/rex.ts';
import { decCompare } from '../../types/decimal.ts';
import { decimalShape, isApproximate, isCharacter, isNumeric, isTemporal, leastRestrictive } from '../../types/type-rules.ts';
import { compareStrings, compareValues, valuesEqual } from '../../types/value-compare.ts';
import type { CallSite, CodeGen, ScalarFunctionDef } from './function-def.ts';
import { anyNullable, cannotApply, castTo, makeCall } from './signature.ts';

const ORDERABLE_FORMS = ['<COMPARABLE_TYPE> {op} <COMPARABLE_TYPE>'];

/** The type both sides are compared in, or undefined when they cannot be compared. */
export function comparisonType(a: LogicalType, b: LogicalType): LogicalType | undefined {
  if (a.root === 'NULL') return b;
  if (b.root === 'NULL') return a;
  if (isNumeric(a) && isNumeric(b)) {
    // DECIMALs keep their own scale (compared exactly); integers join them as DECIMAL(n, 0).
    if ((a.root === 'DECIMAL' || b.root === 'DECIMAL') && !isApproximate(a) && !isApproximate(b)) return Types.DECIMAL(38, 0);
    return leastRestrictive([a, b]);
  }
  if (isCharacter(a) && isCharacter(b)) return Types.STRING();
  if (isTemporal(a) && isCharacter(b)) return a;
  if (isCharacter(a) && isTemporal(b)) return b;
  return leastRestrictive([a, b]);
}

/** Brings operands to their comparison type (DECIMAL operands keep their scale). */
export function toComparable(t: LogicalType, r: Rex): Rex {
  if (t.root === 'DECIMAL') return r.type.root === 'DECIMAL' ? r : castTo(r, Types.DECIMAL(decimalShape(r.type).precision, 0));
  if (isCharacter(t) && isCharacter(r.type)) return r;
  return castTo(r, t);
}

function resolveComparison(site: CallSite, op: string): RexCall {
  if (site.operands.length !== 2) cannotApply(site, ORDERABLE_FORMS.map((f) => f.replace('{op}', op)));
  const [a, b] = site.operands as [Rex, Rex];
  const t = comparisonType(a.type, b.type);
  if (!t) cannotApply(site, ORDERABLE_FORMS.map((f) => f.replace('{op}', op)));
  const nullable = op.startsWith('IS') ? false : anyNullable([a, b]);
  return makeCall(site, op, [toComparable(t, a), toComparable(t, b)], Types.BOOLEAN(nullable));
}

/** JavaScript for `a op b` (op one of = <> < <= > >=) on non-null values of the operands' types. */
export function compareCode(op: string, a: string, b: string, ta: LogicalType, tb: LogicalType, g: CodeGen): string {
  const js = op === '=' ? '===' : op === '<>' ? '!==' : op;
  if (ta.root === 'DECIMAL' && !(ta.scale === tb.scale)) return `(${g.capture(decCompare)}(${a}, ${ta.scale ?? 0}, ${b}, ${tb.scale ?? 0}) ${js} 0)`;
  switch (ta.root) {
    case 'CHAR': case 'VARCHAR':
      return op === '=' || op === '<>' ? `(${a} ${js} ${b})` : `(${g.capture(compareStrings)}(${a}, ${b}) ${js} 0)`;
    case 'BINARY': case 'VARBINARY': case 'ARRAY': case 'MAP': case 'MULTISET': case 'ROW':
      if (op === '=') return `${g.capture(valuesEqual)}(${a}, ${b})`;
      if (op === '<>') return `!${g.capture(valuesEqual)}(${a}, ${b})`;
      return `(${g.capture(compareValues)}(${a}, ${b}) ${js} 0)`;
    default:
      return `(${a} ${js} ${b})`;
  }
}

const comparison = (op: string): ScalarFunctionDef => ({
  names: [op],
  resolve: (site) => resolveComparison(site, op),
  impl: { kind: 'inline', code: ([a, b], c, g) => compareCode(op, a!, b!, c.operands[0]!.type, c.operands[1]!.type, g) },
});

const distinct = (negated: boolean): ScalarFunctionDef => {
  const op = negated ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM';
  return {
    names: [op],
    resolve: (site) => resolveComparison(site, op),
    impl: {
      kind: 'custom',
      code(c, g, out) {
        const a = g.emit(c.operands[0]!, out), b = g.emit(c.operands[1]!, out);
        const eq = compareCode('=', a, b, c.operands[0]!.type, c.operands[1]!.type, g);
        const t = g.temp();
        out.push(`const ${t} = ${negated ? '' : '!'}(${a} === null ? ${b} === null : ${b} !== null && ${eq});`);
        return t;
      },
    },
  };
};

/** BETWEEN is typed and run as `x >= low AND x <= high` (SYMMETRIC: either order of the bounds). */
const between: ScalarFunctionDef = {
  names: ['BETWEEN'],
  resolve(site) {
    if (site.operands.length !== 3) cannotApply(site, ['<COMPARABLE_TYPE> BETWEEN <COMPARABLE_TYPE> AND <COMPARABLE_TYPE>']);
    const [x, lo, hi] = site.operands as [Rex, Rex, Rex];
    const cmp = (op: string, a: Rex, b: Rex): RexCall => resolveComparison({ ...site, op, operands: [a, b] }, op);
    const and = (p: RexCall, q: RexCall): RexCall => call('AND', [p, q], Types.BOOLEAN(p.type.nullable || q.type.nullable));
    const asc = and(cmp('>=', x, lo), cmp('<=', x, hi));
    if (!site.flags?.['symmetric']) return asc;
    const desc = and(cmp('>=', x, hi), cmp('<=', x, lo));
    return call('OR', [asc, desc], Types.BOOLEAN(asc.type.nullable));
  },
  impl: { kind: 'inline', code: () => { throw new Error('BETWEEN is rewritten to AND when it is typed'); } },
};

/** IN / NOT IN over a value list with SQL's NULL rules (no match and a NULL in the list: NULL). */
const inList = (negated: boolean): ScalarFunctionDef => {
  const op = negated ? 'NOT IN' : 'IN';
  return {
    names: [op],
    resolve(site) {
      if (site.operands.length < 2) cannotApply(site, [`<COMPARABLE_TYPE> ${op} (<COMPARABLE_TYPE>, ...)`]);
      let t: LogicalType | undefined = site.operands[0]!.type;
      for (const o of site.operands.slice(1)) t = t && comparisonType(t, o.type);
      if (!t) cannotApply(site, [`<COMPARABLE_TYPE> ${op} (<COMPARABLE_TYPE>, ...)`]);
      // Values are compared after a cast to the common type (DECIMALs to the widest scale).
      const common = t.root === 'DECIMAL' ? leastRestrictive(site.operands.map((o) => o.type))! : t;
      const operands = site.operands.map((o) => (isCharacter(common) && isCharacter(o.type) ? o : castTo(o, common)));
      return makeCall(site, op, operands, Types.BOOLEAN(anyNullable(operands)));
    },
    impl: {
      kind: 'custom',
      code(c, g, out) {
        const [x, ...list] = c.operands as [Rex, ...Rex[]];
        const v = g.emit(x, out);
        const t = g.temp();
        const simple = !['BINARY', 'VARBINARY', 'ARRAY', 'MAP', 'MULTISET', 'ROW'].includes(x.type.root);
        const constants = simple ? list.map((r) => g.constantValue(r)) : [];
        if (simple && constants.every((k) => k !== undefined)) {
          const values = constants.map((k) => k!.value);
          const set = g.capture(new Set(values.filter((val) => val !== null)));
          const miss = values.includes(null) ? 'null' : `${negated}`;
          out.push(`const ${t} = ${v} === null ? null : ${set}.has(${v}) ? ${!negated} : ${miss};`);
          return t;
        }
        out.push(`let ${t} = ${negated};`, `if (${v} === null) ${t} = null; else do {`);
        for (const r of list) {
          const e = g.emit(r, out);
          const eq = simple ? `${v} === ${e}` : `${g.capture(valuesEqual)}(${v}, ${e})`;
          out.push(`if (${e} === null) ${t} = null; else if (${eq}) { ${t} = ${!negated}; break; }`);
        }
        out.push('} while (false);');
        return t;
      },
    },
  };
};

export const COMPARISON_FUNCTIONS: readonly ScalarFunctionDef[] = [
  ...['=', '<>', '<', '<=', '>', '>='].map(comparison), distinct(false), distinct(true), between, inList(false), inList(true),
];
