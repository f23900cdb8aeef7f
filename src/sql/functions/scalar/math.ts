// Math functions: ABS SIGN ROUND TRUNCATE FLOOR CEIL (exact on DECIMAL and BIGINT, HALF_UP),
// POWER SQRT EXP LN LOG LOG10 LOG2 and trigonometry on DOUBLE, PI E RAND RAND_INTEGER.
import { Types, withNullability, type LogicalType } from '../../../core/types/logical-type.ts';
import type { Rex, RexCall } from '../../planner/rex.ts';
import { i64Neg, int64, type Int64 } from '../../types/bigint.ts';
import { decFromNumber, decToNumber, pow10, rescale } from '../../types/decimal.ts';
import { decimalShape, isInteger } from '../../types/type-rules.ts';
import type { CallSite, ScalarFunctionDef } from './function-def.ts';
import { cannotApply, fitFamily, fixed, inFamily, makeCall } from './signature.ts';

const dbl = (): LogicalType => Types.DOUBLE(false);
const strict = (f: (...args: any[]) => unknown) => ({ kind: 'strict' as const, make: () => f });

const doubleFn = (name: string, arity: 1 | 2, f: (...x: number[]) => number): ScalarFunctionDef =>
  fixed(name, [arity === 1 ? ['DOUBLE'] : ['DOUBLE', 'DOUBLE']], () => dbl(), strict(f));

/** Rounds an unscaled value to `digits` fraction digits (may be negative): HALF_UP, or toward zero when truncating. */
function roundUnscaled(v: bigint, scale: number, digits: number, truncate: boolean): bigint {
  if (digits >= scale) return v;
  const d = pow10(scale - digits);
  const q = v / d;
  const r = v - q * d;
  const up = !truncate && (r < 0n ? -r : r) * 2n >= d;
  return (up ? (v < 0n ? q - 1n : q + 1n) : q) * d;
}

/** ROUND / TRUNCATE of any numeric: the result type per Flink's findRoundDecimalType. */
function roundDef(name: 'ROUND' | 'TRUNCATE'): ScalarFunctionDef {
  const truncate = name === 'TRUNCATE';
  return {
    names: [name],
    resolve(site: CallSite): RexCall {
      const ops = site.operands;
      if (ops.length < 1 || ops.length > 2 || !inFamily(ops[0]!.type, 'NUMERIC') || (ops[1] && !inFamily(ops[1].type, 'INTEGER'))) {
        cannotApply(site, [`${name}(<NUMERIC>)`, `${name}(<NUMERIC>, <INTEGER>)`]);
      }
      const x = fitFamily(ops[0]!, 'NUMERIC');
      const d = ops[1] ? fitFamily(ops[1], 'INT') : undefined;
      const nullable = x.type.nullable || !!d?.type.nullable;
      let t = x.type;
      if (t.root === 'DECIMAL') {
        const r = d === undefined ? 0 : d.kind === 'literal' && typeof d.value === 'number' ? d.value : t.scale!;
        const { precision: p, scale: s } = decimalShape(t);
        if (r < s) t = r < 0 ? Types.DECIMAL(Math.min(38, 1 + p - s), 0) : Types.DECIMAL(Math.min(38, 1 + p - s + r), r);
      }
      return makeCall(site, name, d ? [x, d] : [x], withNullability(t, nullable));
    },
    impl: {
      kind: 'strict',
      make(c) {
        const from = c.operands[0]!.type;
        switch (from.root) {
          case 'DECIMAL': {
            const s = from.scale ?? 0, rs = c.type.scale ?? 0;
            return (v: bigint, digits = 0) => rescale(roundUnscaled(v, s, digits, truncate), s, rs);
          }
          case 'DOUBLE': case 'FLOAT':
            return (v: number, digits = 0) => {
              if (!Number.isFinite(v)) return v;
              const scale = Math.max(0, digits) + 20;
              const u = decFromNumber(v, scale)!;
              const r = decToNumber(roundUnscaled(u, scale, digits, truncate), scale);
              return from.root === 'FLOAT' ? Math.fround(r) : r;
            };
          default: {
            const wrap = (x: bigint): Int64 | number => (from.root === 'BIGINT' ? int64(x) : Number(BigInt.asIntN(from.root === 'INT' ? 32 : from.root === 'SMALLINT' ? 16 : 8, x)));
            return (v: number | bigint, digits = 0) => (digits >= 0 ? v : wrap(roundUnscaled(BigInt(v), 0, digits, truncate)));
          }
        }
      },
    },
  };
}

