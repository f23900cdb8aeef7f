// What every SQL join operator shares: the compiled non-equi condition, null padding, and the SQL
// rule that an equi-join key containing NULL matches nothing (unless compared with IS NOT DISTINCT FROM).

/** The join's remaining (non-equi) condition, compiled by the expression compiler. */
export type JoinCondition = (left: readonly unknown[], right: readonly unknown[]) => boolean;

/** `width` NULLs: the missing side of an outer join's row. */
export function nullRow(width: number): unknown[] {
  return new Array<unknown>(width).fill(null);
}

/** left ++ right as a new array: a plain copy loop, much cheaper than Array.prototype.concat on short rows. */
export function joinFields(left: readonly unknown[], right: readonly unknown[]): unknown[] {
  const n = left.length;
  const out = new Array<unknown>(n + right.length);
  for (let i = 0; i < n; i++) out[i] = left[i];
  for (let i = 0; i < right.length; i++) out[n + i] = right[i];
  return out;
}

/**
 * Whether rows under this join key can match at all. The key is a single value or an array (one
 * value per equi-join field); `nullSafe[i]` marks fields compared with IS NOT DISTINCT FROM, for
 * which NULL matches NULL.
 */
export function keyCanMatch(key: unknown, nullSafe: readonly boolean[] | undefined): boolean {
  if (key === null) return nullSafe?.[0] === true;
  if (!Array.isArray(key)) return true;
  for (let i = 0; i < key.length; i++) {
    if (key[i] === null && nullSafe?.[i] !== true) return false;
  }
  return true;
}
