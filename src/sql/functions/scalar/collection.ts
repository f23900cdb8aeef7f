// Collections: ARRAY[...], MAP[...], ROW(...) constructors, ITEM (array[i] 1-based, map[key]),
// CARDINALITY and ELEMENT.
import { Types, withNullability } from '../../../core/types/logical-type.ts';
import type { Rex } from '../../planner/rex.ts';
import { leastRestrictive } from '../../types/type-rules.ts';
import { valuesEqual } from '../../types/value-compare.ts';
import type { ScalarFunctionDef } from './function-def.ts';
import { cannotApply, castTo, fitFamily, inFamily, invalid, makeCall } from './signature.ts';

const arrayCtor: ScalarFunctionDef = {
  names: ['ARRAY'],
  resolve(site) {
    if (site.operands.length === 0) invalid(site, 'ARRAY[] needs at least one element');
    const e = leastRestrictive(site.operands.map((o) => o.type));
    if (!e) invalid(site, `Parameters must be of the same type in ARRAY[${site.operands.map((o) => o.type.root).join(', ')}]`);
    const elem = e.root === 'NULL' ? Types.STRING() : e;
    return makeCall(site, 'ARRAY', site.operands.map((o) => castTo(o, elem)), Types.ARRAY(elem, false));
  },
  impl: { kind: 'custom', code: (c, g, out) => `[${c.operands.map((o) => g.emit(o, out)).join(', ')}]` },
};

const mapCtor: ScalarFunctionDef = {
  names: ['MAP'],
  resolve(site) {
    const ops = site.operands;
    if (ops.length === 0 || ops.length % 2 !== 0) invalid(site, 'MAP[...] needs key/value pairs');
    const keys = ops.filter((_, i) => i % 2 === 0), values = ops.filter((_, i) => i % 2 === 1);
    const k = leastRestrictive(keys.map((o) => o.type)), v = leastRestrictive(values.map((o) => o.type));
    if (!k || !v) invalid(site, 'Parameters must be of the same type in MAP[...] keys and values');
    return makeCall(site, 'MAP', ops.map((o, i) => castTo(o, i % 2 === 0 ? k : v)), Types.MAP(k, v, false));
  },
  impl: {
    kind: 'custom',
    code(c, g, out) {
      const args = c.operands.map((o) => g.emit(o, out));
      const pairs: string[] = [];
      for (let i = 0; i < args.length; i += 2) pairs.push(`[${args[i]}, ${args[i + 1]}]`);
      return `new Map([${pairs.join(', ')}])`;
    },
  },
};

/** ROW(a, b): fields are named EXPR$0, EXPR$1 ... as in Flink. */
const rowCtor: ScalarFunctionDef = {
  names: ['ROW'],
  resolve(site) {
    const names = site.flags?.['names'] as readonly string[] | undefined;
    const fields = site.operands.map((o, i) => ({ name: names?.[i] ?? `EXPR$${i}`, type: o.type }));
    return makeCall(site, 'ROW', site.operands, Types.ROW(fields, false));
  },
  impl: { kind: 'custom', code: (c, g, out) => `[${c.operands.map((o) => g.emit(o, out)).join(', ')}]` },
};

const item: ScalarFunctionDef = {
  names: ['ITEM'],
  resolve(site) {
    const [coll, key] = site.operands as [Rex, Rex];
    if (site.operands.length === 2 && coll.type.root === 'ARRAY' && inFamily(key.type, 'INTEGER')) {
      return makeCall(site, 'ITEM', [coll, fitFamily(key, 'INT')], withNullability(coll.type.element!, true));
    }
    if (site.operands.length === 2 && coll.type.root === 'MAP') {
      const k = leastRestrictive([coll.type.key!, key.type]);
      if (k) return makeCall(site, 'ITEM', [coll, castTo(key, coll.type.key!)], withNullability(coll.type.value!, true));
    }
    if (site.operands.length === 2 && coll.type.root === 'ROW' && key.kind === 'literal') {
      const idx = typeof key.value === 'number' ? key.value - 1 : coll.type.fields!.findIndex((f) => f.name === key.value);
      const f = coll.type.fields![idx];
      if (f) return makeCall(site, 'ITEM', [coll, { kind: 'literal', value: idx + 1, type: Types.INT(false) }], withNullability(f.type, true));
    }
    return cannotApply(site, ['<ARRAY>[<INTEGER>]', '<MAP>[<ANY>]', '<ROW>[<CHARACTER>|<INTEGER>]']);
  },
  impl: {
    kind: 'inline',
    code([c, k], call) {
      if (call.operands[0]!.type.root === 'MAP') return `(${c}.get(${k}) ?? null)`;
      return `(${c}[${k} - 1] ?? null)`;
    },
  },
};

