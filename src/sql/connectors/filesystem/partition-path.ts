// Hive-style partition directories (`dt=2020-01-01/hr=09/`) as Flink's PartitionPathUtils writes
// and reads them: special characters escaped as %XX, null or empty values under the default name.
import type { LogicalType } from '../../../core/types/logical-type.ts';
import { fromJsonConverter } from '../../../formats/json/json-row-converter.ts';
import { formatDate, formatDecimal, formatTime, formatTimestampText } from '../../../formats/row-values.ts';

/** Flink escapes these (and control characters) in partition names and values. */
const SPECIAL = new Set(['"', '#', '%', "'", '*', '/', ':', '=', '?', '\\', '\u007f', '{', '[', ']', '^']);

export function escapePathName(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.charCodeAt(0);
    out += SPECIAL.has(c) || (code >= 1 && code <= 0x1f) ? '%' + code.toString(16).toUpperCase().padStart(2, '0') : c;
  }
  return out;
}

export function unescapePathName(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The text of a partition value as it appears in a directory name. */
export function partitionValueText(type: LogicalType): (v: unknown) => string {
  switch (type.root) {
    case 'DATE': return (v) => formatDate(v as number);
    case 'TIME': return (v) => formatTime(v as number);
    case 'TIMESTAMP': return (v) => formatTimestampText(v as number, 'SQL', false);
    case 'TIMESTAMP_LTZ': return (v) => formatTimestampText(v as number, 'SQL', true);
    case 'DECIMAL': { const s = type.scale ?? 0; return (v) => formatDecimal(v as bigint, s); }
    default: return String;
  }
}

/** Builds `k1=v1/k2=v2` for a row from the partition columns at `indexes`. */
export function partitionPathBuilder(names: readonly string[], types: readonly LogicalType[], indexes: readonly number[], defaultName: string): (fields: readonly unknown[]) => string {
  const parts = indexes.map((i) => ({ index: i, prefix: escapePathName(names[i]!) + '=', text: partitionValueText(types[i]!) }));
  return (fields) => {
    let path = '';
    for (const p of parts) {
      const v = fields[p.index];
      const text = v === null || v === undefined ? '' : p.text(v);
      path += (path ? '/' : '') + p.prefix + (text === '' ? defaultName : escapePathName(text));
    }
    return path;
  };
}

/**
 * Reads partition values back from a file's path relative to the table's base path: each
 * `name=value` directory gives the value of that partition column (the default name gives null).
 * Returns the values in the order of `names`; a column without a directory is null.
 */
export function partitionValuesReader(names: readonly string[], types: readonly LogicalType[], defaultName: string): (relativePath: string) => unknown[] {
  const convert = types.map((t) => fromJsonConverter(t, { failOnMissingField: false, timestampStandard: 'SQL' }));
  const position = new Map(names.map((n, i) => [n, i]));
  return (relativePath) => {
    const values = new Array<unknown>(names.length).fill(null);
    const dirs = relativePath.split(/[\\/]/).slice(0, -1);
    for (const dir of dirs) {
      const eq = dir.indexOf('=');
      if (eq <= 0) continue;
      const i = position.get(unescapePathName(dir.slice(0, eq)));
      if (i === undefined) continue;
      const text = unescapePathName(dir.slice(eq + 1));
      values[i] = text === defaultName ? null : convert[i]!(text);
    }
    return values;
  };
}
