// Runs a SQL script (weir sql -f / -i): each statement is echoed after the prompt, as Flink's
// client does with a file, and run; the first failing statement stops the script. An init script
// (quiet) prints only errors.
import { dirname, resolve } from 'node:path';
import { splitStatements } from '../parser/index.ts';
import { CONTINUATION_PROMPT, PROMPT } from './client-messages.ts';
import type { SqlClient } from './sql-client.ts';

/** Returns false when a statement failed (the rest of the script is skipped). */
export async function runScript(client: SqlClient, script: string, path: string, opts: { quiet: boolean; write: (text: string) => void }): Promise<boolean> {
  const baseDir = dirname(resolve(path));
  const echo = !opts.quiet;
  client.quiet = opts.quiet;
  try {
    for (const piece of splitStatements(script)) {
      if (echo) opts.write(`${PROMPT}${piece.text.split('\n').join(`\n${CONTINUATION_PROMPT}`)};\n`);
      const outcome = await client.run(piece, baseDir, false);
      if (echo) opts.write('\n');
      if (outcome === 'failed') return false;
      if (outcome === 'quit') break;
    }
    return true;
  } finally {
    client.quiet = false;
  }
}
