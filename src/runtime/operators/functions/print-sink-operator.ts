// Prints records like Flink's print(): one line per record, prefixed `id:n> ` (sink identifier and
// 1-based subtask; the subtask only when parallelism > 1). Strings print as they are; everything else
// through util.inspect on one line (unlike JSON it shows bigints, Maps, Dates and cycles, and honours
// [util.inspect.custom]). Lines are buffered and written in batches, not one write per record.
import { inspect } from 'node:util';
import type { OperatorContext, Output, StreamOperator } from '../stream-operator.ts';

/** Where lines go: process.stdout by default; anything with write(string). */
export interface PrintTarget {
  write(chunk: string): unknown;
}

export interface PrintSinkOptions {
  /** Printed before the subtask number, as in `print('alerts')` -> `alerts:2> ...`. */
  readonly sinkIdentifier?: string;
  readonly target?: PrintTarget;
  /** Write once this many characters are buffered (default 16 KiB). */
  readonly bufferSize?: number;
  /** Buffered lines are written at the latest this long after the first of them, so a slow stream still shows up (default 100 ms). */
  readonly lingerMs?: number;
}

/** One line, nothing elided: a print sink shows whole records. */
const INSPECT_OPTIONS = { depth: null, breakLength: Infinity, compact: true, maxArrayLength: Infinity, colors: false } as const;

export function formatPrintValue(value: unknown): string {
  return typeof value === 'string' ? value : inspect(value, INSPECT_OPTIONS);
}

export function printPrefix(sinkIdentifier: string, subtaskIndex: number, parallelism: number): string {
  let prefix = sinkIdentifier;
  if (parallelism > 1) prefix += (prefix ? ':' : '') + (subtaskIndex + 1);
  return prefix ? prefix + '> ' : '';
}

export class PrintSinkOperator<T> implements StreamOperator<T, never> {
  readonly #target: PrintTarget;
  readonly #sinkIdentifier: string;
  readonly #bufferSize: number;
  readonly #lingerMs: number;
  #ctx!: OperatorContext<never>;
  #output!: Output<never>;
  #prefix = '';
  #buffer = '';
  #cancelLinger: (() => void) | undefined;

  constructor(options: PrintSinkOptions = {}) {
    this.#target = options.target ?? process.stdout;
    this.#sinkIdentifier = options.sinkIdentifier ?? '';
    this.#bufferSize = options.bufferSize ?? 16 * 1024;
    this.#lingerMs = options.lingerMs ?? 100;
  }

  open(ctx: OperatorContext<never>): void {
    this.#ctx = ctx;
    this.#output = ctx.output;
    this.#prefix = printPrefix(this.#sinkIdentifier, ctx.runtime.subtaskIndex, ctx.runtime.parallelism);
  }

  processElement(value: T): void {
    const wasEmpty = this.#buffer.length === 0;
    this.#buffer += this.#prefix + formatPrintValue(value) + '\n';
    if (this.#buffer.length >= this.#bufferSize) this.#flush();
    else if (wasEmpty) this.#cancelLinger = this.#ctx.processingTime.schedule(this.#ctx.processingTime.now() + this.#lingerMs, () => this.#flush());
  }

  processWatermark(watermark: number): void {
    this.#flush();
    this.#output.emitWatermark(watermark);
  }

  snapshotState(): void {
    this.#flush();
  }

  endInput(): void {
    this.#flush();
  }

  finish(): void {
    this.#flush();
  }

  close(): void {
    this.#flush();
  }

  #flush(): void {
    this.#cancelLinger?.();
    this.#cancelLinger = undefined;
    if (this.#buffer.length === 0) return;
    const chunk = this.#buffer;
    this.#buffer = '';
    this.#target.write(chunk);
  }
}
