// Several INSERTs run as one job (Flink's StatementSet): sources read once, one job id.
import { TableError } from '../sql-errors.ts';
import type { Table } from './table.ts';
import type { TableEnvironment } from './table-environment.ts';
import type { TableResult } from './table-result.ts';

export class StatementSet {
  readonly #env: TableEnvironment;
  readonly #inserts: string[] = [];

  constructor(env: TableEnvironment) {
    this.#env = env;
  }

  /** Adds an `INSERT INTO ...` statement. */
  addInsertSql(statement: string): this {
    if (!/^\s*INSERT\s/i.test(statement.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*/, ''))) {
      throw new TableError(`Only INSERT statements can be added to a statement set, got: ${statement.trim().split('\n')[0]}`);
    }
    this.#inserts.push(statement.trim().replace(/;\s*$/, ''));
    return this;
  }

  /** Adds `INSERT INTO <tablePath> <table's query>`. */
  addInsert(tablePath: string, table: Table): this {
    this.#inserts.push(`INSERT INTO ${tablePath} ${table.queryText}`);
    return this;
  }

  #sql(): string {
    return `EXECUTE STATEMENT SET BEGIN\n${this.#inserts.map((s) => `${s};\n`).join('')}END`;
  }

  explain(...details: string[]): Promise<string> {
    return this.#env.explainSql(this.#sql(), ...details);
  }

  /** Submits one job for all INSERTs added so far, and empties the set. */
  async execute(): Promise<TableResult> {
    if (this.#inserts.length === 0) throw new TableError('No statement to execute: the statement set is empty');
    const sql = this.#sql();
    this.#inserts.length = 0;
    return this.#env.executeSql(sql);
  }
}
