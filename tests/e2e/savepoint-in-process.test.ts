// Savepoints through the JobClient API in one process (parallelism 1): trigger while running, stop with a
// savepoint, restore from a savepoint directory, its _metadata file and a moved copy, uid mapping with and
// without allowing non-restored state, and the max-parallelism check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renameSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  StreamExecutionEnvironment, valueState, JobClient,
  type KeyedProcessFunction, type KeyedProcessContext, type Collector, type RuntimeContext, type ValueState,
} from 'weir';
import { tempDir, removeDir, until } from './harness.ts';
import type { CountRecord } from './keyed-count-check.ts';

const KEYS = 5;

class Count implements KeyedProcessFunction<number, number, CountRecord> {
  count!: ValueState<number>;
  open(ctx: RuntimeContext): void {
    this.count = ctx.getState(valueState<number>('count'));
  }
  processElement(i: number, ctx: KeyedProcessContext<number>, out: Collector<CountRecord>): void {
    const n = (this.count.value() ?? 0) + 1;
    this.count.update(n);
    out.collect({ i, key: ctx.getCurrentKey(), count: n });
  }
}

interface Run {
  readonly client: JobClient;
  readonly out: CountRecord[];
}

/** Starts the endless keyed count; `config` may restore it from a savepoint. */
async function startCount(config: Record<string, string | number | boolean>, counterUid: string | undefined): Promise<Run> {
  const env = new StreamExecutionEnvironment({ 'parallelism.default': 1, ...config });
  const out: CountRecord[] = [];
  const counted = env.fromSequence(0, Infinity, { rowsPerSecond: 4000 }).uid('numbers')
    .keyBy((i) => i % KEYS)
    .process(new Count())
    .name('Counter');
  if (counterUid !== undefined) counted.uid(counterUid);
  counted.addSink((r) => { out.push(r); }).uid('sink');
  return { client: await env.executeAsync('in-process keyed count'), out };
}

/** The records of a run restored from a savepoint: gap-free indexes from the first, counts continued. */
function assertContinues(out: readonly CountRecord[]): number {
  assert.ok(out.length > 0, 'the restored job produced records');
  const first = out[0]!.i;
  out.forEach((r, n) => {
    assert.equal(r.i, first + n, 'indexes continue without gaps');
    assert.equal(r.count, Math.floor(r.i / KEYS) + 1, `count of index ${r.i} continues the savepoint's count`);
  });
  return first;
}

async function runUntil(run: Run, records: number): Promise<void> {
  await until(`${records} records`, () => (run.out.length >= records ? true : undefined));
}

test('savepoints taken from a running job restore keyed state and source positions; uid and max-parallelism are checked', async () => {
  const dir = tempDir('sp-inproc');
  try {
    // A job that has never been restored counts from 1.
    const first = await startCount({}, 'counter');
    await runUntil(first, 400);
    const midPath = await first.client.triggerSavepoint(join(dir, 'savepoints'));
    assert.equal(first.client.getJobStatus(), 'RUNNING', 'a savepoint does not stop the job');
    await runUntil(first, first.out.length + 400);
    const stopPath = await first.client.stopWithSavepoint(join(dir, 'savepoints'));
    const result = await first.client.result;
    assert.equal(result.status, 'FINISHED');
    const lastOfFirst = first.out.at(-1)!.i;
    first.out.forEach((r, n) => assert.deepEqual(r, { i: n, key: n % KEYS, count: Math.floor(n / KEYS) + 1 }));
    assert.match(midPath, /_metadata$/);
    assert.notEqual(dirname(midPath), dirname(stopPath));

    // Restore the mid-run savepoint from its directory: the count continues where the savepoint was.
    const fromMid = await startCount({ 'execution.savepoint.path': dirname(midPath) }, 'counter');
    await runUntil(fromMid, 200);
    await fromMid.client.cancel();
    const midStart = assertContinues(fromMid.out);
    assert.ok(midStart > 0 && midStart <= lastOfFirst, `restored at index ${midStart}, inside the first run (0..${lastOfFirst})`);

    // Move the stop savepoint elsewhere, and restore from its _metadata file there.
    const moved = join(dir, 'elsewhere', 'renamed-savepoint');
    mkdirSync(dirname(moved), { recursive: true });
    renameSync(dirname(stopPath), moved);
    const fromMoved = await startCount({ 'execution.savepoint.path': join(moved, '_metadata') }, 'counter');
    await runUntil(fromMoved, 200);
    await fromMoved.client.cancel();
    const movedStart = assertContinues(fromMoved.out);
    assert.ok(movedStart > midStart && movedStart <= lastOfFirst + 1, `the stop savepoint resumes after the mid one (${midStart} < ${movedStart} <= ${lastOfFirst + 1})`);

    // The counter lost its uid: its state has no owner, so the restore fails and says how to proceed.
    await assert.rejects(startCount({ 'execution.savepoint.path': moved }, undefined), (e: Error) => {
      assert.match(e.message, /'counter'/, 'names the uid of the unclaimed state');
      assert.match(e.message, /Counter/, 'names the operator');
      assert.match(e.message, /--allowNonRestoredState/);
      return true;
    });

    // Allowing non-restored state, the job starts: the source resumes, the counter starts from scratch.
    const dropped = await startCount({ 'execution.savepoint.path': moved, 'execution.savepoint.ignore-unclaimed-state': true }, undefined);
    await runUntil(dropped, 200);
    await dropped.client.cancel();
    assert.equal(dropped.out[0]!.i, movedStart, 'the source state (uid numbers) was still restored');
    const fresh = new Map<number, number>();
    for (const r of dropped.out) {
      const expected = (fresh.get(r.key) ?? 0) + 1;
      fresh.set(r.key, expected);
      assert.equal(r.count, expected, `key ${r.key} counts from 1 again without its state`);
    }

    // Keyed state is sharded by key group: another max parallelism cannot take it.
    await assert.rejects(startCount({ 'execution.savepoint.path': moved, 'pipeline.max-parallelism': 64 }, 'counter'), (e: Error) => {
      assert.match(e.message, /max parallelism 128/);
      assert.match(e.message, /64/);
      assert.match(e.message, /pipeline\.max-parallelism/);
      return true;
    });
  } finally {
    removeDir(dir);
  }
});
