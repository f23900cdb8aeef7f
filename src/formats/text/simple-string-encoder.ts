// Writes each record as String(value) on its own line (Flink's SimpleStringEncoder).
import type { Encoder } from '../encoder.ts';

export class SimpleStringEncoder<T = unknown> implements Encoder<T> {
  encode(value: T): string {
    return String(value) + '\n';
  }
}
