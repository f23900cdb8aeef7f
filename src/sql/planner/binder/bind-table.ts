// Binds a catalog table reference: a scan of the physical columns and requested metadata, a
// projection into declaration order that computes the computed columns, and the watermark
// assigner that makes the WATERMARK column a rowtime attribute.
import { withNullability, type LogicalType } from '../../../core/types/logical-type.ts';
import type { Hint, Pos } from '../../ast/ast.ts';
import type { CatalogTable, DataStreamTable } from '../../catalog/catalog-objects.ts';
import { SqlValidationError } from '../../sql-errors.ts';
import type { ProjectRel, RelNode, TableScanRel, WatermarkRel } from '../logical/rel.ts';
import type { Rex } from '../rex.ts';
import type { BinderContext } from './binder-context.ts';
import { bindExpr } from './bind-expr.ts';
import { Scope } from './scope.ts';

/** `/*+ OPTIONS('k'='v') *\/` hints merged over the table's options. */
export function optionsWithHints(options: Readonly<Record<string, string>>, hints: readonly Hint[]): Record<string, string> {
  const out: Record<string, string> = { ...options };
  for (const h of hints) {
    if (h.name.toUpperCase() === 'OPTIONS') for (const p of h.options) out[p.key] = p.value;
  }
  return out;
}

export const metadataKeyOf = (c: { name: string; key?: string }): string => c.key ?? c.name;

/** The relation a catalog table contributes to FROM, with its declared columns in order. */
export function bindCatalogTable(table: CatalogTable, hints: readonly Hint[], ctx: BinderContext, pos: Pos): RelNode {
  const physical = table.columns.filter((c) => c.kind === 'physical');
  const metadata = table.columns.filter((c) => c.kind === 'metadata');
  const scanNames = [...physical.map((c) => c.name), ...metadata.map((c) => c.name)];
  const scanTypes = [...physical.map((c) => c.type), ...metadata.map((c) => c.type)];
  const scan: TableScanRel = {
    kind: 'TableScan', path: table.path, table, options: optionsWithHints(table.options, hints),
    metadataKeys: metadata.map((c) => metadataKeyOf(c)), rowType: { names: scanNames, types: scanTypes },
  };
  const baseScope = Scope.of(scanNames, scanTypes);
  const exprs: Rex[] = [];
  const types: LogicalType[] = [];
  const rowtime = table.watermark?.column;
  for (const c of table.columns) {
    let rex: Rex;
    if (c.kind === 'computed') {
      rex = bindExpr(c.expr, { ctx, scope: baseScope, clause: `computed column '${c.name}'` });
    } else {
      const index = scanNames.indexOf(c.name);
      rex = { kind: 'input', index, type: scanTypes[index]! };
    }
    let type = rex.type;
    if (c.name === rowtime) type = { ...withNullability(type, type.nullable), timeAttribute: 'ROWTIME' };
    exprs.push(rex);
    types.push(type);
  }
  const names = table.columns.map((c) => c.name);
  const identity = exprs.every((r, i) => r.kind === 'input' && r.index === i) && exprs.length === scanNames.length && !rowtime && !types.some((t) => t.timeAttribute);
  const project: RelNode = identity ? scan : { kind: 'Project', input: scan, exprs, rowType: { names, types } } satisfies ProjectRel;
  if (!table.watermark) return project;
  const rowtimeIndex = names.indexOf(table.watermark.column);
  if (rowtimeIndex < 0) throw new SqlValidationError(`The rowtime attribute field '${table.watermark.column}' is not defined in the table schema`, pos);
  const rt = types[rowtimeIndex]!;
  if (rt.root !== 'TIMESTAMP' && rt.root !== 'TIMESTAMP_LTZ' || (rt.precision ?? 3) > 3) {
    throw new SqlValidationError(`Invalid data type of time field for watermark definition. The field must be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but the time field type is ${rt.root}(${rt.precision})`, pos);
  }
  const scope = Scope.of(names, types.map((t) => (t.timeAttribute === 'ROWTIME' ? stripTime(t) : t)));
  const watermark = bindExpr(table.watermark.expr, { ctx, scope, clause: 'WATERMARK' });
  const wm: WatermarkRel = { kind: 'WatermarkAssigner', input: project, rowtimeIndex, watermark, rowType: { names, types } };
  return wm;
}

function stripTime(t: LogicalType): LogicalType {
  const { timeAttribute: _t, ...rest } = t;
  return rest;
}

export function bindDataStreamTable(table: DataStreamTable): RelNode {
  const types = table.schema.types.map((t, i) => (i === table.rowtimeIndex ? { ...t, timeAttribute: 'ROWTIME' as const } : t));
  return { kind: 'DataStreamScan', table, rowType: { names: table.schema.names, types } };
}
