// What translation of one statement's physical plan onto a StreamExecutionEnvironment carries:
// the environment, the session options, and a per-statement counter that names operators and
// gives them stable uids (the same SQL builds the same graph in every worker thread).
import type { Configuration } from '../../core/config.ts';
import type { StreamExecutionEnvironment } from '../../api/stream-execution-environment.ts';
import type { DataStream } from '../../api/data-stream.ts';
import type { Row } from '../../core/row.ts';
import type { ExprContext } from '../expr/expr-context.ts';
import { DEFAULT_PARALLELISM, STATE_TTL } from '../table/table-options.ts';

export class ExecContext {
  readonly env: StreamExecutionEnvironment;
  readonly config: Configuration;
  readonly exprCtx: ExprContext;
  readonly mode: 'STREAMING' | 'BATCH';
  /** Sources already added by the statements of one job, by their plan digest: the INSERTs of a statement set read a table once. */
  readonly sources: Map<string, DataStream<Row>>;
  readonly #prefix: string;
  #next = 0;

  constructor(env: StreamExecutionEnvironment, config: Configuration, exprCtx: ExprContext, mode: 'STREAMING' | 'BATCH', prefix: string, sources = new Map<string, DataStream<Row>>()) {
    this.env = env;
    this.config = config;
    this.exprCtx = exprCtx;
    this.mode = mode;
    this.#prefix = prefix;
    this.sources = sources;
  }

  /** A deterministic uid for the next operator of this statement: `<prefix>-<n>-<kind>`. */
  uid(kind: string): string {
    return `${this.#prefix}-${this.#next++}-${kind.toLowerCase()}`;
  }

  /** table.exec.resource.default-parallelism when set (> 0), else undefined (the environment's). */
  get parallelism(): number | undefined {
    const p = this.config.get(DEFAULT_PARALLELISM);
    return p > 0 ? p : undefined;
  }

  get stateTtlMs(): number | undefined {
    const ttl = this.config.get(STATE_TTL);
    return ttl > 0 ? ttl : undefined;
  }
}
