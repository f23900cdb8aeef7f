// Runs the statements that read or change the catalog: CREATE/DROP/ALTER of tables, views,
// functions, catalogs and databases, SHOW, DESCRIBE, SHOW CREATE and USE. Each returns either
// nothing (Flink's "OK") or a small result table.
import { Types, type RowType } from '../../core/types/logical-type.ts';
import type { Statement, ShowStatement, QualifiedName } from '../ast/ast.ts';
import type { PlannerContext } from '../planner/planner.ts';
import { validateQuery } from '../planner/planner.ts';
import { SqlValidationError } from '../sql-errors.ts';
import { CatalogError } from './catalog-errors.ts';
import type { CatalogManager } from './catalog-manager.ts';
import { formatPath, type CatalogTable, type CatalogView, type ObjectPath } from './catalog-objects.ts';
import { DESCRIBE_SCHEMA, describeRows, showCreateTable, showCreateView } from './describe-table.ts';
import { loadUserFunction } from './function-loader.ts';
import { defineTable } from './table-definition.ts';

/** What a statement produced: nothing, or rows (`raw`: one text value that the client prints as is, SHOW CREATE). */
export type StatementOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'rows'; readonly schema: RowType; readonly rows: unknown[][]; readonly raw?: boolean };

export const OK: StatementOutcome = { kind: 'ok' };

export interface CatalogStatementContext extends PlannerContext {
  readonly catalog: CatalogManager;
  /** Relative module paths of CREATE FUNCTION are resolved here first (the script's directory). */
  readonly baseDir: string;
  /** Names of the built-in functions, for SHOW FUNCTIONS. */
  readonly builtinFunctions: () => readonly string[];
}

const stringRows = (column: string, values: readonly string[]): StatementOutcome =>
  ({ kind: 'rows', schema: { names: [column], types: [Types.STRING(false)] }, rows: values.map((v) => [v]) });

/** SQL LIKE / ILIKE as a predicate (`%` any run, `_` one character). */
export function likePredicate(like: ShowStatement['like']): (s: string) => boolean {
  if (!like) return () => true;
  const source = [...like.pattern].map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  const re = new RegExp(`^${source}$`, like.ilike ? 'is' : 's');
  return (s) => re.test(s) !== like.negated;
}

function relationOrFail(ctx: CatalogStatementContext, name: QualifiedName) {
  const path = ctx.catalog.resolvePath(name);
  const relation = ctx.catalog.getRelation(path);
  if (!relation) throw new CatalogError(`Table or view with identifier '${formatPath(path)}' doesn't exist.`);
  return relation;
}

/** The statements this module runs. */
export const CATALOG_STATEMENTS = new Set<Statement['kind']>([
  'CreateTable', 'CreateView', 'CreateFunction', 'CreateCatalog', 'CreateDatabase', 'DropTable', 'DropView', 'DropFunction',
  'DropCatalog', 'DropDatabase', 'AlterTable', 'ShowStatement', 'DescribeStatement', 'ShowCreate', 'UseStatement',
]);

