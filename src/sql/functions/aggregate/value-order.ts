// The order of comparable SQL values for MIN and MAX: numbers and BIGINT/DECIMAL bigints compare
// numerically (also mixed), strings by Unicode code point (as Flink compares UTF-8 bytes), binary
// values by unsigned bytes, booleans false < true.
import type { LogicalType } from '../../../core/types/logical-type.ts';

export type Compare = (a: any, b: any) => number;

const compareScalar: Compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Compares strings by code point: UTF-16 order differs only where surrogates meet U+E000..U+FFFF. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

const codePointRank = (unit: number) => (unit < 0xd800 ? unit : unit < 0xe000 ? unit + 0x2000 : unit - 0x800);

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** The comparator for a type, or undefined when the type has no order (ARRAY, MAP, ROW, MULTISET, RAW). */
export function comparatorFor(type: LogicalType): Compare | undefined {
  switch (type.root) {
    case 'CHAR': case 'VARCHAR': return compareStrings;
    case 'BINARY': case 'VARBINARY': return compareBytes;
    case 'ARRAY': case 'MAP': case 'MULTISET': case 'ROW': case 'RAW': return undefined;
    default: return compareScalar;
  }
}
