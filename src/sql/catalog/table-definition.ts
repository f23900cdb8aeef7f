// CREATE TABLE: checks a table's declaration (columns, computed column and watermark types,
// metadata keys, primary key, partition keys, the 'connector' option) and builds its catalog
// entry. The options themselves are validated by the connector when the table is used, as in Flink.
import { formatType, rowType, withNullability, type LogicalType } from '../../core/types/logical-type.ts';
import type { ColumnDef, CreateTable } from '../ast/ast.ts';
import { getConnector } from '../connectors/connector-registry.ts';
import { formatExpr } from '../parser/index.ts';
import { typeOfExpression, type PlannerContext } from '../planner/planner.ts';
import { SqlValidationError } from '../sql-errors.ts';
import { toLogicalType } from '../types/type-from-spec.ts';
import { formatPath, type CatalogColumn, type CatalogTable, type ObjectPath } from './catalog-objects.ts';

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function isTimestamp(t: LogicalType): boolean {
  return (t.root === 'TIMESTAMP' || t.root === 'TIMESTAMP_LTZ') && (t.precision ?? 6) <= 3;
}

/** The catalog entry of a CREATE TABLE statement, or a SqlValidationError naming the column and position. */
export async function defineTable(stmt: CreateTable, path: ObjectPath, ctx: PlannerContext): Promise<CatalogTable> {
  const seen = new Set<string>();
  for (const c of stmt.columns) {
    if (seen.has(c.name.name.toLowerCase())) throw new SqlValidationError(`A column named '${c.name.name}' already exists in the table.`, c.name.pos);
    seen.add(c.name.name.toLowerCase());
  }
  const find = (name: string) => stmt.columns.find((c) => sameName(c.name.name, name));

  const pk = stmt.primaryKey;
  const pkNames: string[] = [];
  if (pk) {
    const constraint = pk.constraintName?.name ?? `PK_${pk.columns.map((c) => c.name).join('_')}`;
    for (const ident of pk.columns) {
      const col = find(ident.name);
      if (!col) throw new SqlValidationError(`Invalid primary key '${constraint}'. Column '${ident.name}' does not exist.`, ident.pos);
      if (col.kind !== 'PhysicalColumn') throw new SqlValidationError(`Invalid primary key '${constraint}'. Column '${ident.name}' is not a physical column.`, ident.pos);
      pkNames.push(col.name.name);
    }
  }
  const inKey = (c: ColumnDef) => pkNames.some((n) => sameName(n, c.name.name));

  // Physical and metadata columns first: computed columns and the watermark see only those.
  const base: CatalogColumn[] = [];
  for (const c of stmt.columns) {
    if (c.kind === 'ComputedColumn') continue;
    const declared = toLogicalType(c.type);
    const type = inKey(c) ? withNullability(declared, false) : declared;
    base.push(c.kind === 'PhysicalColumn'
      ? { kind: 'physical', name: c.name.name, type, comment: c.comment }
      : { kind: 'metadata', name: c.name.name, type, key: c.key, virtual: c.virtual, comment: c.comment });
  }
  const baseRow = rowType(base.map((c) => [c.name, c.type]));
  const columns: CatalogColumn[] = stmt.columns.map((c) => {
    if (c.kind !== 'ComputedColumn') return base.find((b) => b.name === c.name.name)!;
    return { kind: 'computed', name: c.name.name, type: typeOfExpression(c.expr, baseRow, ctx), expr: c.expr, exprText: formatExpr(c.expr), comment: c.comment };
  });
  const allRow = rowType(columns.map((c) => [c.name, c.type]));

  let watermark: CatalogTable['watermark'];
  if (stmt.watermark) {
    const wm = stmt.watermark;
    const col = columns.find((c) => sameName(c.name, wm.column.name));
    if (!col) {
      throw new SqlValidationError(`Invalid column name '${wm.column.name}' for rowtime attribute in watermark declaration. Available columns are: [${columns.map((c) => c.name).join(', ')}]`, wm.column.pos);
    }
    if (!isTimestamp(col.type)) {
      throw new SqlValidationError(`Invalid data type of time field for watermark definition. The field must be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but the time field type is ${formatType(col.type)}`, wm.column.pos);
    }
    const exprType = typeOfExpression(wm.expr, allRow, ctx);
    if (!isTimestamp(exprType)) {
      throw new SqlValidationError(`Invalid data type of expression for watermark definition. The field must be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but the watermark expression type is ${formatType(exprType)}`, wm.expr.pos);
    }
    watermark = { column: col.name, expr: wm.expr, exprText: formatExpr(wm.expr) };
  }

  const partitionKeys = stmt.partitionedBy.map((p) => {
    const col = columns.find((c) => sameName(c.name, p.name) && c.kind === 'physical');
    if (!col) throw new SqlValidationError(`Partition column '${p.name}' not defined in the table schema. Available columns: [${columns.filter((c) => c.kind === 'physical').map((c) => `'${c.name}'`).join(', ')}]`, p.pos);
    return col.name;
  });

  const options = Object.fromEntries(stmt.options.map((o) => [o.key, o.value]));
  if (options.connector === undefined) {
    throw new SqlValidationError(`Table options do not contain an option key 'connector' for discovering a connector. Table: ${formatPath(path)}`, stmt.name.pos);
  }
  await checkMetadataKeys(stmt, path, columns, options);

  return {
    kind: 'table', path, temporary: stmt.temporary, columns, watermark, primaryKey: pk ? pkNames : undefined,
    partitionKeys, options, comment: stmt.comment,
  };
}

/** Metadata columns must name a key the connector (and its format) can read or write; unknown connectors are left to planning. */
async function checkMetadataKeys(stmt: CreateTable, path: ObjectPath, columns: readonly CatalogColumn[], options: Record<string, string>): Promise<void> {
  const metadata = columns.filter((c) => c.kind === 'metadata');
  if (metadata.length === 0) return;
  const factory = await getConnector(options.connector!, `table '${formatPath(path)}'`).catch(() => undefined);
  if (!factory) return;
  let keys: string[];
  try {
    keys = [...new Set([...Object.keys(factory.readableMetadata?.(options) ?? {}), ...Object.keys(factory.writableMetadata?.(options) ?? {})])].sort();
  } catch {
    return; // A bad format option: reported with the option's own message when the table is used.
  }
  for (const c of metadata) {
    const key = c.key ?? c.name;
    if (!keys.includes(key)) {
      const def = stmt.columns.find((d) => d.name.name === c.name)!;
      throw new SqlValidationError(
        `Invalid metadata key '${key}' in column '${c.name}' of table '${formatPath(path)}'. The connector '${options.connector}' supports the following metadata keys:\n${keys.length ? keys.join('\n') : '(none)'}`,
        def.pos,
      );
    }
  }
}