/** FLOOR / CEIL of a number (the temporal forms are FLOOR_TO / CEIL_TO). */
function floorCeil(names: string[], up: boolean): ScalarFunctionDef {
  return fixed(names, [['NUMERIC']], ([x]) => {
    const t = x!.type;
    return t.root === 'DECIMAL' && (t.scale ?? 0) > 0 ? Types.DECIMAL(Math.min(38, t.precision! - t.scale! + 1), 0) : t;
  }, {
    kind: 'strict',
    make(c) {
      const t = c.operands[0]!.type;
      if (isInteger(t)) return (v: unknown) => v;
      if (t.root === 'DECIMAL') {
        const d = pow10(t.scale ?? 0);
        return (v: bigint) => {
          const q = v / d;
          const exact = q * d === v;
          return exact ? q : up ? (v > 0n ? q + 1n : q) : (v < 0n ? q - 1n : q);
        };
      }
      return up ? Math.ceil : Math.floor;
    },
  });
}

const absDef = fixed('ABS', [['NUMERIC']], ([x]) => x!.type, {
  kind: 'inline',
  code([a], c, g) {
    switch (c.type.root) {
      case 'INT': return `(Math.abs(${a}) | 0)`;
      case 'TINYINT': return `((Math.abs(${a}) << 24) >> 24)`;
      case 'SMALLINT': return `((Math.abs(${a}) << 16) >> 16)`;
      case 'BIGINT': return `(${a} < 0 ? ${g.capture(i64Neg)}(${a}) : ${a})`;
      case 'DECIMAL': return `(${a} < 0n ? -${a} : ${a})`;
      default: return `Math.abs(${a})`;
    }
  },
});

const signDef = fixed('SIGN', [['NUMERIC']], ([x]) => x!.type, {
  kind: 'strict',
  make(c) {
    const t = c.type;
    if (t.root === 'DECIMAL') { const one = pow10(t.scale ?? 0); return (v: bigint) => (v > 0n ? one : v < 0n ? -one : 0n); }
    return (v: number | bigint) => (v > 0 ? 1 : v < 0 ? -1 : 0);
  },
});

/** A seeded generator (mulberry32) for RAND(seed): repeatable per call site, not Java's sequence. */
function seeded(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randomSource = (c: RexCall, seedIndex: number | undefined): (() => number) => {
  const seedRex: Rex | undefined = seedIndex === undefined ? undefined : c.operands[seedIndex];
  return seedRex?.kind === 'literal' && typeof seedRex.value === 'number' ? seeded(seedRex.value) : Math.random;
};

export const MATH_FUNCTIONS: readonly ScalarFunctionDef[] = [
  absDef, signDef, roundDef('ROUND'), roundDef('TRUNCATE'), floorCeil(['FLOOR'], false), floorCeil(['CEIL', 'CEILING'], true),
  doubleFn('POWER', 2, Math.pow), doubleFn('POW', 2, Math.pow), doubleFn('SQRT', 1, Math.sqrt), doubleFn('EXP', 1, Math.exp),
  doubleFn('LN', 1, Math.log), doubleFn('LOG10', 1, Math.log10), doubleFn('LOG2', 1, Math.log2),
  fixed('LOG', [['DOUBLE'], ['DOUBLE', 'DOUBLE']], () => dbl(), strict((b: number, x?: number) => (x === undefined ? Math.log(b) : Math.log(x) / Math.log(b)))),
  doubleFn('SIN', 1, Math.sin), doubleFn('COS', 1, Math.cos), doubleFn('TAN', 1, Math.tan), doubleFn('COT', 1, (x) => 1 / Math.tan(x)),
  doubleFn('ASIN', 1, Math.asin), doubleFn('ACOS', 1, Math.acos), doubleFn('ATAN', 1, Math.atan), doubleFn('ATAN2', 2, Math.atan2),
  doubleFn('SINH', 1, Math.sinh), doubleFn('COSH', 1, Math.cosh), doubleFn('TANH', 1, Math.tanh),
  doubleFn('DEGREES', 1, (x) => (x * 180) / Math.PI), doubleFn('RADIANS', 1, (x) => (x * Math.PI) / 180),
  fixed('PI', [[]], () => Types.DOUBLE(false), { kind: 'inline', code: () => 'Math.PI' }, { ownNullability: true }),
  fixed('E', [[]], () => Types.DOUBLE(false), { kind: 'inline', code: () => 'Math.E' }, { ownNullability: true }),
  fixed('RAND', [[], ['INT']], () => Types.DOUBLE(false), { kind: 'lenient', make: (c) => randomSource(c, c.operands.length ? 0 : undefined) }, { nonDeterministic: true, ownNullability: true }),
  fixed('RAND_INTEGER', [['INT'], ['INT', 'INT']], (ops) => Types.INT(ops.some((o) => o.type.nullable)), {
    kind: 'strict',
    make(c) {
      const rnd = randomSource(c, c.operands.length === 2 ? 0 : undefined);
      return (...a: number[]) => Math.floor(rnd() * a[a.length - 1]!);
    },
  }, { nonDeterministic: true }),
];
