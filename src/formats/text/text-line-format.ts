// Plain text: every line of a file is one string record, empty lines included (as Flink's TextLineInputFormat).
import type { LineFormat } from '../line-format.ts';

export class TextLineFormat implements LineFormat<string> {
  readonly skipEmptyLines = false;

  decode(line: string): string {
    return line;
  }
}
