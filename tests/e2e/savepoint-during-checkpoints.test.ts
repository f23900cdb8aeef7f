// Savepoints of a job that also takes periodic checkpoints: each savepoint must complete promptly, however
// its trigger interleaves with the periodic ones, and stop-with-savepoint must end the job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { StreamExecutionEnvironment } from 'weir';
import { tempDir, removeDir, until } from './harness.ts';

/** Rejects if `p` has not settled after `ms`. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not complete within ${ms} ms`)), ms); });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

test('savepoints complete while periodic checkpoints run', async () => {
  const dir = tempDir('sp-chk');
  const env = new StreamExecutionEnvironment({
    'parallelism.default': 1,
    'execution.checkpointing.interval': 1,
    'state.checkpoints.dir': join(dir, 'checkpoints'),
  });
  const sums = new Map<number, number>();
  env.fromSequence(0, Infinity, { rowsPerSecond: 5000 }).uid('numbers')
    .keyBy((i) => i % 3)
    .sum()
    .uid('sum')
    .addSink((v) => { sums.set(v % 3, v); });
  const client = await env.executeAsync('savepoints during checkpoints');
  try {
    await until('a first checkpoint', () => (client.completedCheckpoints().length > 0 ? true : undefined));
    const paths = new Set<string>();
    for (let n = 0; n < 300; n++) {
      paths.add(await within(client.triggerSavepoint(join(dir, 'savepoints')), 3000, `savepoint ${n + 1}`));
    }
    assert.equal(paths.size, 300, 'every savepoint has its own directory');
    await within(client.stopWithSavepoint(join(dir, 'savepoints')), 5000, 'stop-with-savepoint');
    assert.equal((await client.result).status, 'FINISHED');
    assert.ok(client.completedCheckpoints().filter((c) => c.kind === 'checkpoint').length > 0, 'periodic checkpoints went on');
  } finally {
    await client.cancel();
    removeDir(dir);
  }
});
