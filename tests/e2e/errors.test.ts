// Failure paths: a throwing user function (in process and through `weir run`, with and without --verbose),
// fixed-delay restarts and the exception history, malformed JSON input with and without ignoreParseErrors,
// an invalid configuration value, and checkpointing without a checkpoint directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StreamExecutionEnvironment, FileSource, JobExecutionError, ConfigError } from 'weir';
import { JOBS, tempDir, removeDir, weirRunToEnd } from './harness.ts';

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

test('a throwing user function fails the job with the operator, its subtask and the original error', async () => {
  const env = new StreamExecutionEnvironment({ 'parallelism.default': 1 });
  env.fromSequence(0, 99)
    .keyBy((i) => i % 4)
    .map((i) => {
      if (i === 42) throw new TypeError('record 42 is not welcome');
      return i;
    })
    .name('Picky map')
    .addSink(() => {});
  await assert.rejects(env.execute('picky'), (e: unknown) => {
    assert.ok(e instanceof JobExecutionError, `a JobExecutionError, got ${String(e)}`);
    assert.match(e.message, /Picky map \(subtask 0\)/);
    assert.match(e.message, /TypeError: record 42 is not welcome/);
    assert.match(e.message, /'picky'/, 'names the job');
    assert.match(e.failure?.stack ?? '', /record 42 is not welcome/, 'keeps the original stack');
    return true;
  });
});

test('weir run reports a failing operator and subtask without a stack trace (with one under --verbose), exit code 1', async () => {
  const job = join(JOBS, 'failing-job.ts');
  const plain = await weirRunToEnd(['-p', '2', job, '--fail-at', '7']);
  assert.equal(plain.code, 1);
  const m = /Validate \(subtask (\d)\) failed: RangeError: bad record 7 in instance (\d)/.exec(plain.stderr);
  assert.ok(m, `operator, subtask and original error in:\n${plain.stderr}`);
  assert.equal(m[1], m[2], 'the reported subtask is the instance that threw');
  assert.doesNotMatch(plain.stderr, STACK_LINE, 'no stack trace without --verbose');
  assert.match(plain.stderr, /--verbose/);

  const verbose = await weirRunToEnd(['-p', '1', '--verbose', job, '--fail-at', '7']);
  assert.equal(verbose.code, 1);
  assert.match(verbose.stderr, /Validate \(subtask 0\) failed: RangeError: bad record 7 in instance 0/);
  assert.match(verbose.stderr, STACK_LINE, 'a stack trace with --verbose');
});

test('fixed-delay restarts recover from a failure, restore state from the checkpoint, and record it in the exception history', async () => {
  const dir = tempDir('restart');
  try {
    const env = new StreamExecutionEnvironment({
      'parallelism.default': 1,
      'execution.checkpointing.interval': 20,
      'state.checkpoints.dir': dir,
      'restart-strategy.type': 'fixed-delay',
      'restart-strategy.fixed-delay.attempts': 3,
      'restart-strategy.fixed-delay.delay': '50 ms',
    });
    let failed = false;
    let firstAfterRestart: number | undefined;
    const largest = new Map<number, number>();
    env.fromSequence(0, 1999, { rowsPerSecond: 4000 }).uid('numbers')
      .map((i): [number, number] => {
        if (failed && firstAfterRestart === undefined) firstAfterRestart = i;
        if (i === 1500 && !failed) {
          failed = true;
          throw new Error('transient failure at 1500');
        }
        return [i % 3, i];
      })
      .name('Flaky map')
      .keyBy((t) => t[0])
      .sum(1)
      .uid('sums')
      // Rolling sums only grow, so the largest per key is its final sum, whatever was replayed.
      .addSink(([k, s]) => { largest.set(k, Math.max(largest.get(k) ?? 0, s)); });
    const before = Date.now();
    const client = await env.executeAsync('flaky');
    const result = await client.result;
    assert.equal(result.status, 'FINISHED');
    assert.equal(result.restarts, 1);
    const history = client.exceptionHistory();
    assert.equal(history.length, 1);
    assert.match(history[0]!.message, /Flaky map \(subtask 0\) failed: Error: transient failure at 1500/);
    assert.equal(history[0]!.restarted, true);
    assert.ok(history[0]!.timestamp >= before && history[0]!.timestamp <= Date.now(), 'when it failed');
    assert.match(history[0]!.stack ?? '', /transient failure at 1500/, 'with the stack');
    assert.ok(firstAfterRestart !== undefined && firstAfterRestart > 0 && firstAfterRestart <= 1500,
      `the source resumed from the checkpoint (at ${firstAfterRestart}), not from 0`);
    const expected = new Map<number, number>();
    for (let i = 0; i < 2000; i++) expected.set(i % 3, (expected.get(i % 3) ?? 0) + i);
    assert.deepEqual([...largest].sort(), [...expected].sort(), 'final sums per key, with the keyed state restored');
  } finally {
    removeDir(dir);
  }
});

