// Errors that users see: each names what was wrong and where, and how to fix it when we know.

export class WeirError extends Error {
  override name = 'WeirError';
}

/** A configuration value that is missing, unknown or outside its allowed values. */
export class ConfigError extends WeirError {
  override name = 'ConfigError';
  readonly key: string;
  constructor(key: string, message: string) {
    super(message);
    this.key = key;
  }
}

/** Bad input data: names the source (file), the position (line, offset) and the reason. */
export class InputFormatError extends WeirError {
  override name = 'InputFormatError';
  readonly source: string;
  readonly line: number;
  constructor(source: string, line: number, reason: string) {
    super(`${source}:${line}: ${reason}`);
    this.source = source;
    this.line = line;
  }
}

/** A savepoint or checkpoint that cannot be restored into this job. */
export class RestoreError extends WeirError {
  override name = 'RestoreError';
}

/** A user function failed; carries the operator and subtask it ran in. */
export class UserFunctionError extends WeirError {
  override name = 'UserFunctionError';
  readonly operator: string;
  readonly subtask: number;
  constructor(operator: string, subtask: number, cause: unknown) {
    const msg = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`${operator} (subtask ${subtask}) failed: ${msg}`, { cause });
    this.operator = operator;
    this.subtask = subtask;
  }
}
