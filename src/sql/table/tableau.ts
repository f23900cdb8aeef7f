// Flink's tableau layout for results: `+----+-------+` borders, right-aligned cells, an `op`
// column with the RowKind for streaming results, `<NULL>` for nulls and "..." for cut values.
// Column widths come from the types (streaming: rows are printed as they arrive) or from the
// content (bounded results), as Flink's TableauStyle does.
import type { Row } from '../../core/row.ts';
import type { LogicalType, RowType } from '../../core/types/logical-type.ts';
import { formatValue } from '../types/value-format.ts';

export const NULL_TEXT = '<NULL>';
const TRUNCATED = '...';

/** East Asian wide and full-width characters take two columns in a terminal. */
function charWidth(code: number): number {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd) ? 2 : 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

function truncate(s: string, width: number): string {
  let w = 0;
  let out = '';
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width) break;
    out += ch;
    w += cw;
  }
  return out;
}

function timestampWidth(precision: number): number {
  return precision === 0 ? 19 : precision <= 3 ? 23 : precision <= 6 ? 26 : 29;
}

/** The width Flink reserves for a type when rows are printed as they arrive. */
function typeWidth(type: LogicalType, maxColumnWidth: number): number {
  switch (type.root) {
    case 'TINYINT': return 4;
    case 'SMALLINT': return 6;
    case 'INT': return 11;
    case 'BIGINT': return 20;
    case 'DECIMAL': return (type.precision ?? 10) + 2;
    case 'BOOLEAN': return 5;
    case 'DATE': return 10;
    case 'TIME': return (type.precision ?? 0) === 0 ? 8 : type.precision! + 9;
    case 'TIMESTAMP': case 'TIMESTAMP_LTZ': return timestampWidth(type.precision ?? 6);
    default: return maxColumnWidth;
  }
}

/** The text of each cell of a row: the kind first when `printRowKind`, `<NULL>` for null. */
export function rowCells(row: Row, types: readonly LogicalType[], zone: string, printRowKind: boolean): string[] {
  const cells = row.fields.map((v, i) => (v === null || v === undefined ? NULL_TEXT : formatValue(v, types[i]!, zone)));
  return printRowKind ? [row.kind, ...cells] : cells;
}

export class TableauStyle {
  readonly names: readonly string[];
  readonly widths: readonly number[];

  constructor(names: readonly string[], widths: readonly number[]) {
    this.names = names;
    this.widths = widths;
  }

  /** Widths from the types (Flink's tableauWithTypeInferredColumnWidths): rows can be printed before all are known. */
  static byType(schema: RowType, maxColumnWidth: number, printRowKind: boolean): TableauStyle {
    // Nullable columns are wide enough for `<NULL>` (narrow types like BOOLEAN would cut it otherwise).
    const widths = schema.names.map((n, i) => Math.max(displayWidth(n), typeWidth(schema.types[i]!, maxColumnWidth), schema.types[i]!.nullable ? NULL_TEXT.length : 0));
    return printRowKind ? new TableauStyle(['op', ...schema.names], [2, ...widths]) : new TableauStyle(schema.names, widths);
  }

  /** Widths from the content (Flink's tableauWithDataInferredColumnWidths), capped at `maxColumnWidth`. */
  static byContent(names: readonly string[], rows: readonly (readonly string[])[], maxColumnWidth: number): TableauStyle {
    const widths = names.map((n) => displayWidth(n));
    for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i]!, displayWidth(c))));
    return new TableauStyle(names, widths.map((w) => Math.min(w, maxColumnWidth)));
  }

  borderLine(): string {
    return `+${this.widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  }

  /** One line of cells, right-aligned; a value wider than its column is cut and ends in "...". */
  row(cells: readonly string[]): string {
    const parts = cells.map((c, i) => {
      const width = this.widths[i]!;
      const w = displayWidth(c);
      return w <= width ? ' '.repeat(width - w) + c : truncate(c, width - TRUNCATED.length) + TRUNCATED;
    });
    return `| ${parts.join(' | ')} |`;
  }

  header(): string {
    return this.row(this.names);
  }
}

/** `5 rows in set`, `1 row in set`, or `Empty set`. */
export function rowsInSet(n: number): string {
  return n === 0 ? 'Empty set' : `${n} ${n > 1 ? 'rows' : 'row'} in set`;
}

/** A whole bounded result in tableau form, with widths from its content. */
export function formatTableau(names: readonly string[], rows: readonly (readonly string[])[], maxColumnWidth = Number.MAX_SAFE_INTEGER): string {
  if (rows.length === 0) return `${rowsInSet(0)}\n`;
  const style = TableauStyle.byContent(names, rows, maxColumnWidth);
  const border = style.borderLine();
  return [border, style.header(), border, ...rows.map((r) => style.row(r)), border, rowsInSet(rows.length)].join('\n') + '\n';
}
