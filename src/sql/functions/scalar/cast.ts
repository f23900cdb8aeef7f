// CAST, TRY_CAST and REINTERPRET: value conversion between all types as Flink does it
// (numeric narrowing wraps like Java, DECIMAL rounds HALF_UP and overflows to NULL,
// TIMESTAMP <-> TIMESTAMP_LTZ through the session time zone, strings parsed strictly).
import { formatType, MAX_LENGTH, type LogicalType } from '../../../core/types/logical-type.ts';
import type { ExprContext } from '../../expr/expr-context.ts';
import { doubleToInt32, doubleToInt64, i64ToInt32, int64, type Int64 } from '../../types/bigint.ts';
import { decFromNumber, decToNumber, decToString, fit, pow10, rescale } from '../../types/decimal.ts';
import { instantToLocal, localToInstant, MS_PER_DAY, timeZone } from '../../types/datetime.ts';
import { isBinary, isCharacter, isInteger, isInterval, isNumeric, isTimestamp, decimalShape } from '../../types/type-rules.ts';
import { CastError, formatValue, parseValue } from '../../types/value-format.ts';
import type { ScalarFunctionDef } from './function-def.ts';
import { invalid, makeCall } from './signature.ts';

type Conv = (v: any) => unknown;

const utf8 = new TextDecoder();

/** Narrows a Java int to TINYINT/SMALLINT like Java's (byte)/(short). */
function narrow(root: string): Conv | undefined {
  if (root === 'TINYINT') return (v: number) => (v << 24) >> 24;
  if (root === 'SMALLINT') return (v: number) => (v << 16) >> 16;
  return undefined;
}

const then = (f: Conv, g: Conv | undefined): Conv => (g ? (v) => (v === null ? null : g(f(v))) : f);

/** CHAR(n) pads with spaces and truncates, VARCHAR(n) truncates (Flink 1.16+). */
function fitString(to: LogicalType): Conv | undefined {
  const n = to.length ?? MAX_LENGTH;
  if (to.root === 'CHAR') return (s: string) => (s.length > n ? s.slice(0, n) : s.padEnd(n, ' '));
  if (n < MAX_LENGTH) return (s: string) => (s.length > n ? s.slice(0, n) : s);
  return undefined;
}

/** A number as the integer type `to` (from an exact BIGINT value). */
function int64To(to: LogicalType): Conv | undefined {
  if (to.root === 'BIGINT') return undefined;
  return then((v: Int64) => i64ToInt32(v), narrow(to.root));
}

/**
 * The conversion of non-null values of type `from` to type `to`, or undefined when the value
 * stays as it is. Throws CastError (or the parse error) for values that do not convert.
 */
