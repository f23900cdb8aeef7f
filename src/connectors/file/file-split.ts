// A file split: one whole file and the exact position of its next unread line (the reader's state).
import type { SourceSplit } from '../../runtime/source/source.ts';

export interface FileSplit extends SourceSplit {
  /** The file's absolute path, which is also its splitId. */
  readonly path: string;
  /** Byte offset of the next unread line. */
  readonly offset: number;
  /** 1-based number of the line that starts at `offset`. */
  readonly line: number;
  /** The file's parsed header line once it has been read (csv with header), so a restore need not re-read it. */
  readonly header?: readonly string[];
}

export function fileSplitAtStart(path: string): FileSplit {
  return { splitId: path, path, offset: 0, line: 1 };
}
