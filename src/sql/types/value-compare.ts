// Ordering and equality of SQL values of one type in their JavaScript representation: numbers,
// canonical BIGINT (number or bigint), DECIMAL of one scale, strings by code point, bytes,
// arrays, maps and rows. NULL sorts first.

/** Strings by Unicode code point (as Flink compares UTF-8 bytes), not by UTF-16 unit. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) {
      // A surrogate (D800-DFFF) stands for a code point above FFFF, so it sorts after E000-FFFF.
      const sx = x >= 0xd800 && x <= 0xdfff, sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy && (sx ? y : x) >= 0xe000) return sx ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  switch (typeof a) {
    case 'number': case 'bigint': case 'boolean':
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 'string': return compareStrings(a, b as string);
  }
  if (a instanceof Uint8Array) {
    const y = b as Uint8Array;
    const n = Math.min(a.length, y.length);
    for (let i = 0; i < n; i++) if (a[i] !== y[i]) return a[i]! - y[i]!;
    return a.length - y.length;
  }
  if (Array.isArray(a)) {
    const y = b as unknown[];
    const n = Math.min(a.length, y.length);
    for (let i = 0; i < n; i++) {
      const c = compareValues(a[i], y[i]);
      if (c !== 0) return c;
    }
    return a.length - y.length;
  }
  if (a instanceof Map) return compareValues([...a], [...(b as Map<unknown, unknown>)]);
  return 0;
}

/** SQL equality of two non-null values of one type (deep for bytes, arrays, maps and rows). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof Map) {
    const m = b as Map<unknown, unknown>;
    if (a.size !== m.size) return false;
    for (const [k, v] of a) {
      if (!m.has(k)) return false;
      const w = m.get(k);
      if (v === null ? w !== null : w === null || !valuesEqual(v, w)) return false;
    }
    return true;
  }
  return compareValues(a, b) === 0;
}