export async function executeCatalogStatement(stmt: Statement, ctx: CatalogStatementContext): Promise<StatementOutcome> {
  const cm = ctx.catalog;
  switch (stmt.kind) {
    case 'CreateTable': {
      const path = cm.resolvePath(stmt.name);
      if (stmt.ifNotExists && (stmt.temporary ? cm.getTemporary(path) : cm.getPermanent(path))) return OK;
      cm.createRelation(await defineTable(stmt, path, ctx), stmt.ifNotExists);
      return OK;
    }
    case 'CreateView': {
      const path = cm.resolvePath(stmt.name);
      if (stmt.ifNotExists && (stmt.temporary ? cm.getTemporary(path) : cm.getPermanent(path))) return OK;
      const schema = validateQuery(stmt.query, ctx);
      if (stmt.columns.length > 0 && stmt.columns.length !== schema.names.length) {
        throw new SqlValidationError(`VIEW definition and input fields not match:\n\tDef fields: [${stmt.columns.map((c) => c.name).join(', ')}].\n\tInput fields: [${schema.names.join(', ')}].`, stmt.pos);
      }
      const view: CatalogView = {
        kind: 'view', path, temporary: stmt.temporary, query: stmt.query, queryText: stmt.queryText, comment: stmt.comment,
        columnNames: stmt.columns.length > 0 ? stmt.columns.map((c) => c.name) : schema.names,
      };
      cm.createRelation(view, stmt.ifNotExists);
      return OK;
    }
    case 'CreateFunction': {
      const system = stmt.temporary && stmt.system;
      if (system && stmt.name.parts.length > 1) throw new SqlValidationError('Temporary system functions take a simple name, not a catalog path', stmt.name.pos);
      const path: ObjectPath = system ? { catalog: '', database: '', name: stmt.name.parts[0]!.name } : cm.resolvePath(stmt.name);
      const shown = system ? path.name : formatPath(path);
      const impl = await loadUserFunction(shown, stmt.className, ctx.baseDir);
      cm.createFunction({ kind: 'function', path, temporary: stmt.temporary, className: stmt.className, impl }, system, stmt.ifNotExists);
      return OK;
    }
    case 'CreateCatalog': {
      const options = Object.fromEntries(stmt.options.map((o) => [o.key, o.value]));
      if (options.type === undefined) throw new CatalogError(`Catalog options do not contain an option key 'type' for discovering a catalog. Supported types: generic_in_memory`);
      if (options.type !== 'generic_in_memory') throw new CatalogError(`Unsupported catalog type '${options.type}' for catalog '${stmt.name.name}'. Supported types: generic_in_memory`);
      cm.createCatalog(stmt.name.name, options);
      return OK;
    }
    case 'CreateDatabase':
      cm.createDatabase(stmt.name.parts, stmt.ifNotExists, stmt.comment);
      return OK;
    case 'DropTable':
    case 'DropView':
      cm.dropRelation(cm.resolvePath(stmt.name), stmt.kind === 'DropTable' ? 'table' : 'view', stmt.temporary, stmt.ifExists);
      return OK;
    case 'DropFunction': {
      const system = stmt.temporary && stmt.system;
      const path: ObjectPath = system ? { catalog: '', database: '', name: stmt.name.parts[0]!.name } : cm.resolvePath(stmt.name);
      cm.dropFunction(path, stmt.temporary, system, stmt.ifExists);
      return OK;
    }
    case 'DropCatalog':
      cm.dropCatalog(stmt.name.parts[0]!, stmt.ifExists);
      return OK;
    case 'DropDatabase':
      cm.dropDatabase(stmt.name.parts, stmt.ifExists, stmt.cascade);
      return OK;
    case 'AlterTable':
      return alterTable(stmt, ctx);
    case 'UseStatement':
      if (stmt.catalog) cm.useCatalog(stmt.name.parts[0]!);
      else cm.useDatabase(stmt.name.parts);
      return OK;
    case 'ShowStatement':
      return show(stmt, ctx);
    case 'DescribeStatement':
      return { kind: 'rows', schema: DESCRIBE_SCHEMA, rows: describeRows(relationOrFail(ctx, stmt.name), ctx) };
    case 'ShowCreate': {
      const relation = relationOrFail(ctx, stmt.name);
      const path = formatPath(relation.path);
      if (stmt.what === 'TABLE' && relation.kind !== 'table') {
        throw new SqlValidationError(`SHOW CREATE TABLE is only supported for tables, but '${path}' is a view. Please use SHOW CREATE VIEW instead.`, stmt.pos);
      }
      if (relation.kind === 'datastream') {
        throw new SqlValidationError(`SHOW CREATE ${stmt.what} is not supported for '${path}': it was registered from a DataStream, not with SQL.`, stmt.pos);
      }
      if (stmt.what === 'VIEW' && relation.kind !== 'view') {
        throw new SqlValidationError(`SHOW CREATE VIEW is only supported for views, but '${path}' is a table. Please use SHOW CREATE TABLE instead.`, stmt.pos);
      }
      const text = relation.kind === 'table' ? showCreateTable(relation) : showCreateView(relation);
      return { kind: 'rows', schema: { names: ['result'], types: [Types.STRING(false)] }, rows: [[text]], raw: true };
    }
    default:
      throw new Error(`not a catalog statement: ${stmt.kind}`);
  }
}

