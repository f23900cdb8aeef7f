// A row of a changelog stream: the kind of change and the field values by position
// (represented as core/types/logical-type.ts describes). The SQL layer's streams carry Rows.
import type { RowKind } from './row-kind.ts';

export interface Row {
  kind: RowKind;
  readonly fields: unknown[];
}

export function row(kind: RowKind, fields: unknown[]): Row {
  return { kind, fields };
}

export const insertRow = (fields: unknown[]): Row => ({ kind: '+I', fields });
