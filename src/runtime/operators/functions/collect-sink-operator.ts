// Hands every record to a callback given at construction: behind executeAndCollect() (the task
// routes the records to the job master) and addSink(fn).
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
