// Options of the csv format (Flink's `csv.*` keys) and their validation.
import { ConfigError } from '../../core/errors.ts';

export type CsvColumnType = 'string' | 'number' | 'boolean';

export interface CsvColumn {
  readonly name: string;
  readonly type: CsvColumnType;
}

export interface CsvDialectOptions {
  /** One character; default ','. */
  readonly fieldDelimiter?: string;
  /** One character; default '"'. A doubled quote inside a quoted field is one quote. */
  readonly quoteCharacter?: string;
}

export interface CsvOptions extends CsvDialectOptions {
  /** The first non-empty line of each file names the fields; records become objects. Default false. */
  readonly header?: boolean;
  /**
   * Names and types of the fields. Without a header they name the fields by position; with a
   * header they type the header's fields of the same name. Without columns every field is a string.
   */
  readonly columns?: readonly CsvColumn[];
}

/** A typed field: empty number and boolean fields are null (a missing value). */
export type CsvValue = string | number | boolean | null;
/** A decoded line: an array of strings without header and columns, else an object by field name. */
export type CsvRecord = string[] | Record<string, CsvValue>;

export interface CsvDialect {
  readonly delimiter: string;
  readonly quote: string;
}

const COLUMN_TYPES: readonly string[] = ['string', 'number', 'boolean'] satisfies CsvColumnType[];

export function csvDialect(options: CsvDialectOptions): CsvDialect {
  const delimiter = options.fieldDelimiter ?? ',';
  const quote = options.quoteCharacter ?? '"';
  if (delimiter.length !== 1 || delimiter === '\n' || delimiter === '\r') {
    throw new ConfigError('csv.field-delimiter', `csv.field-delimiter must be one character other than a line break, got ${JSON.stringify(delimiter)}`);
  }
  if (quote.length !== 1 || quote === delimiter) {
    throw new ConfigError('csv.quote-character', `csv.quote-character must be one character different from the field delimiter, got ${JSON.stringify(quote)}`);
  }
  return { delimiter, quote };
}

export function validateColumns(columns: readonly CsvColumn[]): void {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw new ConfigError('columns', `csv column '${c.name}' is declared twice`);
    if (!COLUMN_TYPES.includes(c.type)) {
      throw new ConfigError('columns', `csv column '${c.name}' has type '${String(c.type)}'; expected one of ${COLUMN_TYPES.join(', ')}`);
    }
    seen.add(c.name);
  }
}
