// Map keys for SQL values: accumulators count values in Maps (DISTINCT, MIN/MAX and COLLECT under
// retraction), and a Map compares objects by identity, so arrays, rows, maps and binary values are
// keyed by a canonical text instead. Primitive values (the common case) are their own key.

/** A primitive that a Map compares by value: the value itself, or the text standing for an object value. */
export type ValueKey = null | boolean | number | string | bigint;

/** Marks the text of an object value; a real string starting with it would collide (not expected in practice). */
const OBJECT_MARK = '\u0000\u0001';

export function valueKey(value: unknown): ValueKey {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value as ValueKey;
  return OBJECT_MARK + JSON.stringify(value, encodeSpecial);
}

/** The value a key stands for (the inverse of valueKey). */
export function keyValue(key: ValueKey): unknown {
  if (typeof key !== 'string' || !key.startsWith(OBJECT_MARK)) return key;
  return JSON.parse(key.slice(OBJECT_MARK.length), decodeSpecial);
}

/** SQL equality of two non-null values as DISTINCT sees it (deep for arrays, rows, maps and binary). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return valueKey(a) === valueKey(b);
}

function encodeSpecial(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { $n: value.toString() };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $f: String(value) };
  if (value instanceof Uint8Array) return { $b: Array.from(value) };
  if (value instanceof Map) return { $m: [...value] };
  return value;
}

function decodeSpecial(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  if ('$n' in o) return BigInt(o.$n as string);
  if ('$f' in o) return Number(o.$f);
  if ('$b' in o) return Uint8Array.from(o.$b as number[]);
  if ('$m' in o) return new Map(o.$m as [unknown, unknown][]);
  return value;
}
