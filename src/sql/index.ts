// The public API of Weir SQL: the table environment, results, user-defined functions, the parser's
// script splitter, and the SQL types and values that rows carry.
export { TableEnvironment, StreamTableEnvironment, type TableEnvironmentOptions, type StatementOrigin } from './table/table-environment.ts';
export { TableResult, type ResultKind } from './table/table-result.ts';
export { Table } from './table/table.ts';
export { StatementSet } from './table/statement-set.ts';
export { TableConfig } from './table/table-config.ts';
export { scalarFunction, tableFunction, aggregateFunction } from './functions/user-function.ts';
export type { UserScalarFunction, UserTableFunction, UserAggregateFunction, LoadedUserFunction } from './functions/user-function.ts';
export { splitStatements, parseStatement, parseStatements, type StatementPiece } from './parser/index.ts';
export { formatValue } from './types/value-format.ts';
export { SqlParseError, SqlValidationError, TableError } from './sql-errors.ts';
export { CatalogError } from './catalog/catalog-errors.ts';
export type { Row } from '../core/row.ts';
export type { RowKind } from '../core/row-kind.ts';
export { Types, formatType, type LogicalType, type RowType } from '../core/types/logical-type.ts';
