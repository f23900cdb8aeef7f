import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ConfigError, InputFormatError } from '../../core/errors.ts';
import { FileSource } from './file-source.ts';
import { SourceTestRunner } from './source-test-runner.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'weir-file-source-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function write(path: string, content: string | Buffer): string {
  writeFileSync(path, content);
  return path;
}

/** The lines a reader must produce: split on \n, drop the empty rest after a final \n, strip one \r. */
function expectedLines(content: string): string[] {
  const lines = content.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

test('reads a directory recursively in lexicographic order, skipping hidden files', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'sub'));
  mkdirSync(join(dir, '.hidden'));
  write(join(dir, 'b.txt'), 'b1\nb2\n');
  write(join(dir, 'a.txt'), 'a1\n');
  write(join(dir, 'sub', 'c.txt'), 'c1');
  write(join(dir, '.a.txt.inprogress'), 'no\n');
  write(join(dir, '_SUCCESS'), 'no\n');
  write(join(dir, '.hidden', 'x.txt'), 'no\n');
  const runner = new SourceTestRunner(FileSource.textLines(dir).build());
  await runner.start();
  await runner.runToEnd();
  assert.deepEqual(runner.values(), ['a1', 'b1', 'b2', 'c1']);
  assert.deepEqual(runner.assignments.map(([, ids]) => ids), [[join(dir, 'a.txt')], [join(dir, 'b.txt')], [join(dir, 'sub', 'c.txt')]]);
  assert.deepEqual(runner.emitted.map((e) => e.splitId), [join(dir, 'a.txt'), join(dir, 'b.txt'), join(dir, 'b.txt'), join(dir, 'sub', 'c.txt')]);
  assert.deepEqual(runner.finishedSplits, [join(dir, 'a.txt'), join(dir, 'b.txt'), join(dir, 'sub', 'c.txt')], 'each file is reported finished once read');
  await runner.close();
});

test('two readers share the files; each file is read once, whole, by one reader', async (t) => {
  const dir = tempDir(t);
  for (const name of ['f1', 'f2', 'f3', 'f4', 'f5']) write(join(dir, name), `${name}-1\n${name}-2\n`);
  const runner = new SourceTestRunner(FileSource.textLines(dir).build(), 2);
  await runner.start();
  await runner.runToEnd();
  assert.deepEqual(runner.values().sort(), ['f1-1', 'f1-2', 'f2-1', 'f2-2', 'f3-1', 'f3-2', 'f4-1', 'f4-2', 'f5-1', 'f5-2']);
  // Files go out in lexicographic order, whichever reader asks.
  assert.deepEqual(runner.assignments.map(([, ids]) => ids[0]), ['f1', 'f2', 'f3', 'f4', 'f5'].map((n) => join(dir, n)));
  for (const e of runner.emitted) assert.equal(runner.assignments.find(([, ids]) => ids[0] === e.splitId)![0], e.subtask);
  await runner.close();
});

test('text lines: empty lines kept, CRLF stripped, last line without newline, lines longer than a chunk', async (t) => {
  const dir = tempDir(t);
  const long = 'x'.repeat(100) + 'é'.repeat(50);
  const file = write(join(dir, 'in.txt'), `one\r\n\ntwo\n${long}\r\nlast`);
  const runner = new SourceTestRunner(FileSource.textLines(file).withReadChunkSize(7).build());
  await runner.start();
  await runner.runToEnd();
  assert.deepEqual(runner.values(), ['one', '', 'two', long, 'last']);
  await runner.close();
});

test('an empty file and a file of only a newline', async (t) => {
  const dir = tempDir(t);
  write(join(dir, 'a'), '');
  write(join(dir, 'b'), '\n');
  const runner = new SourceTestRunner(FileSource.textLines(dir).build());
  await runner.start();
  await runner.runToEnd();
  assert.deepEqual(runner.values(), ['']);
  await runner.close();
});

