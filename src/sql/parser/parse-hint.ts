// Parses optimizer hints `/*+ NAME('k'='v'), NAME(a, b) *\/`: the tokenizer keeps a hint as one token,
// whose text is tokenized again here with positions inside the statement.
import type { Hint, Property } from '../ast/ast.ts';
import { TokenCursor } from './token-cursor.ts';
import { tokenize } from './tokenizer.ts';

/** Consumes the hint tokens at the cursor (none: an empty list). */
export function parseHints(c: TokenCursor): Hint[] {
  const hints: Hint[] = [];
  while (c.peek().type === 'hint') {
    const t = c.next();
    // The hint text starts 3 characters after the token (`/*+`), on the same line.
    const inner = new TokenCursor(t.value, tokenize(t.value, { line: t.line, column: t.column + 3 }));
    do hints.push(parseHint(inner)); while (inner.acceptOp(','));
    if (!inner.atEnd()) throw inner.error(`',' or '*/'`);
  }
  return hints;
}

function parseHint(c: TokenCursor): Hint {
  const pos = c.pos();
  const name = c.ident('a hint name').name.toUpperCase();
  const options: Property[] = [];
  const args: string[] = [];
  if (c.acceptOp('(')) {
    if (!c.isOp(')')) {
      do {
        const t = c.peek();
        if (t.type !== 'string' && t.type !== 'word' && t.type !== 'qident' && t.type !== 'number') throw c.error('a hint option');
        c.next();
        const text = t.type === 'word' ? t.text : t.value;
        if (c.acceptOp('=')) {
          const v = c.peek();
          if (v.type !== 'string' && v.type !== 'word' && v.type !== 'number') throw c.error('a hint option value');
          c.next();
          options.push({ key: text, value: v.type === 'word' ? v.text : v.value, pos: c.pos(t) });
        } else {
          args.push(text);
        }
      } while (c.acceptOp(','));
    }
    c.expectOp(')');
  }
  return { kind: 'Hint', pos, name, options, args };
}
