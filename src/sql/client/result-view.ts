// The SQL client's live result views on a terminal: `table` (the current rows of the result,
// updated in place as the changelog arrives) and `changelog` (the latest changes with their kind).
// The view takes the alternate screen, re-renders at most every 200 ms, and leaves on Q, Esc or
// Ctrl-C, cancelling the query.
import { emitKeypressEvents } from 'node:readline';
import type { Row } from '../../core/row.ts';
import type { QueryResultInit } from '../table/table-result.ts';
import { rowCells, TableauStyle } from '../table/tableau.ts';
import { MaterializedResult } from './materialized-result.ts';

export interface ViewTerminal {
  readonly input: NodeJS.ReadStream;
  readonly output: NodeJS.WriteStream;
}

const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l';
const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';
const HOME_CLEAR = '\x1b[H\x1b[2J';
const REFRESH_MS = 200;

/** Shows a query's result until it ends and the user leaves (Q/Esc/Ctrl-C). Returns the number of changes received. */
export async function showResultView(query: QueryResultInit, mode: 'TABLE' | 'CHANGELOG', term: ViewTerminal, opts: { maxRows: number; maxColumnWidth: number }): Promise<number> {
  const table = new MaterializedResult(opts.maxRows);
  const changelog: string[][] = [];
  const names = query.schema.names;
  let ended = false;
  let failure: string | undefined;
  let dirty = true;

  const render = () => {
    const height = Math.max(5, (term.output.rows ?? 24) - 7);
    const rows = mode === 'TABLE' ? table.rows() : changelog;
    const visible = rows.slice(Math.max(0, rows.length - height));
    const header = mode === 'TABLE' ? names : ['op', ...names];
    const style = TableauStyle.byContent(header, visible, opts.maxColumnWidth);
    const status = mode === 'TABLE'
      ? `Rows: ${table.size}  Changes: ${table.changes}`
      : `Changes: ${table.changes}`;
    const state = failure ? `Failed: ${failure}` : ended ? 'Finished' : 'Running';
    const lines = [
      `${mode === 'TABLE' ? 'Table' : 'Changelog'} result  |  ${status}  |  ${state}  |  Updated: ${new Date().toLocaleTimeString()}`,
      style.borderLine(), style.header(), style.borderLine(),
      ...visible.map((r) => style.row(r)),
      style.borderLine(),
      rows.length > visible.length ? `(showing the last ${visible.length} of ${rows.length} rows)` : '',
      'Q or Esc: quit (cancels the query)',
    ];
    term.output.write(HOME_CLEAR + lines.join('\n'));
    dirty = false;
  };

  const apply = (rowsIn: readonly Row[]) => {
    for (const row of rowsIn) {
      const cells = rowCells(row, query.schema.types, query.zone, false);
      table.apply(row.kind, cells);
      if (mode === 'CHANGELOG') {
        changelog.push([row.kind, ...cells]);
        if (changelog.length > opts.maxRows) changelog.splice(0, changelog.length - opts.maxRows);
      }
    }
    if (rowsIn.length) dirty = true;
  };

  term.output.write(ENTER_SCREEN);
  const wasRaw = term.input.isRaw;
  emitKeypressEvents(term.input);
  term.input.setRawMode?.(true);
  term.input.resume();
  let leave!: () => void;
  const left = new Promise<void>((resolve) => (leave = resolve));
  const onKey = (_: string, key: { name?: string; ctrl?: boolean } | undefined) => {
    if (!key) return;
    if (key.name === 'q' || key.name === 'escape' || (key.ctrl && key.name === 'c')) leave();
  };
  term.input.on('keypress', onKey);
  const onResize = () => (dirty = true);
  term.output.on('resize', onResize);
  const timer = setInterval(() => {
    apply(query.queue.drain());
    if (query.queue.finished && !ended) {
      ended = true;
      dirty = true;
    }
    if (dirty) render();
  }, REFRESH_MS);
  query.jobClient.result.catch((e: Error) => {
    failure = e.message.split('\n')[0];
    dirty = true;
  });
  render();
  try {
    await left;
  } finally {
    clearInterval(timer);
    term.input.off('keypress', onKey);
    term.output.off('resize', onResize);
    term.input.setRawMode?.(wasRaw);
    term.output.write(LEAVE_SCREEN);
    if (!ended) await query.jobClient.cancel().catch(() => undefined);
  }
  return table.changes;
}
