// DESCRIBE and SHOW CREATE TABLE / VIEW: a table's columns as Flink lists them (name, type, null,
// key, extras, watermark) and its DDL printed back with its options.
import { formatType, Types, withNullability, type LogicalType, type RowType } from '../../core/types/logical-type.ts';
import { validateQuery, type PlannerContext } from '../planner/planner.ts';
import type { CatalogRelation, CatalogTable, CatalogView, ObjectPath } from './catalog-objects.ts';

/** The columns of DESCRIBE's result. */
export const DESCRIBE_SCHEMA: RowType = {
  names: ['name', 'type', 'null', 'key', 'extras', 'watermark'],
  types: [Types.STRING(false), Types.STRING(false), Types.BOOLEAN(false), Types.STRING(), Types.STRING(), Types.STRING()],
};

const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``;
const quotePath = (p: ObjectPath) => `${quote(p.catalog)}.${quote(p.database)}.${quote(p.name)}`;
const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The column types of any relation (views are validated to learn theirs). */
export function relationSchema(relation: CatalogRelation, ctx: PlannerContext): RowType {
  switch (relation.kind) {
    case 'table': return { names: relation.columns.map((c) => c.name), types: relation.columns.map((c) => c.type) };
    case 'view': return { names: relation.columnNames, types: validateQuery(relation.query, ctx).types };
    case 'datastream': return relation.schema;
  }
}

/** The type without NOT NULL (the null column says it), with the rowtime marker on the watermark column, as Flink prints it. */
function describeType(table: CatalogTable | undefined, name: string, type: LogicalType): string {
  const nullable = withNullability(type, true);
  return formatType(table?.watermark?.column === name ? { ...nullable, timeAttribute: 'ROWTIME' } : nullable);
}

/** DESCRIBE's rows: `PRI(id)` on primary key columns, `AS expr` / `METADATA FROM 'k' VIRTUAL` as extras, the watermark on the rowtime column. */
export function describeRows(relation: CatalogRelation, ctx: PlannerContext): unknown[][] {
  const schema = relationSchema(relation, ctx);
  const table = relation.kind === 'table' ? relation : undefined;
  const pk = table?.primaryKey ? `PRI(${table.primaryKey.join(', ')})` : '';
  return schema.names.map((name, i) => {
    const type = schema.types[i]!;
    const column = table?.columns[i];
    let extras = '';
    if (column?.kind === 'computed') extras = `AS ${column.exprText}`;
    if (column?.kind === 'metadata') extras = `METADATA${column.key !== undefined ? ` FROM ${sqlString(column.key)}` : ''}${column.virtual ? ' VIRTUAL' : ''}`;
    return [
      name,
      describeType(table, name, type),
      type.nullable,
      table?.primaryKey?.includes(name) ? pk : '',
      extras,
      table?.watermark?.column === name ? table.watermark.exprText : '',
    ];
  });
}

/** SHOW CREATE TABLE: the DDL that recreates the table, with its options in the order declared. */
export function showCreateTable(table: CatalogTable): string {
  const lines = table.columns.map((c) => {
    const comment = c.comment !== undefined ? ` COMMENT ${sqlString(c.comment)}` : '';
    switch (c.kind) {
      case 'physical': return `  ${quote(c.name)} ${formatType(c.type)}${comment}`;
      case 'computed': return `  ${quote(c.name)} AS ${c.exprText}${comment}`;
      case 'metadata': return `  ${quote(c.name)} ${formatType(c.type)} METADATA${c.key !== undefined ? ` FROM ${sqlString(c.key)}` : ''}${c.virtual ? ' VIRTUAL' : ''}${comment}`;
    }
  });
  if (table.watermark) lines.push(`  WATERMARK FOR ${quote(table.watermark.column)} AS ${table.watermark.exprText}`);
  if (table.primaryKey) lines.push(`  CONSTRAINT ${quote(`PK_${table.primaryKey.join('_')}`)} PRIMARY KEY (${table.primaryKey.map(quote).join(', ')}) NOT ENFORCED`);
  let ddl = `CREATE ${table.temporary ? 'TEMPORARY ' : ''}TABLE ${quotePath(table.path)} (\n${lines.join(',\n')}\n)`;
  if (table.comment !== undefined) ddl += `\nCOMMENT ${sqlString(table.comment)}`;
  if (table.partitionKeys.length) ddl += `\nPARTITIONED BY (${table.partitionKeys.map(quote).join(', ')})`;
  const options = Object.entries(table.options);
  if (options.length) ddl += `\nWITH (\n${options.map(([k, v]) => `  ${sqlString(k)} = ${sqlString(v)}`).join(',\n')}\n)`;
  return `${ddl}\n`;
}

/** SHOW CREATE VIEW: the view's column names and its query as written. */
export function showCreateView(view: CatalogView): string {
  return `CREATE ${view.temporary ? 'TEMPORARY ' : ''}VIEW ${quotePath(view.path)}(${view.columnNames.map(quote).join(', ')})\n` +
    `${view.comment !== undefined ? `COMMENT ${sqlString(view.comment)}\n` : ''}AS ${view.queryText}\n`;
}
