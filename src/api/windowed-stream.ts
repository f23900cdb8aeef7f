// WindowedStream: keyBy(...).window(assigner) with an optional trigger, evictor, allowed lateness
// and late-data side output, finished by reduce, aggregate or process.
import type { AggregateFunction } from '../state/state-descriptor.ts';
import type { OutputTag } from '../runtime/operators/stream-operator.ts';
import { WindowOperator, type WindowAssigner, type Window, type Trigger, type Evictor, type ProcessWindowFunction, type WindowOperatorBaseOptions, type WindowFunctionOptions } from '../runtime/operators/windowing/index.ts';
import type { DataStream, KeyedStream } from './data-stream.ts';

export class WindowedStream<T, K, W extends Window> {
  readonly #input: KeyedStream<T, K>;
  readonly #options: { -readonly [P in keyof WindowOperatorBaseOptions<T, W>]: WindowOperatorBaseOptions<T, W>[P] };

  constructor(input: KeyedStream<T, K>, assigner: WindowAssigner<T, W>) {
    this.#input = input;
    this.#options = { assigner };
  }

  trigger(trigger: Trigger<T, W>): this {
    this.#options.trigger = trigger;
    return this;
  }

  evictor(evictor: Evictor<T, W>): this {
    this.#options.evictor = evictor;
    return this;
  }

  /** Event-time windows keep their state this long after the watermark passed their end; late records update them. */
  allowedLateness(ms: number): this {
    if (!(ms >= 0)) throw new RangeError(`allowed lateness must be >= 0 ms, got ${ms}`);
    this.#options.allowedLatenessMs = ms;
    return this;
  }

  /** Records too late for every window go to this side output instead of being dropped. */
  sideOutputLateData(tag: OutputTag<T>): this {
    this.#options.lateDataTag = tag;
    return this;
  }

  /** Incremental reduce; with `process`, the reduced value goes through it with the window's metadata. */
  reduce(fn: (a: T, b: T) => T): DataStream<T>;
  reduce<R>(fn: (a: T, b: T) => T, process: ProcessWindowFunction<T, R, K, W>): DataStream<R>;
  reduce<R>(fn: (a: T, b: T) => T, process?: ProcessWindowFunction<T, R, K, W>): DataStream<R | T> {
    return this.#build<R | T>('reduce', { reduce: fn, process: process as ProcessWindowFunction<T, R | T, K, W> | undefined });
  }

  /** Incremental aggregation; with `process`, the result goes through it with the window's metadata. */
  aggregate<ACC, R>(fn: AggregateFunction<T, ACC, R>): DataStream<R>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, process: ProcessWindowFunction<V, R, K, W>): DataStream<R>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, process?: ProcessWindowFunction<V, R, K, W>): DataStream<R | V> {
    return this.#build<R | V>('aggregate', { aggregate: fn as AggregateFunction<T, unknown, V>, process: process as ProcessWindowFunction<V, R | V, K, W> | undefined });
  }

  /** Sees all records of a window when it fires (kept in state until then). */
  process<R>(fn: ProcessWindowFunction<T, R, K, W>): DataStream<R> {
    return this.#build<R>('process', { process: fn });
  }

  #build<R>(kind: string, fn: WindowFunctionOptions<T, any, R, K, W>): DataStream<R> {
    const options = { ...this.#options, ...fn };
    const name = `Window(${this.#options.assigner.toString()}, ${kind})`;
    return this.#input.transform<R>(name, `window-${kind}`, () => new WindowOperator<T, any, R, K, W>(options as never), { keySelectors: [this.#input.keySelector] });
  }
}
