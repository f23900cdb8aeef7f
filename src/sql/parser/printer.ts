// Prints statements and queries as SQL that parses back to the same AST (positions aside): used by
// round-trip tests, SHOW CREATE TABLE and EXPLAIN.
import type { ColumnDef, GroupingElement, Ident, InsertStatement, Property, Query, QueryBody, Select, Statement, TableRef } from '../ast/ast.ts';
import {
  formatExpr, formatHints, formatIdent, formatName, formatOrderBy, formatQualifiedName, formatString, formatType,
  formatWindowSpec,
} from './print-expression.ts';

export { formatExpr, formatType } from './print-expression.ts';

export function formatQuery(q: Query): string {
  const parts: string[] = [];
  if (q.with.length > 0) {
    parts.push(`WITH ${q.with.map((c) => `${formatIdent(c.name)}${c.columns.length > 0 ? ` (${c.columns.map(formatIdent).join(', ')})` : ''} AS (${formatQuery(c.query)})`).join(', ')}`);
  }
  parts.push(formatBody(q.body));
  if (q.orderBy.length > 0) parts.push(formatOrderBy(q.orderBy));
  if (q.limit) parts.push(`LIMIT ${formatExpr(q.limit)}`);
  if (q.offset) parts.push(`OFFSET ${formatExpr(q.offset)}`);
  return parts.join(' ');
}

const SET_LEVEL = { UNION: 1, EXCEPT: 1, INTERSECT: 2 } as const;

function formatBody(b: QueryBody): string {
  switch (b.kind) {
    case 'Select': return formatSelect(b);
    case 'Values': return `VALUES ${b.rows.map((r) => `(${r.map((e) => formatExpr(e)).join(', ')})`).join(', ')}`;
    case 'Query': return `(${formatQuery(b)})`;
    case 'SetOperation': {
      const level = SET_LEVEL[b.op];
      const side = (x: QueryBody, min: number): string =>
        x.kind === 'SetOperation' && SET_LEVEL[x.op] < min ? `(${formatBody(x)})` : formatBody(x);
      return `${side(b.left, level)} ${b.op}${b.all ? ' ALL' : ''} ${side(b.right, level + 1)}`;
    }
  }
}

function formatSelect(s: Select): string {
  const parts = ['SELECT'];
  if (s.hints.length > 0) parts.push(formatHints(s.hints));
  if (s.distinct) parts.push('DISTINCT');
  parts.push(s.items.map((i) => `${formatExpr(i.expr)}${i.alias ? ` AS ${formatIdent(i.alias)}` : ''}`).join(', '));
  if (s.from) parts.push(`FROM ${formatTableRef(s.from)}`);
  if (s.where) parts.push(`WHERE ${formatExpr(s.where)}`);
  if (s.groupBy) parts.push(`GROUP BY ${s.groupBy.elements.map(formatGroupingElement).join(', ')}`);
  if (s.having) parts.push(`HAVING ${formatExpr(s.having)}`);
  if (s.windows.length > 0) parts.push(`WINDOW ${s.windows.map((w) => `${formatIdent(w.name)} AS ${formatWindowSpec(w.spec)}`).join(', ')}`);
  return parts.join(' ');
}

function formatGroupingElement(g: GroupingElement): string {
  switch (g.type) {
    case 'expr': return formatExpr(g.expr);
    case 'GROUPING SETS': return `GROUPING SETS (${g.sets.map((set) => `(${set.map((e) => formatExpr(e)).join(', ')})`).join(', ')})`;
    default: return `${g.type}(${g.exprs.map((e) => formatExpr(e)).join(', ')})`;
  }
}

function formatAlias(ref: { readonly alias?: Ident; readonly columnAliases: readonly Ident[] }): string {
  if (!ref.alias) return '';
  const cols = ref.columnAliases.length > 0 ? ` (${ref.columnAliases.map(formatIdent).join(', ')})` : '';
  return ` AS ${formatIdent(ref.alias)}${cols}`;
}

