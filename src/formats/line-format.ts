// The contract between the file source and a line-based format: one line of a file in, one record out.

export interface LineFormat<T> {
  /** Empty lines carry no record for json and csv; for text an empty line is a record itself. */
  readonly skipEmptyLines: boolean;
  /**
   * Present when each file starts with a header line (csv with `header: true`). The source parses
   * the first non-empty line of a file with it and passes the result to `decode` for the other lines.
   */
  readonly parseHeader?: (line: string, source: string, lineNumber: number) => string[];
  /** Throws InputFormatError naming the source, the line and what is wrong. */
  decode(line: string, source: string, lineNumber: number, header?: readonly string[]): T;
}
