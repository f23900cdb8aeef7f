// Errors of the SQL layer, each naming where in the statement the problem is (1-based line and
// column), worded as Flink words them so that users recognise them.
import { WeirError } from '../core/errors.ts';
import type { Pos } from './ast/ast.ts';

/** `SQL parse error at line 3, column 14: expected ')' but found 'FROM'`. */
export class SqlParseError extends WeirError {
  override name = 'SqlParseError';
  readonly pos: Pos;
  constructor(pos: Pos, reason: string) {
    super(`SQL parse error at line ${pos.line}, column ${pos.column}: ${reason}`);
    this.pos = pos;
  }
}

/** Name resolution and type errors: `SQL validation failed. At line 1, column 8: Column 'x' not found in any table`. */
export class SqlValidationError extends WeirError {
  override name = 'SqlValidationError';
  readonly pos: Pos | undefined;
  constructor(reason: string, pos?: Pos) {
    super(pos ? `SQL validation failed. At line ${pos.line}, column ${pos.column}: ${reason}` : `SQL validation failed. ${reason}`);
    this.pos = pos;
  }
}

/** A statement that is valid SQL but cannot be planned or executed (Flink's TableException), e.g. an updating query into an insert-only sink. */
export class TableError extends WeirError {
  override name = 'TableError';
}
