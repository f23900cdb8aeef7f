// Rows handed from a running job's collect sink to one reader: an async iterator that yields rows
// as they arrive, ends when the job ends, throws when it fails, and cancels the job when the reader
// stops early (break / return()).
import type { Row } from '../../core/row.ts';

export class RowQueue implements AsyncIterable<Row> {
  #rows: Row[] = [];
  #head = 0;
  #done = false;
  #error: unknown;
  #wake: (() => void) | undefined;
  #iterated = false;
  readonly #onCancel: () => void;

  constructor(onCancel: () => void) {
    this.#onCancel = onCancel;
  }

  push(rows: readonly Row[]): void {
    if (this.#done) return;
    for (const r of rows) this.#rows.push(r);
    this.#notify();
  }

  end(): void {
    this.#done = true;
    this.#notify();
  }

  fail(error: unknown): void {
    if (this.#done) return;
    this.#error = error;
    this.#done = true;
    this.#notify();
  }

  #notify(): void {
    const w = this.#wake;
    this.#wake = undefined;
    w?.();
  }

  /** Rows received and not yet read (without waiting). */
  drain(): Row[] {
    const out = this.#rows.slice(this.#head);
    this.#rows = [];
    this.#head = 0;
    return out;
  }

  get finished(): boolean {
    return this.#done && this.#head >= this.#rows.length;
  }

  /** Resolves when a row arrives or the stream ends. */
  whenReady(): Promise<void> {
    if (this.#head < this.#rows.length || this.#done) return Promise.resolve();
    return new Promise((resolve) => (this.#wake = resolve));
  }

  [Symbol.asyncIterator](): AsyncIterator<Row> {
    if (this.#iterated) throw new Error('the result of a query can be iterated only once');
    this.#iterated = true;
    return {
      next: async (): Promise<IteratorResult<Row>> => {
        while (this.#head >= this.#rows.length) {
          if (this.#done) {
            if (this.#error !== undefined) throw this.#error;
            return { done: true, value: undefined };
          }
          await this.whenReady();
        }
        const row = this.#rows[this.#head++]!;
        if (this.#head > 4096 && this.#head * 2 > this.#rows.length) {
          this.#rows = this.#rows.slice(this.#head);
          this.#head = 0;
        }
        return { done: false, value: row };
      },
      return: async (): Promise<IteratorResult<Row>> => {
        if (!this.#done) {
          this.#done = true;
          this.#onCancel();
        }
        return { done: true, value: undefined };
      },
    };
  }
}
