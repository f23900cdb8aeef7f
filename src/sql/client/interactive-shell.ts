// The interactive SQL client: a prompt that collects lines until a statement ends with `;`
// (continuation prompt `> `), runs it, and keeps a history file across runs. Ctrl-C cancels the
// running query or clears the typed statement; QUIT, EXIT or end of input leave.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { splitStatements } from '../parser/index.ts';
import { CONTINUATION_PROMPT, MESSAGES, PROMPT, WELCOME } from './client-messages.ts';
import type { SqlClient } from './sql-client.ts';

const HISTORY_SIZE = 1000;

export interface ShellIO {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly terminal: boolean;
  readonly historyFile: string;
}

function loadHistory(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(-HISTORY_SIZE).reverse();
}

function saveHistory(file: string, statement: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${statement.replace(/\s*\n\s*/g, ' ')}\n`);
  } catch {
    // A read-only home directory only loses the history.
  }
}

/** Runs until QUIT/EXIT or the end of input. */
export async function runInteractive(client: SqlClient, io: ShellIO): Promise<void> {
  const write = (s: string) => void io.output.write(s);
  write(`${WELCOME}\nCommand history file path: ${io.historyFile}\n\n`);
  const rl = createInterface({ input: io.input, output: io.output, terminal: io.terminal, history: loadHistory(io.historyFile), historySize: HISTORY_SIZE, prompt: PROMPT });
  let buffer = '';
  rl.on('SIGINT', () => {
    if (client.interrupt()) return;
    buffer = '';
    write('\n');
    rl.setPrompt(PROMPT);
    rl.prompt();
  });
  rl.prompt();
  try {
    for await (const line of rl) {
      buffer = buffer ? `${buffer}\n${line}` : line;
      const pieces = splitStatements(buffer);
      const complete = pieces.filter((p) => p.complete);
      const rest = pieces.find((p) => !p.complete);
      buffer = rest ? rest.text : '';
      for (const piece of complete) {
        saveHistory(io.historyFile, `${piece.text};`);
        // On a terminal the prompt keeps reading while a statement runs, so that Ctrl-C reaches it.
        if (!io.terminal) rl.pause();
        const outcome = await client.run(piece, process.cwd(), true);
        if (!io.terminal) rl.resume();
        // Keys pressed in a result view (Q, Esc) also reached the prompt's line: drop them.
        if (io.terminal) rl.write(null, { ctrl: true, name: 'u' });
        if (outcome === 'quit') {
          write(`${MESSAGES.shutdown}\n`);
          return;
        }
        write('\n');
      }
      rl.setPrompt(buffer ? CONTINUATION_PROMPT : PROMPT);
      rl.prompt();
    }
    write(`\n${MESSAGES.shutdown}\n`);
  } finally {
    rl.close();
  }
}
