import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from '../../core/types/logical-type.ts';
import type { JobClient } from '../../api/job-client.ts';
import { RowQueue } from '../table/row-queue.ts';
import { showResultView, type ViewTerminal } from './result-view.ts';

function fakeTerminal(): { term: ViewTerminal; screen: () => string; press: (key: string) => void } {
  const input = Object.assign(new PassThrough(), { isRaw: false, setRawMode(this: { isRaw: boolean }, raw: boolean) { this.isRaw = raw; return this; } });
  let written = '';
  const output = Object.assign(new Writable({ write(chunk, _enc, cb) { written += chunk; cb(); } }), { rows: 24, columns: 80 });
  return {
    term: { input: input as unknown as NodeJS.ReadStream, output: output as unknown as NodeJS.WriteStream },
    // The last frame: what follows the last clear-screen.
    screen: () => written.slice(written.lastIndexOf('\x1b[2J') + 4),
    press: (key) => input.write(key),
  };
}

function fakeQuery(mode: 'TABLE' | 'CHANGELOG') {
  let cancelled = false;
  let finish!: () => void;
  const result = new Promise<void>((r) => (finish = r));
  const queue = new RowQueue(() => undefined);
  const jobClient = { result, cancel: async () => { cancelled = true; finish(); } } as unknown as JobClient;
  const init = { schema: { names: ['name', 'cnt'], types: [Types.STRING(), Types.BIGINT()] }, queue, jobClient, changelogMode: { kinds: ['+I' as const] }, streaming: true, zone: 'UTC' };
  return { init, queue, mode, cancelled: () => cancelled };
}

// A failed assertion must not leave the view (and its refresh timer) running: each test leaves it in `finally`.
test('table mode shows the current rows of the changelog, refreshed in place; Q leaves and cancels the query', { timeout: 10_000 }, async () => {
  const { term, screen, press } = fakeTerminal();
  const q = fakeQuery('TABLE');
  const shown = showResultView(q.init, 'TABLE', term, { maxRows: 100, maxColumnWidth: 30 });
  try {
    q.queue.push([{ kind: '+I', fields: ['Bob', 1] }, { kind: '+I', fields: ['Alice', 1] }, { kind: '-U', fields: ['Bob', 1] }, { kind: '+U', fields: ['Bob', 2] }]);
    await sleep(450);
    const frame = screen();
    assert.match(frame, /^Table result {2}\| {2}Rows: 2 {2}Changes: 4 {2}\| {2}Running/);
    assert.match(frame, /\+-------\+-----\+\n\| {2}name \| cnt \|\n\+-------\+-----\+\n\| Alice \| {3}1 \|\n\| {3}Bob \| {3}2 \|\n\+-------\+-----\+/);
  } finally {
    press('q');
  }
  assert.equal(await shown, 4);
  assert.equal(q.cancelled(), true);
});

test('changelog mode lists the changes with their kind', { timeout: 10_000 }, async () => {
  const { term, screen, press } = fakeTerminal();
  const q = fakeQuery('CHANGELOG');
  const shown = showResultView(q.init, 'CHANGELOG', term, { maxRows: 100, maxColumnWidth: 30 });
  try {
    q.queue.push([{ kind: '+I', fields: ['Bob', 1] }, { kind: '-U', fields: ['Bob', 1] }, { kind: '+U', fields: ['Bob', 2] }]);
    await sleep(450);
    assert.match(screen(), /\| op \| name \| cnt \|\n\+----\+------\+-----\+\n\| \+I \|  Bob \|   1 \|\n\| -U \|  Bob \|   1 \|\n\| \+U \|  Bob \|   2 \|/);
    press('\x1b');
    await sleep(100); // a lone Esc is recognised after a short delay
  } finally {
    press('q');
  }
  await shown;
  assert.equal(q.cancelled(), true);
});
