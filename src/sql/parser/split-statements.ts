// Splits a script or client input into statements at top-level `;`, ignoring `;` inside strings,
// back-quoted names and comments, and keeping a statement set (`BEGIN STATEMENT SET; ... END;`,
// `EXECUTE STATEMENT SET BEGIN ...; END;`) together as one statement.
import { isSpace } from './tokenizer.ts';

export interface StatementPiece {
  /** The statement without its terminating `;` and without surrounding whitespace. */
  readonly text: string;
  /** 1-based line and column in the script where `text` starts. */
  readonly line: number;
  readonly column: number;
  /** False for a trailing piece that has no terminating `;` yet (or an unterminated string, comment or statement set). */
  readonly complete: boolean;
}

/**
 * `splitStatements("SET 'a' = 'b';\nSELECT 1;")` gives `[{text: "SET 'a' = 'b'", line: 1, ...},
 * {text: 'SELECT 1', line: 2, ...}]`. Pieces with only comments or whitespace are dropped.
 */
export function splitStatements(script: string): StatementPiece[] {
  const pieces: StatementPiece[] = [];
  let line = 1;
  let column = 1;
  let start = -1;
  let startLine = 1;
  let startColumn = 1;
  /** The first words of the current piece (to recognise a statement set) and its last word. */
  let words: string[] = [];
  let i = 0;
  const n = script.length;
  const advance = (to: number): void => {
    for (; i < to && i < n; i++) {
      if (script.charCodeAt(i) === 10) {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
  };
  const begin = (): void => {
    if (start < 0) {
      start = i;
      startLine = line;
      startColumn = column;
    }
  };
  const isStatementSet = (): boolean => {
    const head = words.slice(0, 3).join(' ');
    return head === 'BEGIN STATEMENT SET' || head === 'EXECUTE STATEMENT SET';
  };
  const finish = (end: number, complete: boolean): void => {
    if (start >= 0) pieces.push({ text: trimEnd(script.slice(start, end)), line: startLine, column: startColumn, complete });
    start = -1;
    words = [];
  };

  while (i < n) {
    const ch = script[i]!;
    if (ch === '-' && script[i + 1] === '-') {
      const nl = script.indexOf('\n', i);
      advance(nl < 0 ? n : nl);
      continue;
    }
    if (ch === '/' && script[i + 1] === '*') {
      const isHint = script[i + 2] === '+';
      if (isHint) begin();
      const close = script.indexOf('*/', i + 2);
      if (close < 0) {
        advance(n);
        break;
      }
      advance(close + 2);
      continue;
    }
    if (ch === "'" || ch === '`') {
      begin();
      let j = i + 1;
      for (;;) {
        const k = script.indexOf(ch, j);
        if (k < 0) {
          j = -1;
          break;
        }
        if (script[k + 1] === ch) {
          j = k + 2;
          continue;
        }
        j = k + 1;
        break;
      }
      if (j < 0) {
        advance(n);
        break;
      }
      advance(j);
      words.push('');
      continue;
    }
    if (ch === ';') {
      // Inside a statement set only the `;` after an END that stands alone (after `;` or BEGIN) closes the piece.
      const endsSet = words[words.length - 1] === 'END' && (words[words.length - 2] === ';' || words[words.length - 2] === 'BEGIN');
      if (start >= 0 && (!isStatementSet() || endsSet)) {
        finish(i, true);
      } else if (start >= 0) {
        words.push(';');
      }
      advance(i + 1);
      continue;
    }
    if (isSpace(ch)) {
      advance(i + 1);
      continue;
    }
    begin();
    if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$]/.test(script[j]!)) j++;
      words.push(script.slice(i, j).toUpperCase());
      advance(j);
      continue;
    }
    words.push(ch);
    advance(i + 1);
  }
  finish(n, false);
  return pieces;
}

function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1]!)) end--;
  return text.slice(0, end);
}
