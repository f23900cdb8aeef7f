// JSON lines: each non-empty line is one JSON document.
import { InputFormatError } from '../../core/errors.ts';
import type { LineFormat } from '../line-format.ts';

export class JsonLineFormat<T = unknown> implements LineFormat<T> {
  readonly skipEmptyLines = true;

  decode(line: string, source: string, lineNumber: number): T {
    try {
      return JSON.parse(line) as T;
    } catch (e) {
      throw new InputFormatError(source, lineNumber, `invalid JSON: ${(e as Error).message}`);
    }
  }
}
