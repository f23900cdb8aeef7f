// Writes each record as one line of JSON (JSON lines).
import type { Encoder } from '../encoder.ts';

export class JsonEncoder<T = unknown> implements Encoder<T> {
  encode(value: T): string {
    const text = JSON.stringify(value);
    // JSON.stringify gives undefined for undefined and functions: a line must hold a document.
    if (text === undefined) throw new TypeError(`JsonEncoder: ${String(value)} has no JSON representation`);
    return text + '\n';
  }
}
