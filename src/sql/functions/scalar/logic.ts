// AND, OR, NOT and the IS [NOT] NULL/TRUE/FALSE tests, with SQL's three-valued logic
// (FALSE AND NULL = FALSE, TRUE OR NULL = TRUE); AND/OR evaluate lazily left to right.
import { Types } from '../../../core/types/logical-type.ts';
import type { Rex } from '../../planner/rex.ts';
import type { CodeGen, ScalarFunctionDef } from './function-def.ts';
import { anyNullable, cannotApply, castTo, makeCall } from './signature.ts';

const booleanOperands = (operands: readonly Rex[]): boolean => operands.every((o) => o.type.root === 'BOOLEAN' || o.type.root === 'NULL');

/** AND (stop at FALSE) and OR (stop at TRUE) over two or more operands. */
const junction = (op: 'AND' | 'OR'): ScalarFunctionDef => ({
  names: [op],
  resolve(site) {
    if (site.operands.length < 2 || !booleanOperands(site.operands)) cannotApply(site, [`<BOOLEAN> ${op} <BOOLEAN>`]);
    const operands = site.operands.map((o) => castTo(o, Types.BOOLEAN()));
    return makeCall(site, op, operands, Types.BOOLEAN(anyNullable(operands)));
  },
  impl: {
    kind: 'custom',
    code(c, g: CodeGen, out) {
      const stop = op === 'AND' ? 'false' : 'true';
      const t = g.temp();
      out.push(`let ${t} = ${op === 'AND' ? 'true' : 'false'};`, 'do {');
      for (const o of c.operands) {
        const v = g.emit(o, out);
        out.push(`if (${v} === ${stop}) { ${t} = ${stop}; break; }`);
        if (o.type.nullable) out.push(`if (${v} === null) ${t} = null;`);
      }
      out.push('} while (false);');
      return t;
    },
  },
});

const not: ScalarFunctionDef = {
  names: ['NOT'],
  resolve(site) {
    if (site.operands.length !== 1 || !booleanOperands(site.operands)) cannotApply(site, ['NOT<BOOLEAN>']);
    const x = castTo(site.operands[0]!, Types.BOOLEAN());
    return makeCall(site, 'NOT', [x], Types.BOOLEAN(x.type.nullable));
  },
  impl: { kind: 'inline', code: ([a]) => `!${a}` },
};

/** IS [NOT] NULL / TRUE / FALSE: never NULL themselves. */
const test = (op: string, booleanOnly: boolean, js: (v: string) => string): ScalarFunctionDef => ({
  names: [op],
  resolve(site) {
    if (site.operands.length !== 1 || (booleanOnly && !booleanOperands(site.operands))) cannotApply(site, [`<${booleanOnly ? 'BOOLEAN' : 'ANY'}> ${op}`]);
    const x = booleanOnly ? castTo(site.operands[0]!, Types.BOOLEAN()) : site.operands[0]!;
    return makeCall(site, op, [x], Types.BOOLEAN(false));
  },
  impl: {
    kind: 'custom',
    code(c, g, out) {
      const v = g.emit(c.operands[0]!, out);
      const t = g.temp();
      out.push(`const ${t} = ${js(v)};`);
      return t;
    },
  },
});

export const LOGIC_FUNCTIONS: readonly ScalarFunctionDef[] = [
  junction('AND'), junction('OR'), not,
  test('IS NULL', false, (v) => `${v} === null`),
  test('IS NOT NULL', false, (v) => `${v} !== null`),
  test('IS TRUE', true, (v) => `${v} === true`),
  test('IS NOT TRUE', true, (v) => `${v} !== true`),
  test('IS FALSE', true, (v) => `${v} === false`),
  test('IS NOT FALSE', true, (v) => `${v} !== false`),
];
