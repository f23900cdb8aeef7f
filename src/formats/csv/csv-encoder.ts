// Writes each record as one CSV line, quoting a field only when it holds the delimiter, the quote or a line break.
import type { Encoder } from '../encoder.ts';
import { csvDialect } from './csv-options.ts';
import type { CsvDialect, CsvDialectOptions } from './csv-options.ts';

export interface CsvEncoderOptions extends CsvDialectOptions {
  /** Field order for object records; without it an object's own property order is used. */
  readonly fields?: readonly string[];
}

export class CsvEncoder<T extends readonly unknown[] | Record<string, unknown>> implements Encoder<T> {
  private readonly dialect: CsvDialect;
  private readonly fields: readonly string[] | undefined;
  private readonly doubledQuote: string;

  constructor(options: CsvEncoderOptions = {}) {
    this.dialect = csvDialect(options);
    this.fields = options.fields;
    this.doubledQuote = this.dialect.quote + this.dialect.quote;
  }

  encode(value: T): string {
    const values: readonly unknown[] = Array.isArray(value)
      ? value
      : this.fields
        ? this.fields.map((f) => (value as Record<string, unknown>)[f])
        : Object.values(value);
    // A lone empty field would be an empty line, which readers skip: quote it so the record survives.
    if (values.length === 1 && (values[0] ?? '') === '') return this.dialect.quote + this.dialect.quote + '\n';
    return values.map((v) => this.field(v)).join(this.dialect.delimiter) + '\n';
  }

  private field(v: unknown): string {
    if (v === null || v === undefined) return '';
    const text = String(v);
    const { delimiter, quote } = this.dialect;
    if (!text.includes(delimiter) && !text.includes(quote) && !text.includes('\n') && !text.includes('\r')) return text;
    return quote + text.replaceAll(quote, this.doubledQuote) + quote;
  }
}
