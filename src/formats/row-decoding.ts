// What every row decoder does around its own parsing: message bytes to text, and turning a failure
// into an InputFormatError that names the source, position and reason, or skipping the message
// under `<format>.ignore-parse-errors`.
import { InputFormatError } from '../core/errors.ts';
import type { Row } from '../core/row.ts';
import type { MessagePosition, RowDecoder, RowDecoderContext } from './row-format.ts';
import { ValueFormatError } from './row-values.ts';

const utf8 = new TextDecoder();

/** The message as text; null for a tombstone (null or empty message). */
export function messageText(message: string | Uint8Array | null): string | null {
  if (message === null) return null;
  const text = typeof message === 'string' ? message : utf8.decode(message);
  return text.trim() === '' ? null : text;
}

/** The error for a message that cannot be decoded: `<source>:<line>: <reason>` (`<source> @ offset:<n>` without a line). */
export function decodeError(ctx: RowDecoderContext, where: MessagePosition | undefined, reason: string, cause?: unknown): InputFormatError {
  const source = where?.source ?? ctx.source;
  const error = where?.line !== undefined || where?.offset === undefined
    ? new InputFormatError(source, where?.line ?? 0, reason)
    : new InputFormatError(`${source} @ offset`, where.offset, reason);
  if (cause !== undefined) error.cause = cause;
  return error;
}

/** Shortens a message for an error text. */
export function excerpt(text: string, max = 200): string {
  return text.length <= max ? text : text.slice(0, max) + '...';
}

/**
 * A decoder from a function that decodes one message's text (never a tombstone) and throws
 * SyntaxError or ValueFormatError on bad input: those become InputFormatErrors naming the format
 * and the message, or, with ignoreParseErrors, skipped messages reported to ctx.onSkip. Rows are
 * emitted only after the whole message decoded, so a skipped message emits nothing.
 */
export function guardedDecoder(
  ctx: RowDecoderContext,
  formatName: string,
  ignoreParseErrors: boolean,
  decodeText: (text: string, out: (row: Row) => void) => void,
): RowDecoder {
  const pending: Row[] = [];
  const collect = (row: Row): void => { pending.push(row); };
  return {
    decode(message, out, where) {
      const text = messageText(message);
      if (text === null) return;
      pending.length = 0;
      try {
        decodeText(text, collect);
      } catch (e) {
        if (!(e instanceof SyntaxError || e instanceof ValueFormatError)) throw e;
        const reason = `Failed to deserialize ${formatName} '${excerpt(text)}': ${e.message}`;
        if (!ignoreParseErrors) throw decodeError(ctx, where, reason, e);
        ctx.onSkip?.(decodeError(ctx, where, reason).message);
        return;
      }
      for (let i = 0; i < pending.length; i++) out(pending[i]!);
    },
  };
}
