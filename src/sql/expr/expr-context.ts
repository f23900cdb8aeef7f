// What compiled expressions need to know about the session they run in.

export interface ExprContext {
  /** The session's `table.local-time-zone`, e.g. 'UTC' or 'Europe/Berlin'. */
  readonly timeZone: string;
}
