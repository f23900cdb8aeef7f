// The contract between the file sink and a row format: one record in, its text (ending in a newline) out.

export interface Encoder<T> {
  encode(value: T): string;
}
