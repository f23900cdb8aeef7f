// One SQL client session: runs statements of a script or typed at the prompt and prints their
// outcome as Flink's SQL client does — "[INFO] Execute statement succeeded.", result tables,
// submitted INSERT jobs with their id, and "[ERROR] Could not execute SQL statement. Reason:".
import type { JobClient } from '../../api/job-client.ts';
import type { Statement } from '../ast/ast.ts';
import { parseStatement, type StatementPiece } from '../parser/index.ts';
import { CLIENT_VERBOSE, DML_SYNC, MAX_COLUMN_WIDTH, MAX_TABLE_ROWS, RESULT_MODE } from '../table/table-config.ts';
import { TableEnvironment } from '../table/table-environment.ts';
import type { TableResult } from '../table/table-result.ts';
import { formatTableau, rowCells, TableauStyle } from '../table/tableau.ts';
import { helpText, MESSAGES } from './client-messages.ts';
import { showResultView, type ViewTerminal } from './result-view.ts';

export interface SqlClientOptions {
  /** Session configuration (-D key=value, -p). */
  readonly config: Readonly<Record<string, string>>;
  readonly verbose: boolean;
  readonly write: (text: string) => void;
  /** A terminal for the live table/changelog views; without one, queries print in tableau form. */
  readonly terminal?: ViewTerminal;
}

export type PieceOutcome = 'ok' | 'failed' | 'quit';

const INSERTS = new Set<Statement['kind']>(['InsertStatement', 'StatementSet', 'CreateTableAs']);

export class SqlClient {
  readonly tEnv: TableEnvironment;
  readonly #opts: SqlClientOptions;
  /** INSERT jobs submitted without waiting (they run on after the statement). */
  readonly detachedJobs: JobClient[] = [];
  /** While an init script runs, only errors are printed. */
  quiet = false;
  /** Cancels the query being shown (Ctrl-C), if any. */
  #cancelRunning: (() => void) | undefined;

  constructor(opts: SqlClientOptions) {
    this.#opts = opts;
    this.tEnv = TableEnvironment.create({ config: opts.config });
  }

  #println(text = ''): void {
    this.#write(`${text}\n`);
  }

  #write(text: string): void {
    if (!this.quiet) this.#opts.write(text);
  }

  /** Ctrl-C: cancels the running query; returns false when none runs. */
  interrupt(): boolean {
    const cancel = this.#cancelRunning;
    if (!cancel) return false;
    this.#cancelRunning = undefined;
    cancel();
    return true;
  }

  /** Runs one statement of a script (positions in errors are the script's) and prints its outcome. */
  async run(piece: StatementPiece, baseDir: string, interactive: boolean): Promise<PieceOutcome> {
    try {
      const origin = { lineOffset: piece.line - 1, columnOffset: piece.column - 1, baseDir };
      const stmt = parseStatement(piece.text, origin);
      if (stmt.kind === 'QuitStatement') return 'quit';
      if (stmt.kind === 'HelpStatement') {
        this.#println(helpText());
        return 'ok';
      }
      const insert = INSERTS.has(stmt.kind);
      if (insert) this.#println(MESSAGES.submitting);
      const result = await this.tEnv.executeParsed(stmt, { sql: piece.text, ...origin });
      if (insert) this.#printSubmitted(result);
      else if (result.query) await this.#showQuery(result, interactive);
      else await this.#printResult(result);
      return 'ok';
    } catch (e) {
      this.printError(e);
      return 'failed';
    }
  }

  printError(e: unknown): void {
    const verbose = this.#opts.verbose || this.tEnv.getConfig().getOption(CLIENT_VERBOSE);
    const err = e instanceof Error ? e : new Error(String(e));
    this.#opts.write(`${MESSAGES.errorPrefix}\n${verbose && err.stack ? err.stack : `${err.name}: ${err.message}`}\n`);
  }

  #printSubmitted(result: TableResult): void {
    const job = result.getJobClient();
    if (!job) {
      this.#println(MESSAGES.succeeded);
      return;
    }
    if (this.tEnv.getConfig().getOption(DML_SYNC)) {
      this.#println(MESSAGES.completed);
      return;
    }
    this.#println(MESSAGES.submitted);
    this.#println(`Job ID: ${job.jobId}`);
    this.detachedJobs.push(job);
  }

  async #printResult(result: TableResult): Promise<void> {
    if (result.getResultKind() === 'SUCCESS') this.#println(MESSAGES.succeeded);
    else await this.#printRows(result);
  }

  async #printRows(result: TableResult): Promise<void> {
    const rows: string[][] = [];
    for await (const row of result.collect()) rows.push(rowCells(row, result.getResolvedSchema().types, result.zone, false));
    if (result.isRawText) this.#write(rows.map((r) => r[0]).join('\n'));
    else this.#write(formatTableau(result.getResolvedSchema().names, rows));
  }

  async #showQuery(result: TableResult, interactive: boolean): Promise<void> {
    const query = result.query!;
    const config = this.tEnv.getConfig();
    const mode = config.getOption(RESULT_MODE);
    const maxColumnWidth = config.getOption(MAX_COLUMN_WIDTH);
    if (interactive && this.#opts.terminal && mode !== 'TABLEAU') {
      this.#cancelRunning = () => void query.jobClient.cancel();
      try {
        await showResultView(query, mode, this.#opts.terminal, { maxRows: config.getOption(MAX_TABLE_ROWS), maxColumnWidth });
      } finally {
        this.#cancelRunning = undefined;
      }
      return;
    }
    let cancelled = false;
    this.#cancelRunning = () => {
      cancelled = true;
      void query.jobClient.cancel();
    };
    let n = 0;
    try {
      if (!query.streaming) {
        const rows: string[][] = [];
        for await (const row of query.queue) rows.push(rowCells(row, query.schema.types, query.zone, false));
        n = rows.length;
        if (!cancelled) this.#write(formatTableau(query.schema.names, rows, maxColumnWidth));
      } else {
        const style = TableauStyle.byType(query.schema, maxColumnWidth, true);
        this.#println(`${style.borderLine()}\n${style.header()}\n${style.borderLine()}`);
        for await (const row of query.queue) {
          this.#println(style.row(rowCells(row, query.schema.types, query.zone, true)));
          n++;
        }
        if (!cancelled) {
          if (n > 0) this.#println(style.borderLine());
          this.#println(`Received a total of ${n} ${n > 1 ? 'rows' : 'row'}`);
        }
      }
    } finally {
      this.#cancelRunning = undefined;
    }
    if (cancelled) this.#println(`Query terminated, received a total of ${n} ${n > 1 ? 'rows' : 'row'}`);
  }
}
