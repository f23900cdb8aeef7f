// A query as a value (Flink's Table): made by sqlQuery() or fromDataStream(), it can be run,
// explained, inserted into a table, registered as a view, or converted to a DataStream.
import type { RowType } from '../../core/types/logical-type.ts';
import type { Query } from '../ast/ast.ts';
import type { TableEnvironment } from './table-environment.ts';
import type { TableResult } from './table-result.ts';

export class Table {
  readonly #env: TableEnvironment;
  /** The parsed query. */
  readonly query: Query;
  /** The query's SQL text (what a view over this table is defined as). */
  readonly queryText: string;
  readonly #schema: RowType;
  #registeredAs: string | undefined;

  constructor(env: TableEnvironment, query: Query, queryText: string, schema: RowType) {
    this.#env = env;
    this.query = query;
    this.queryText = queryText;
    this.#schema = schema;
  }

  getResolvedSchema(): RowType {
    return this.#schema;
  }

  /** Runs the query; the rows stream through the result's collect() and print(). */
  execute(): Promise<TableResult> {
    return this.#env.executeSql(this.queryText);
  }

  /** `INSERT INTO <tablePath> <this query>`. */
  executeInsert(tablePath: string): Promise<TableResult> {
    return this.#env.executeSql(`INSERT INTO ${tablePath} ${this.queryText}`);
  }

  explain(...details: string[]): Promise<string> {
    return this.#env.explainSql(this.queryText, ...details);
  }

  /** The name of a temporary view over this table (registered on first use), as Flink's Table.toString(): `SELECT * FROM ${table}`. */
  toString(): string {
    this.#registeredAs ??= this.#env.registerUnnamed(this);
    return this.#registeredAs;
  }
}