export function castFunction(from: LogicalType, to: LogicalType, ctx: ExprContext): Conv | undefined {
  // Resolved on first use, then kept: a conversion runs per row.
  let resolved: ReturnType<typeof timeZone> | undefined;
  const zone = (): ReturnType<typeof timeZone> => (resolved ??= timeZone(ctx.timeZone));
  if (from.root === 'NULL') return undefined;
  if (isCharacter(to)) {
    const fitTo = fitString(to);
    if (isCharacter(from)) return fitTo;
    const text: Conv = isBinary(from) ? (b: Uint8Array) => utf8.decode(b) : (v) => formatValue(v, from, ctx.timeZone);
    return fitTo ? then(text, fitTo) : text;
  }
  if (isCharacter(from)) {
    if (isBinary(to)) return then((s: string) => new TextEncoder().encode(s), binaryFit(to));
    return (s: string) => parseValue(s, to, ctx.timeZone);
  }
  if (isNumeric(from) && isNumeric(to)) return numericCast(from, to);
  if (from.root === 'BOOLEAN' && isNumeric(to)) {
    if (to.root === 'DECIMAL') { const one = pow10(to.scale ?? 0); return (b: boolean) => (b ? one : 0n); }
    return (b: boolean) => (b ? 1 : 0);
  }
  if (isNumeric(from) && to.root === 'BOOLEAN') return (v: number | bigint) => v != 0; // eslint-disable-line eqeqeq
  if (isBinary(from) && isBinary(to)) return binaryFit(to);
  switch (`${from.root}>${to.root}`) {
    case 'DATE>TIMESTAMP': return (d: number) => d * MS_PER_DAY;
    case 'DATE>TIMESTAMP_LTZ': return (d: number) => localToInstant(d * MS_PER_DAY, zone());
    case 'TIMESTAMP>DATE': return (ms: number) => Math.floor(ms / MS_PER_DAY);
    case 'TIMESTAMP>TIME': return (ms: number) => ms - Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
    case 'TIMESTAMP_LTZ>DATE': return (ms: number) => Math.floor(instantToLocal(ms, zone()) / MS_PER_DAY);
    case 'TIMESTAMP_LTZ>TIME': return (ms: number) => { const l = instantToLocal(ms, zone()); return l - Math.floor(l / MS_PER_DAY) * MS_PER_DAY; };
    case 'TIMESTAMP>TIMESTAMP_LTZ': return then((ms: number) => localToInstant(ms, zone()), truncateFraction(to));
    case 'TIMESTAMP_LTZ>TIMESTAMP': return then((ms: number) => instantToLocal(ms, zone()), truncateFraction(to));
    case 'TIMESTAMP>TIMESTAMP': case 'TIMESTAMP_LTZ>TIMESTAMP_LTZ': case 'TIME>TIME':
      return (to.precision ?? 6) < (from.precision ?? 6) ? truncateFraction(to) : undefined;
  }
  if (isNumeric(from) && to.root === 'TIMESTAMP_LTZ') {
    // Epoch seconds.
    if (from.root === 'DECIMAL') { const s = from.scale ?? 0; return (v: bigint) => Number(rescale(v, s, 3)); }
    return (v: number | bigint) => Math.floor(Number(v) * 1000);
  }
  if (isTimestamp(from) && isNumeric(to)) {
    const secs = (ms: number): number => Math.floor(ms / 1000);
    return then(secs, numericCast({ root: 'BIGINT', nullable: true }, to));
  }
  if (isInterval(from) && isNumeric(to)) return numericCast({ root: 'BIGINT', nullable: true }, to);
  if (isNumeric(from) && isInterval(to)) return then(numericCast(from, { root: 'BIGINT', nullable: true }) ?? ((v) => v), (v: Int64) => Number(v));
  if (from.root === to.root) {
    switch (from.root) {
      case 'ARRAY': {
        const e = castFunction(from.element!, to.element!, ctx);
        return e && ((a: unknown[]) => a.map((x) => (x === null ? null : e(x))));
      }
      case 'MAP': {
        const k = castFunction(from.key!, to.key!, ctx) ?? ((x) => x);
        const v = castFunction(from.value!, to.value!, ctx) ?? ((x) => x);
        return (m: Map<unknown, unknown>) => new Map([...m].map(([a, b]) => [a === null ? null : k(a), b === null ? null : v(b)]));
      }
      case 'ROW': {
        const fs = from.fields!.map((f, i) => castFunction(f.type, to.fields![i]!.type, ctx));
        if (fs.every((f) => f === undefined)) return undefined;
        return (r: unknown[]) => r.map((x, i) => (x === null || !fs[i] ? x : fs[i]!(x)));
      }
      default: return undefined;
    }
  }
  throw new CastError(`Cast function cannot convert value of type ${formatType(from)} to type ${formatType(to)}`);
}

function binaryFit(to: LogicalType): Conv | undefined {
  const n = to.length ?? MAX_LENGTH;
  if (to.root === 'BINARY') return (b: Uint8Array) => { const r = new Uint8Array(n); r.set(b.subarray(0, n)); return r; };
  if (n < MAX_LENGTH) return (b: Uint8Array) => (b.length > n ? b.slice(0, n) : b);
  return undefined;
}

/** Drops fraction digits beyond the target precision (Flink truncates). */
function truncateFraction(to: LogicalType): Conv | undefined {
  const p = to.precision ?? 6;
  if (p >= 3) return undefined;
  const unit = 10 ** (3 - p);
  return (ms: number) => Math.floor(ms / unit) * unit;
}