test('any chunk size reads the same lines, with multi-byte characters split across chunks', async (t) => {
  const dir = tempDir(t);
  const line = fc.array(fc.constantFrom('a', 'é', '€', '𝄞', ' ', '\r'), { maxLength: 12 }).map((cs) => cs.join(''));
  const content = fc.tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([lines, eol, finalEol]) => lines.join(eol) + (finalEol && lines.length ? eol : ''));
  let n = 0;
  await fc.assert(fc.asyncProperty(content, fc.integer({ min: 1, max: 9 }), async (text, chunk) => {
    const file = write(join(dir, `p${n++}.txt`), text);
    const runner = new SourceTestRunner(FileSource.textLines(file).withReadChunkSize(chunk).build());
    await runner.start();
    await runner.runToEnd();
    assert.deepEqual(runner.values(), expectedLines(text));
    await runner.close();
  }), { numRuns: 150 });
});

test('restoring a snapshot taken anywhere resumes at the exact next line', async (t) => {
  const dir = tempDir(t);
  const line = fc.array(fc.constantFrom('a', 'b', 'é', '€', '𝄞'), { minLength: 0, maxLength: 10 }).map((cs) => cs.join(''));
  const files = fc.array(fc.array(line, { minLength: 0, maxLength: 12 }), { minLength: 1, maxLength: 3 });
  let n = 0;
  await fc.assert(fc.asyncProperty(
    files, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 40 }), fc.boolean(),
    async (contents, chunk, perPoll, cut, crlf) => {
      const root = join(dir, `case${n++}`);
      mkdirSync(root);
      const all: string[] = [];
      contents.forEach((lines, i) => {
        write(join(root, `f${i}.txt`), lines.map((l) => l + (crlf ? '\r\n' : '\n')).join(''));
        all.push(...lines);
      });
      const source = FileSource.textLines(root).withReadChunkSize(chunk).withMaxLinesPerPoll(perPoll).build();
      const first = new SourceTestRunner(source);
      await first.start();
      for (let i = 0; i < cut; i++) if ((await first.step(0)) === 'end-of-input') break;
      const snapshot = await first.snapshot(1);
      const before = first.values();
      await first.close();

      const second = new SourceTestRunner(source, 1, snapshot);
      await second.start();
      await second.runToEnd();
      assert.deepEqual([...before, ...second.values()], all);
      await second.close();
    },
  ), { numRuns: 120 });
});

test('split state is plain data with byte offset and line number', async (t) => {
  const dir = tempDir(t);
  const file = write(join(dir, 'in.txt'), 'é1\nline2\nline3\n');
  const runner = new SourceTestRunner(FileSource.textLines(file).withMaxLinesPerPoll(2).build());
  await runner.start();
  while (runner.values().length < 2) await runner.step(0);
  const snapshot = await runner.snapshot(1);
  assert.deepEqual(snapshot.readers, [[{ splitId: file, path: file, offset: 10, line: 3 }]]);
  assert.deepEqual(snapshot.enumerator, { seenPaths: [file], unassigned: [] });
  await runner.close();
});

test('a csv header survives a restore through the split state', async (t) => {
  const dir = tempDir(t);
  const file = write(join(dir, 'in.csv'), '\nid,qty\n1,5\n2,6\n\n3,x\n');
  const source = FileSource.csv(file, { header: true, columns: [{ name: 'qty', type: 'number' }] }).withMaxLinesPerPoll(3).build();
  const first = new SourceTestRunner(source);
  await first.start();
  while (first.values().length < 1) await first.step(0);
  const snapshot = await first.snapshot(1);
  assert.deepEqual(first.values(), [{ id: '1', qty: 5 }]);
  assert.deepEqual(snapshot.readers[0]![0]!.header, ['id', 'qty']);
  await first.close();

  const second = new SourceTestRunner(source, 1, snapshot);
  await second.start();
  await assert.rejects(second.runToEnd(), (e: unknown) => {
    assert.ok(e instanceof InputFormatError);
    assert.equal(e.message, `${file}:6: field 'qty' (column 2): 'x' is not a number`);
    return true;
  });
  assert.deepEqual(second.values(), [{ id: '2', qty: 6 }]);
  await second.close();
});

