// Hands every record to a callback given at construction; the runtime routes them to
// executeAndCollect()'s iterator.
import type { StreamOperator } from '../stream-operator.ts';

export type CollectCallback<T> = (value: T, timestamp: number) => void;

export class CollectSinkOperator<T> implements StreamOperator<T, never> {
  readonly #onRecord: CollectCallback<T>;

  constructor(onRecord: CollectCallback<T>) {
    this.#onRecord = onRecord;
  }

  processElement(value: T, timestamp: number): void {
    this.#onRecord(value, timestamp);
  }
}