function formatTableRef(t: TableRef): string {
  switch (t.kind) {
    case 'NamedTable': {
      let s = formatQualifiedName(t.name);
      if (t.hints.length > 0) s += ` ${formatHints(t.hints)}`;
      if (t.systemTimeAsOf) s += ` FOR SYSTEM_TIME AS OF ${formatExpr(t.systemTimeAsOf)}`;
      return s + formatAlias(t);
    }
    case 'DerivedTable': return `${t.lateral ? 'LATERAL ' : ''}(${formatQuery(t.query)})${formatAlias(t)}`;
    case 'TableFunctionRef': return `${t.lateral ? 'LATERAL ' : ''}TABLE(${formatExpr(t.call)})${formatAlias(t)}`;
    case 'UnnestRef': return `UNNEST(${t.args.map((e) => formatExpr(e)).join(', ')})${t.withOrdinality ? ' WITH ORDINALITY' : ''}${formatAlias(t)}`;
    case 'JoinRef': {
      const right = t.right.kind === 'JoinRef' ? `(${formatTableRef(t.right)})` : formatTableRef(t.right);
      if (t.comma) return `${formatTableRef(t.left)}, ${right}`;
      const join = t.type === 'INNER' ? 'JOIN' : t.type === 'CROSS' ? 'CROSS JOIN' : `${t.type} JOIN`;
      let s = `${formatTableRef(t.left)} ${t.natural ? 'NATURAL ' : ''}${join} ${right}`;
      if (t.on) s += ` ON ${formatExpr(t.on)}`;
      if (t.using) s += ` USING (${t.using.map(formatIdent).join(', ')})`;
      return s;
    }
  }
}

function formatProperties(props: readonly Property[], indent = ''): string {
  if (props.length === 0) return '()';
  return `(\n${props.map((p) => `${indent}  ${formatString(p.key)} = ${formatString(p.value)}`).join(',\n')}\n${indent})`;
}

function formatColumn(c: ColumnDef): string {
  const comment = c.comment !== undefined ? ` COMMENT ${formatString(c.comment)}` : '';
  switch (c.kind) {
    case 'PhysicalColumn': return `${formatIdent(c.name)} ${formatType(c.type)}${comment}`;
    case 'ComputedColumn': return `${formatIdent(c.name)} AS ${formatExpr(c.expr)}${comment}`;
    case 'MetadataColumn':
      return `${formatIdent(c.name)} ${formatType(c.type)} METADATA${c.key !== undefined ? ` FROM ${formatString(c.key)}` : ''}${c.virtual ? ' VIRTUAL' : ''}${comment}`;
  }
}

function formatInsert(s: InsertStatement): string {
  const parts = [`INSERT ${s.overwrite ? 'OVERWRITE' : 'INTO'} ${formatQualifiedName(s.table)}`];
  if (s.hints.length > 0) parts.push(formatHints(s.hints));
  if (s.staticPartition.length > 0) parts.push(`PARTITION (${s.staticPartition.map((p) => `${formatName(p.key)} = ${formatString(p.value)}`).join(', ')})`);
  if (s.columns.length > 0) parts.push(`(${s.columns.map(formatIdent).join(', ')})`);
  parts.push(formatQuery(s.query));
  return parts.join(' ');
}

const ifNotExists = (b: boolean): string => (b ? 'IF NOT EXISTS ' : '');
const ifExists = (b: boolean): string => (b ? 'IF EXISTS ' : '');
const temporary = (b: boolean, system = false): string => (b ? (system ? 'TEMPORARY SYSTEM ' : 'TEMPORARY ') : '');