test('bad json lines fail the read with file and line, or are skipped and counted', async (t) => {
  const dir = tempDir(t);
  const file = write(join(dir, 'events.json'), '{"n":1}\n\n{"n":2,}\n{"n":3}\nnope\n');
  const strict = new SourceTestRunner(FileSource.jsonLines<{ n: number }>(file).build());
  await strict.start();
  await assert.rejects(strict.runToEnd(), (e: unknown) => {
    assert.ok(e instanceof InputFormatError);
    assert.equal(e.line, 3);
    assert.equal(e.message, `${file}:3: invalid JSON: Expected double-quoted property name in JSON at position 7 (line 1 column 8)`);
    return true;
  });
  await strict.close();

  const lenient = new SourceTestRunner(FileSource.jsonLines<{ n: number }>(file).ignoreParseErrors().build());
  await lenient.start();
  await lenient.runToEnd();
  assert.deepEqual(lenient.values(), [{ n: 1 }, { n: 3 }]);
  assert.equal(lenient.skipped.length, 2);
  assert.match(lenient.skipped[0]!, new RegExp(`^${file}:3: invalid JSON: `));
  assert.match(lenient.skipped[1]!, new RegExp(`^${file}:5: invalid JSON: `));
  await lenient.close();
});

test('continuous monitoring picks up new files and never ends', async (t) => {
  const dir = tempDir(t);
  write(join(dir, 'a.txt'), 'a1\n');
  const source = FileSource.textLines(dir).monitorContinuously(20).build();
  assert.equal(source.boundedness, 'continuous');
  const runner = new SourceTestRunner(source);
  await runner.start();
  await runner.runUntil(() => runner.values().length === 1);
  // Written under a hidden name and renamed, as writers should, so no half file is seen.
  write(join(dir, '.b.tmp'), 'b1\nb2\n');
  renameSync(join(dir, '.b.tmp'), join(dir, 'b.txt'));
  await runner.runUntil(() => runner.values().length === 3);
  assert.deepEqual(runner.values(), ['a1', 'b1', 'b2']);
  assert.equal(runner.readers[0]!.pollNext(() => ({ collect: () => assert.fail('no data expected') }), () => {}), 'nothing-available');
  const snapshot = await runner.snapshot(1);
  assert.deepEqual(snapshot.enumerator.seenPaths.sort(), [join(dir, 'a.txt'), join(dir, 'b.txt')]);
  await runner.close();
});

test('a restored enumerator assigns only what was left and does not re-read seen files', async (t) => {
  const dir = tempDir(t);
  for (const name of ['a', 'b', 'c']) write(join(dir, name), `${name}\n`);
  const source = FileSource.textLines(dir).build();
  const first = new SourceTestRunner(source);
  await first.start();
  while (first.values().length < 1) await first.step(0);
  const snapshot = await first.snapshot(1);
  assert.deepEqual(snapshot.enumerator.unassigned.map((s) => s.path), [join(dir, 'b'), join(dir, 'c')]);
  await first.close();

  const second = new SourceTestRunner(source, 1, snapshot);
  await second.start();
  await second.runToEnd();
  assert.deepEqual(second.values(), ['b', 'c']);
  await second.close();
});

test('splits added back go out again in path order', async (t) => {
  const dir = tempDir(t);
  for (const name of ['a', 'b']) write(join(dir, name), `${name}\n`);
  const runner = new SourceTestRunner(FileSource.textLines(dir).build());
  await runner.enumerator.start();
  runner.enumerator.handleSplitRequest(0);
  runner.enumerator.addSplitsBack([{ splitId: join(dir, 'a'), path: join(dir, 'a'), offset: 0, line: 1 }], 0);
  runner.enumerator.handleSplitRequest(0);
  runner.enumerator.handleSplitRequest(0);
  assert.deepEqual(runner.assignments.map(([, ids]) => ids[0]), [join(dir, 'a'), join(dir, 'a'), join(dir, 'b')]);
  await runner.close();
});

test('a missing path and bad options are configuration errors', async () => {
  const runner = new SourceTestRunner(FileSource.textLines('/nonexistent/weir-dir').build());
  await assert.rejects(runner.start(), (e: unknown) => e instanceof ConfigError && e.message === "file source path '/nonexistent/weir-dir' does not exist");
  assert.throws(() => FileSource.textLines(), ConfigError);
  assert.throws(() => FileSource.textLines('x').monitorContinuously(0), ConfigError);
});