function alterTable(stmt: Extract<Statement, { kind: 'AlterTable' }>, ctx: CatalogStatementContext): StatementOutcome {
  const cm = ctx.catalog;
  const path = cm.resolvePath(stmt.name);
  const table = cm.getRelation(path);
  if (!table || table.kind !== 'table') {
    if (stmt.ifExists) return OK;
    throw new CatalogError(`Table ${formatPath(path)} doesn't exist or is a view.`);
  }
  const action = stmt.action;
  switch (action.type) {
    case 'SET':
      cm.replaceRelation({ ...table, options: { ...table.options, ...Object.fromEntries(action.options.map((o) => [o.key, o.value])) } });
      return OK;
    case 'RESET': {
      if (action.keys.includes('connector')) throw new SqlValidationError("ALTER TABLE RESET does not support changing 'connector'", stmt.pos);
      const options = { ...table.options };
      for (const k of action.keys) delete options[k];
      cm.replaceRelation({ ...table, options });
      return OK;
    }
    case 'RENAME': {
      const target = cm.resolvePath(action.newName);
      if (target.catalog !== path.catalog) throw new SqlValidationError('ALTER TABLE RENAME cannot move a table to another catalog', action.newName.pos);
      const renamed: CatalogTable = { ...table, path: target };
      cm.createRelation(renamed, false);
      cm.dropRelation(path, 'table', table.temporary, false);
      return OK;
    }
  }
}

function show(stmt: ShowStatement, ctx: CatalogStatementContext): StatementOutcome {
  const cm = ctx.catalog;
  const like = likePredicate(stmt.like);
  const scope = () => {
    if (!stmt.from) return { catalog: cm.currentCatalog, database: cm.currentDatabase };
    const parts = stmt.from.parts;
    return parts.length === 1
      ? { catalog: cm.currentCatalog, database: parts[0]!.name }
      : { catalog: parts[0]!.name, database: parts[1]!.name };
  };
  const sorted = (names: Iterable<string>) => [...new Set(names)].filter(like).sort();
  switch (stmt.what) {
    case 'TABLES': {
      const s = scope();
      return stringRows('table name', sorted(cm.listRelations(s.catalog, s.database).map((r) => r.path.name)));
    }
    case 'VIEWS': {
      const s = scope();
      return stringRows('view name', sorted(cm.listRelations(s.catalog, s.database).filter((r) => r.kind !== 'table').map((r) => r.path.name)));
    }
    case 'FUNCTIONS':
      return stringRows('function name', sorted([...ctx.builtinFunctions(), ...cm.listUserFunctions().map((f) => f.path.name)]));
    case 'USER FUNCTIONS':
      return stringRows('function name', sorted(cm.listUserFunctions().map((f) => f.path.name)));
    case 'CATALOGS':
      return stringRows('catalog name', sorted(cm.listCatalogs()));
    case 'DATABASES':
      return stringRows('database name', sorted(cm.listDatabases(stmt.from?.parts[0]?.name)));
    case 'CURRENT CATALOG':
      return stringRows('current catalog name', [cm.currentCatalog]);
    case 'CURRENT DATABASE':
      return stringRows('current database name', [cm.currentDatabase]);
    case 'MODULES':
      return stringRows('module name', ['core']);
    case 'COLUMNS': {
      const relation = relationOrFail(ctx, stmt.from!);
      return { kind: 'rows', schema: DESCRIBE_SCHEMA, rows: describeRows(relation, ctx).filter((r) => like(r[0] as string)) };
    }
    case 'JOBS':
      throw new Error('SHOW JOBS is answered by the table environment');
  }
}
