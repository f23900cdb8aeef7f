import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPrintValue, PrintSinkOperator, printPrefix } from './print-sink-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';

function recorder(): { writes: string[]; write(chunk: string): boolean } {
  const writes: string[] = [];
  return { writes, write(chunk) { writes.push(chunk); return true; } };
}

test("prefixes follow Flink's print(): identifier, then the 1-based subtask when parallel", () => {
  assert.equal(printPrefix('', 0, 1), '');
  assert.equal(printPrefix('', 2, 4), '3> ');
  assert.equal(printPrefix('alerts', 0, 1), 'alerts> ');
  assert.equal(printPrefix('alerts', 1, 4), 'alerts:2> ');
});

test('strings print as they are, other values on one line through util.inspect', () => {
  assert.equal(formatPrintValue('hello world'), 'hello world');
  assert.equal(formatPrintValue(42), '42');
  assert.equal(formatPrintValue(12n), '12n');
  assert.equal(formatPrintValue(null), 'null');
  assert.equal(formatPrintValue({ word: 'to', count: 2, nested: { deep: { deeper: [1, 2] } } }), "{ word: 'to', count: 2, nested: { deep: { deeper: [ 1, 2 ] } } }");
  assert.equal(formatPrintValue(['a', 1]), "[ 'a', 1 ]");
  assert.equal(formatPrintValue(new Map([['k', 1]])), "Map(1) { 'k' => 1 }");
  assert.equal(formatPrintValue({ text: 'two\nlines' }), "{ text: 'two\\nlines' }");
  assert.equal(formatPrintValue(Array.from({ length: 200 }, (_, i) => i)).split(', ').length, 200);
});

test('many records make one write, at end of input, with the subtask prefix', async () => {
  const target = recorder();
  const h = await OperatorTestHarness.open(new PrintSinkOperator<number>({ target }), { subtaskIndex: 1, parallelism: 2 });
  for (let i = 0; i < 1000; i++) h.processElement(i);
  assert.equal(target.writes.length, 0);
  h.endInput();
  assert.equal(target.writes.length, 1);
  const lines = target.writes[0]!.split('\n');
  assert.equal(lines.length, 1001);
  assert.deepEqual([lines[0], lines[999], lines[1000]], ['2> 0', '2> 999', '']);
  await h.close();
  assert.equal(target.writes.length, 1, 'nothing left to write');
});

test('a full buffer is written at once; watermarks flush and are forwarded', async () => {
  const target = recorder();
  const h = await OperatorTestHarness.open(new PrintSinkOperator<string>({ target, sinkIdentifier: 'out', bufferSize: 20 }));
  h.processElement('aaaaaaa'); // 'out> aaaaaaa\n' is 13 characters
  assert.equal(target.writes.length, 0);
  h.processElement('bbbbbbb');
  assert.deepEqual(target.writes, ['out> aaaaaaa\nout> bbbbbbb\n']);
  h.processElement('c');
  h.processWatermark(5);
  assert.deepEqual(target.writes, ['out> aaaaaaa\nout> bbbbbbb\n', 'out> c\n']);
  assert.deepEqual(h.watermarks, [5]);
});

test('buffered lines are written after lingerMs of processing time even without more input', async () => {
  const target = recorder();
  const h = await OperatorTestHarness.open(new PrintSinkOperator<string>({ target, lingerMs: 100 }), { processingTime: 1000 });
  h.processElement('first');
  h.setProcessingTime(1050);
  h.processElement('second');
  assert.deepEqual(target.writes, []);
  h.setProcessingTime(1100);
  assert.deepEqual(target.writes, ['first\nsecond\n']);
  h.processElement('third');
  h.snapshot(1);
  assert.deepEqual(target.writes, ['first\nsecond\n', 'third\n']);
  h.setProcessingTime(5000);
  assert.equal(target.writes.length, 2, 'the linger callback was cancelled by the checkpoint flush');
});