const arrayContains: ScalarFunctionDef = {
  names: ['ARRAY_CONTAINS'],
  resolve(site) {
    const [a, v] = site.operands;
    if (site.operands.length !== 2 || a!.type.root !== 'ARRAY' || !leastRestrictive([a!.type.element!, v!.type])) cannotApply(site, ['ARRAY_CONTAINS(<ARRAY>, <ANY>)']);
    return makeCall(site, 'ARRAY_CONTAINS', [a!, castTo(v!, a!.type.element!)], Types.BOOLEAN(a!.type.nullable));
  },
  impl: {
    kind: 'lenient',
    make: () => (a: unknown[] | null, v: unknown) => {
      if (a === null) return null;
      let sawNull = false;
      for (const x of a) {
        if (x === null) sawNull = true;
        else if (v !== null && valuesEqual(x, v)) return true;
      }
      return v === null ? sawNull : false;
    },
  },
};

const mapPart = (name: 'MAP_KEYS' | 'MAP_VALUES'): ScalarFunctionDef => ({
  names: [name],
  resolve(site) {
    const m = site.operands[0];
    if (site.operands.length !== 1 || m!.type.root !== 'MAP') cannotApply(site, [`${name}(<MAP>)`]);
    return makeCall(site, name, [m!], Types.ARRAY(name === 'MAP_KEYS' ? m!.type.key! : m!.type.value!, m!.type.nullable));
  },
  impl: { kind: 'inline', code: ([m]) => `[...${m}.${name === 'MAP_KEYS' ? 'keys' : 'values'}()]` },
});

/** ARRAY_JOIN(array, delimiter[, nullReplacement]): NULL elements are skipped unless replaced. */
const arrayJoin: ScalarFunctionDef = {
  names: ['ARRAY_JOIN'],
  resolve(site) {
    const [a, d, r] = site.operands;
    const isStr = (x: Rex | undefined): boolean => x === undefined || inFamily(x.type, 'STRING');
    if (site.operands.length < 2 || site.operands.length > 3 || a!.type.root !== 'ARRAY' || !isStr(d) || !isStr(r) || !inFamily(a!.type.element!, 'STRING')) {
      cannotApply(site, ['ARRAY_JOIN(<ARRAY<CHARACTER>>, <CHARACTER>)', 'ARRAY_JOIN(<ARRAY<CHARACTER>>, <CHARACTER>, <CHARACTER>)']);
    }
    const ops = site.operands.map((o, i) => (i === 0 ? o : fitFamily(o, 'STRING')));
    return makeCall(site, 'ARRAY_JOIN', ops, Types.STRING(ops[0]!.type.nullable || ops[1]!.type.nullable));
  },
  impl: {
    kind: 'lenient',
    make: () => (a: (string | null)[] | null, d: string | null, r?: string | null) => {
      if (a === null || d === null) return null;
      const parts: string[] = [];
      for (const x of a) if (x !== null) parts.push(x); else if (r !== undefined && r !== null) parts.push(r);
      return parts.join(d);
    },
  },
};

export const COLLECTION_FUNCTIONS: readonly ScalarFunctionDef[] = [
  arrayJoin,
  arrayCtor, mapCtor, rowCtor, item, arrayContains, mapPart('MAP_KEYS'), mapPart('MAP_VALUES'),
  {
    names: ['CARDINALITY'],
    resolve(site) {
      const x = site.operands[0];
      if (site.operands.length !== 1 || !['ARRAY', 'MAP', 'MULTISET'].includes(x!.type.root)) cannotApply(site, ['CARDINALITY(<MULTISET>)', 'CARDINALITY(<ARRAY>)', 'CARDINALITY(<MAP>)']);
      return makeCall(site, 'CARDINALITY', [x!], Types.INT(x!.type.nullable));
    },
    impl: { kind: 'inline', code: ([a], c) => (c.operands[0]!.type.root === 'ARRAY' ? `${a}.length` : `${a}.size`) },
  },
  {
    names: ['ELEMENT'],
    resolve(site) {
      const x = site.operands[0];
      if (site.operands.length !== 1 || x!.type.root !== 'ARRAY') cannotApply(site, ['ELEMENT(<ARRAY>)']);
      return makeCall(site, 'ELEMENT', [x!], withNullability(x!.type.element!, true));
    },
    impl: {
      kind: 'strict',
      make: () => (a: unknown[]) => {
        if (a.length > 1) throw new Error('ELEMENT: the array has more than one element');
        return a.length === 0 ? null : a[0];
      },
    },
  },
];
