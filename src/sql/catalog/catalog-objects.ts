// What the catalog holds (tables, views, functions) and the read-only view of it that the planner
// uses. Names are resolved against the current catalog and database; unquoted names are compared
// case-insensitively, back-quoted ones exactly.
import type { LogicalType, RowType } from '../../core/types/logical-type.ts';
import type { Expr, Query, QualifiedName } from '../ast/ast.ts';
import type { ChangelogMode } from '../connectors/table-connector.ts';
import type { DataStream } from '../../api/data-stream.ts';
import type { Row } from '../../core/row.ts';
import type { LoadedUserFunction } from '../functions/user-function.ts';

/** `default_catalog.default_database.orders`. */
export interface ObjectPath {
  readonly catalog: string;
  readonly database: string;
  readonly name: string;
}

export const formatPath = (p: ObjectPath): string => `${p.catalog}.${p.database}.${p.name}`;

export type CatalogColumn =
  | { readonly kind: 'physical'; readonly name: string; readonly type: LogicalType; readonly comment?: string }
  /** Type derived by the planner when the table is created. */
  | { readonly kind: 'computed'; readonly name: string; readonly type: LogicalType; readonly expr: Expr; readonly exprText: string; readonly comment?: string }
  /** `key` defaults to the column name. */
  | { readonly kind: 'metadata'; readonly name: string; readonly type: LogicalType; readonly key?: string; readonly virtual: boolean; readonly comment?: string };

export interface CatalogTable {
  readonly kind: 'table';
  readonly path: ObjectPath;
  readonly temporary: boolean;
  readonly columns: readonly CatalogColumn[];
  /** `WATERMARK FOR column AS expr`: the rowtime column and the watermark expression. */
  readonly watermark?: { readonly column: string; readonly expr: Expr; readonly exprText: string };
  readonly primaryKey?: readonly string[];
  readonly partitionKeys: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  readonly comment?: string;
}

export interface CatalogView {
  readonly kind: 'view';
  readonly path: ObjectPath;
  readonly temporary: boolean;
  readonly columnNames: readonly string[];
  readonly query: Query;
  readonly queryText: string;
  readonly comment?: string;
}

/** A temporary view over a DataStream of Rows (TableEnvironment.fromDataStream / createTemporaryView). */
export interface DataStreamTable {
  readonly kind: 'datastream';
  readonly path: ObjectPath;
  readonly temporary: true;
  readonly stream: DataStream<Row>;
  readonly schema: RowType;
  readonly changelogMode: ChangelogMode;
  /** Index of the rowtime column, when the stream's timestamps are the table's event time. */
  readonly rowtimeIndex?: number;
}

export type CatalogRelation = CatalogTable | CatalogView | DataStreamTable;

export interface CatalogFunction {
  readonly kind: 'function';
  readonly path: ObjectPath;
  readonly temporary: boolean;
  /** `'module-path#export'` as written in CREATE FUNCTION, or undefined for functions registered from TypeScript. */
  readonly className?: string;
  readonly impl: LoadedUserFunction;
}

/** What the planner reads from the catalog. */
export interface CatalogReader {
  readonly currentCatalog: string;
  readonly currentDatabase: string;
  /** Resolves a (possibly partial) name against the current catalog and database. */
  resolvePath(name: QualifiedName): ObjectPath;
  getRelation(path: ObjectPath): CatalogRelation | undefined;
  /** A user-defined function by name (temporary system functions first, then catalog functions). */
  getFunction(name: QualifiedName): CatalogFunction | undefined;
}