test('when restarts are used up the job fails, and the exception history has every failure', async () => {
  const env = new StreamExecutionEnvironment({
    'parallelism.default': 1,
    'restart-strategy.type': 'fixed-delay',
    'restart-strategy.fixed-delay.attempts': 1,
    'restart-strategy.fixed-delay.delay': '10 ms',
  });
  env.fromSequence(0, 99).map((i) => {
    if (i === 10) throw new Error('always fails at 10');
    return i;
  }).name('Broken map').addSink(() => {});
  const client = await env.executeAsync('broken');
  await assert.rejects(client.result, /Broken map \(subtask 0\) failed: Error: always fails at 10/);
  const history = client.exceptionHistory();
  assert.deepEqual(history.map((h) => h.restarted), [true, false]);
  for (const h of history) assert.match(h.message, /always fails at 10/);
  assert.equal(client.getJobStatus(), 'FAILED');
});

test('malformed JSON fails the file source with file, line and reason; ignoreParseErrors skips the line', async () => {
  const dir = tempDir('json');
  try {
    const file = join(dir, 'events.json');
    writeFileSync(file, ['{"n": 1}', '{"n": 2}', '{"n": 3, oops}', '{"n": 4}', '', '{"n": 5}', 'not json', '{"n": 6}', ''].join('\n'));
    const read = (skip: boolean) => {
      const env = new StreamExecutionEnvironment({ 'parallelism.default': 1 });
      const source = FileSource.jsonLines<{ n: number }>(file);
      if (skip) source.ignoreParseErrors();
      return env.fromSource(source.build(), undefined, 'Events').map((e) => e.n).executeAndCollect();
    };
    await assert.rejects(read(false), (e: Error) => {
      assert.ok(e.message.includes(`${file}:3:`), `file and line in: ${e.message}`);
      assert.match(e.message, /invalid JSON/);
      return true;
    });
    assert.deepEqual((await read(true)).sort(), [1, 2, 4, 5, 6]);
  } finally {
    removeDir(dir);
  }
});

test('an invalid configuration value names the key and the allowed values', async () => {
  const exit = await weirRunToEnd(['-p', '1', '-D', 'execution.checkpointing.mode=SOMETIMES', join(JOBS, 'failing-job.ts')]);
  assert.equal(exit.code, 1);
  assert.match(exit.stderr, /'SOMETIMES'/);
  assert.match(exit.stderr, /execution\.checkpointing\.mode/);
  assert.match(exit.stderr, /EXACTLY_ONCE, AT_LEAST_ONCE/);
  assert.doesNotMatch(exit.stderr, /JobID/, 'no job was started');
  assert.throws(() => new StreamExecutionEnvironment({ 'execution.runtime-mode': 'SOMETIMES' }), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.key, 'execution.runtime-mode');
    assert.match(e.message, /STREAMING, BATCH, AUTOMATIC/);
    return true;
  });
});

test('checkpointing without state.checkpoints.dir fails clearly', async () => {
  const env = new StreamExecutionEnvironment({ 'parallelism.default': 1, 'execution.checkpointing.interval': '1 s' });
  env.fromSequence(0, Infinity, { rowsPerSecond: 10 }).addSink(() => {});
  await assert.rejects(env.executeAsync('no dir'), /checkpointing is enabled.*state\.checkpoints\.dir is not set/);

  const dir = tempDir('nodir');
  try {
    const exit = await weirRunToEnd(['-p', '1', '-D', 'execution.checkpointing.interval=1s', join(JOBS, 'keyed-count.ts'), '--output', join(dir, 'out')]);
    assert.equal(exit.code, 1);
    assert.match(exit.stderr, /state\.checkpoints\.dir is not set; set it to a directory/);
  } finally {
    removeDir(dir);
  }
});