export function formatStatement(s: Statement): string {
  switch (s.kind) {
    case 'QueryStatement': return formatQuery(s.query);
    case 'InsertStatement': return formatInsert(s);
    case 'StatementSet': return `EXECUTE STATEMENT SET BEGIN\n${s.inserts.map((i) => `  ${formatInsert(i)};\n`).join('')}END`;
    case 'CreateTable': {
      let out = `CREATE ${temporary(s.temporary)}TABLE ${ifNotExists(s.ifNotExists)}${formatQualifiedName(s.name)}`;
      const elements = s.columns.map(formatColumn);
      if (s.primaryKey) {
        const name = s.primaryKey.constraintName ? `CONSTRAINT ${formatIdent(s.primaryKey.constraintName)} ` : '';
        elements.push(`${name}PRIMARY KEY (${s.primaryKey.columns.map(formatIdent).join(', ')}) NOT ENFORCED`);
      }
      if (s.watermark) elements.push(`WATERMARK FOR ${formatIdent(s.watermark.column)} AS ${formatExpr(s.watermark.expr)}`);
      if (elements.length > 0) out += ` (\n${elements.map((e) => `  ${e}`).join(',\n')}\n)`;
      if (s.comment !== undefined) out += ` COMMENT ${formatString(s.comment)}`;
      if (s.partitionedBy.length > 0) out += ` PARTITIONED BY (${s.partitionedBy.map(formatIdent).join(', ')})`;
      if (s.options.length > 0) out += ` WITH ${formatProperties(s.options)}`;
      return out;
    }
    case 'CreateTableAs':
      return `CREATE ${temporary(s.temporary)}TABLE ${ifNotExists(s.ifNotExists)}${formatQualifiedName(s.name)}`
        + `${s.options.length > 0 ? ` WITH ${formatProperties(s.options)}` : ''} AS ${formatQuery(s.query)}`;
    case 'CreateView':
      return `CREATE ${temporary(s.temporary)}VIEW ${ifNotExists(s.ifNotExists)}${formatQualifiedName(s.name)}`
        + `${s.columns.length > 0 ? ` (${s.columns.map(formatIdent).join(', ')})` : ''}`
        + `${s.comment !== undefined ? ` COMMENT ${formatString(s.comment)}` : ''} AS ${s.queryText}`;
    case 'CreateFunction':
      return `CREATE ${temporary(s.temporary, s.system)}FUNCTION ${ifNotExists(s.ifNotExists)}${formatQualifiedName(s.name)} AS ${formatString(s.className)}`
        + (s.language ? ` LANGUAGE ${s.language}` : '');
    case 'CreateCatalog': return `CREATE CATALOG ${formatIdent(s.name)} WITH ${formatProperties(s.options)}`;
    case 'CreateDatabase':
      return `CREATE DATABASE ${ifNotExists(s.ifNotExists)}${formatQualifiedName(s.name)}${s.comment !== undefined ? ` COMMENT ${formatString(s.comment)}` : ''}`;
    case 'DropTable': return `DROP ${temporary(s.temporary)}TABLE ${ifExists(s.ifExists)}${formatQualifiedName(s.name)}`;
    case 'DropView': return `DROP ${temporary(s.temporary)}VIEW ${ifExists(s.ifExists)}${formatQualifiedName(s.name)}`;
    case 'DropFunction': return `DROP ${temporary(s.temporary, s.system)}FUNCTION ${ifExists(s.ifExists)}${formatQualifiedName(s.name)}`;
    case 'DropCatalog': return `DROP CATALOG ${ifExists(s.ifExists)}${formatQualifiedName(s.name)}`;
    case 'DropDatabase': return `DROP DATABASE ${ifExists(s.ifExists)}${formatQualifiedName(s.name)}${s.cascade ? ' CASCADE' : ''}`;
    case 'AlterTable': {
      const head = `ALTER TABLE ${ifExists(s.ifExists)}${formatQualifiedName(s.name)}`;
      const a = s.action;
      if (a.type === 'SET') return `${head} SET ${formatProperties(a.options)}`;
      if (a.type === 'RESET') return `${head} RESET (${a.keys.map(formatString).join(', ')})`;
      return `${head} RENAME TO ${formatQualifiedName(a.newName)}`;
    }
    case 'ShowStatement': {
      let out = `SHOW ${s.what}`;
      if (s.from) out += ` FROM ${formatQualifiedName(s.from)}`;
      if (s.like) out += ` ${s.like.negated ? 'NOT ' : ''}${s.like.ilike ? 'ILIKE' : 'LIKE'} ${formatString(s.like.pattern)}`;
      return out;
    }
    case 'ShowCreate': return `SHOW CREATE ${s.what} ${formatQualifiedName(s.name)}`;
    case 'DescribeStatement': return `DESCRIBE ${s.extended ? 'EXTENDED ' : ''}${formatQualifiedName(s.name)}`;
    case 'UseStatement': return `USE ${s.catalog ? 'CATALOG ' : ''}${formatQualifiedName(s.name)}`;
    case 'SetStatement': return s.key === undefined ? 'SET' : `SET ${formatString(s.key)} = ${formatString(s.value ?? '')}`;
    case 'ResetStatement': return s.key === undefined ? 'RESET' : `RESET ${formatString(s.key)}`;
    case 'ExplainStatement': return `EXPLAIN ${s.details.length > 0 ? `${s.details.join(', ')} ` : ''}${formatStatement(s.statement)}`;
    case 'HelpStatement': return 'HELP';
    case 'QuitStatement': return 'QUIT';
  }
}
