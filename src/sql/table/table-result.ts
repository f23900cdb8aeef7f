// The result of TableEnvironment.executeSql (Flink's TableResult): a small table for DDL, SHOW and
// DESCRIBE; the rows of a query as they arrive (with their RowKind) and the job producing them; or
// the job of an INSERT. Unlike Flink's, print() and await() return promises.
import type { JobClient } from '../../api/job-client.ts';
import { insertRow, type Row } from '../../core/row.ts';
import { Types, type RowType } from '../../core/types/logical-type.ts';
import type { ChangelogMode } from '../connectors/table-connector.ts';
import type { RowQueue } from './row-queue.ts';
import { formatTableau, rowCells, rowsInSet, TableauStyle } from './tableau.ts';

/** SUCCESS: DDL and the like ("OK"); SUCCESS_WITH_CONTENT: rows (SHOW, DESCRIBE, queries, INSERT's job). */
export type ResultKind = 'SUCCESS' | 'SUCCESS_WITH_CONTENT';

export interface QueryResultInit {
  readonly schema: RowType;
  readonly queue: RowQueue;
  readonly jobClient: JobClient;
  readonly changelogMode: ChangelogMode;
  /** Column indexes identifying a result row (for the client's table view), when the planner knows them. */
  readonly uniqueKey?: readonly number[];
  readonly streaming: boolean;
  readonly zone: string;
}

const DEFAULT_MAX_COLUMN_WIDTH = 30;
const writeStdout = (text: string) => void process.stdout.write(text);

export class TableResult {
  readonly #kind: ResultKind;
  readonly #schema: RowType;
  readonly #rows: readonly Row[] | undefined;
  readonly #query: QueryResultInit | undefined;
  readonly #job: JobClient | undefined;
  readonly #raw: boolean;
  readonly #zone: string;

  private constructor(kind: ResultKind, schema: RowType, opts: { rows?: readonly Row[]; query?: QueryResultInit; job?: JobClient; raw?: boolean; zone?: string }) {
    this.#kind = kind;
    this.#schema = schema;
    this.#rows = opts.rows;
    this.#query = opts.query;
    this.#job = opts.job ?? opts.query?.jobClient;
    this.#raw = opts.raw ?? false;
    this.#zone = opts.zone ?? opts.query?.zone ?? 'UTC';
  }

  /** `OK` (Flink's TABLE_RESULT_OK). */
  static ok(): TableResult {
    return new TableResult('SUCCESS', { names: ['result'], types: [Types.STRING(false)] }, { rows: [insertRow(['OK'])] });
  }

  /** A small result computed at once (SHOW, DESCRIBE, SET); `raw`: one text value the client prints as is. */
  static ofRows(schema: RowType, rows: readonly unknown[][], opts: { raw?: boolean; zone?: string } = {}): TableResult {
    return new TableResult('SUCCESS_WITH_CONTENT', schema, { rows: rows.map((r) => insertRow(r)), raw: opts.raw, zone: opts.zone });
  }

  static ofQuery(init: QueryResultInit): TableResult {
    return new TableResult('SUCCESS_WITH_CONTENT', init.schema, { query: init });
  }

  /** INSERT: one BIGINT column per sink holding -1 (the affected row count is unknown, as in Flink). */
  static ofInsert(sinks: readonly string[], job: JobClient): TableResult {
    return new TableResult('SUCCESS_WITH_CONTENT', { names: sinks, types: sinks.map(() => Types.BIGINT(false)) }, { rows: [insertRow(sinks.map(() => -1))], job });
  }

  getResultKind(): ResultKind {
    return this.#kind;
  }

  getResolvedSchema(): RowType {
    return this.#schema;
  }

  /** The job of an INSERT or query; undefined for statements that run no job. */
  getJobClient(): JobClient | undefined {
    return this.#job;
  }

  /** @internal The query's rows, changelog mode and key, for the SQL client's result views. */
  get query(): QueryResultInit | undefined {
    return this.#query;
  }

  /** True for SHOW CREATE results, which the SQL client prints as plain text. */
  get isRawText(): boolean {
    return this.#raw;
  }

  /** The session time zone in which TIMESTAMP_LTZ values are shown. */
  get zone(): string {
    return this.#zone;
  }

  /** Waits until the job (if any) ends; rejects if it fails. */
  async await(): Promise<void> {
    await this.#job?.result;
  }

  /**
   * The rows with their RowKind: a query's rows stream as the job produces them; leaving the loop
   * early (break) cancels the job. Can be iterated once.
   */
  collect(): AsyncIterable<Row> {
    if (this.#query) return this.#query.queue;
    const rows = this.#rows ?? [];
    return (async function* () {
      yield* rows;
    })();
  }

  /**
   * Prints the result in Flink's tableau form to `write` (stdout by default). A streaming query
   * prints an `op` column and each row as it arrives; bounded results size columns to fit.
   */
  async print(write: (text: string) => void = writeStdout): Promise<void> {
    const q = this.#query;
    if (!q || !q.streaming) {
      const rows: string[][] = [];
      for await (const row of this.collect()) rows.push(rowCells(row, this.#schema.types, this.#zone, false));
      write(formatTableau(this.#schema.names, rows, q ? DEFAULT_MAX_COLUMN_WIDTH : undefined));
      return;
    }
    const style = TableauStyle.byType(this.#schema, DEFAULT_MAX_COLUMN_WIDTH, true);
    let n = 0;
    for await (const row of q.queue) {
      if (n++ === 0) write(`${style.borderLine()}\n${style.header()}\n${style.borderLine()}\n`);
      write(`${style.row(rowCells(row, this.#schema.types, this.#zone, true))}\n`);
    }
    write(n === 0 ? `${rowsInSet(0)}\n` : `${style.borderLine()}\n${rowsInSet(n)}\n`);
  }
}