function numericCast(from: LogicalType, to: LogicalType): Conv | undefined {
  const f = from.root, t = to.root;
  if (isInteger(from)) {
    if (isInteger(to)) {
      const order = ['TINYINT', 'SMALLINT', 'INT', 'BIGINT'];
      if (order.indexOf(t) >= order.indexOf(f)) return undefined;
      return f === 'BIGINT' ? int64To(to) : narrow(t);
    }
    if (t === 'DECIMAL') {
      const { precision, scale } = decimalShape(to);
      const m = pow10(scale);
      return (v: number | bigint) => fit(BigInt(v) * m, precision);
    }
    if (t === 'FLOAT') return (v: number | bigint) => Math.fround(Number(v));
    return f === 'BIGINT' ? (v: number | bigint) => Number(v) : undefined;
  }
  if (f === 'DECIMAL') {
    const s = from.scale ?? 0;
    if (isInteger(to)) {
      // Truncation toward zero, then Java narrowing.
      const toLong = (v: bigint): Int64 => int64(v / pow10(s));
      return t === 'BIGINT' ? toLong : then(toLong, int64To(to)!);
    }
    if (t === 'DECIMAL') {
      const { precision, scale } = decimalShape(to);
      if (scale === s && precision >= (from.precision ?? 10)) return undefined;
      return (v: bigint) => fit(rescale(v, s, scale), precision);
    }
    if (t === 'FLOAT') return (v: bigint) => Math.fround(decToNumber(v, s));
    return (v: bigint) => decToNumber(v, s);
  }
  // FLOAT / DOUBLE
  if (t === 'BIGINT') return doubleToInt64;
  if (isInteger(to)) return then(doubleToInt32, narrow(t));
  if (t === 'DECIMAL') {
    const { precision, scale } = decimalShape(to);
    return (d: number) => {
      const v = decFromNumber(d, scale);
      if (v === undefined) throw new CastError(`Cannot cast ${d} to ${formatType(to)}`);
      return fit(v, precision);
    };
  }
  if (t === 'FLOAT' && f === 'DOUBLE') return Math.fround;
  return undefined;
}

/** Text of a value for a cast error message. */
export const describeValue = (v: unknown, t: LogicalType): string =>
  t.root === 'DECIMAL' ? decToString(v as bigint, t.scale ?? 0) : formatValue(v, t);

/** The conversion wrapped for CAST (errors name the value and the target) or TRY_CAST (null instead). */
export function makeCast(from: LogicalType, to: LogicalType, ctx: ExprContext, safe: boolean): Conv | undefined {
  const f = castFunction(from, to, ctx);
  if (!f) return undefined;
  if (safe) return (v) => { try { return f(v); } catch { return null; } };
  return (v) => {
    try {
      return f(v);
    } catch (e) {
      if (e instanceof CastError) throw e;
      throw new CastError(`Cannot cast '${describeValue(v, from)}' of type ${formatType(from)} to ${formatType(to)}: ${(e as Error).message}`);
    }
  };
}

const castDef = (name: 'CAST' | 'TRY_CAST' | 'REINTERPRET'): ScalarFunctionDef => ({
  names: [name],
  impl: {
    kind: 'custom',
    code(call, g, out) {
      const x = g.emit(call.operands[0]!, out);
      if (name === 'REINTERPRET') return x;
      const conv = makeCast(call.operands[0]!.type, call.type, g.ctx, name === 'TRY_CAST');
      if (!conv) return x;
      const t = g.temp();
      out.push(`const ${t} = ${x} === null ? null : ${g.capture(conv)}(${x});`);
      return t;
    },
  },
  resolve(site) {
    const target = site.flags?.['type'] as LogicalType | undefined;
    if (!target || site.operands.length !== 1) invalid(site, `${name} takes one operand and a target type`);
    return makeCall(site, name, site.operands, { ...target, nullable: name === 'TRY_CAST' || site.operands[0]!.type.nullable });
  },
});

export const CAST_FUNCTIONS: readonly ScalarFunctionDef[] = [castDef('CAST'), castDef('TRY_CAST'), castDef('REINTERPRET')];
