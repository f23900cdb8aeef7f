import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Committer, Sink, SinkWriter, SinkWriterContext } from '../../sink/sink.ts';
import { SinkWriterOperator } from './sink-writer-operator.ts';
import { OperatorTestHarness, type HarnessSnapshot } from './test-harness.ts';

/**
 * A transactional sink in miniature: records are buffered, a flush moves them into an open
 * transaction, prepareCommit closes it as a committable `txN:records`, commit makes it visible.
 */
class FakeSink implements Sink<string, string> {
  readonly log: string[] = [];
  /** Every commit call, in order. */
  readonly commits: string[][] = [];
  readonly withCommitter: boolean;
  readonly asyncFlush: boolean;

  constructor(options: { withCommitter?: boolean; asyncFlush?: boolean } = {}) {
    this.withCommitter = options.withCommitter ?? true;
    this.asyncFlush = options.asyncFlush ?? false;
  }

  createWriter(ctx: SinkWriterContext, restored: readonly unknown[]): SinkWriter<string, string> {
    this.log.push(`createWriter subtask=${ctx.subtaskIndex} restored=${JSON.stringify(restored)}`);
    const sink = this;
    let buffer: string[] = [];
    let txn: string[] = [];
    let nextTxn = (restored[0] as { nextTxn: number } | undefined)?.nextTxn ?? 1;
    const flush = (endOfInput: boolean): void => {
      sink.log.push(`flush ${endOfInput}`);
      txn.push(...buffer);
      buffer = [];
    };
    return {
      write(value) { buffer.push(value); },
      flush: (endOfInput) => (this.asyncFlush ? Promise.resolve().then(() => flush(endOfInput)) : flush(endOfInput)),
      prepareCommit() {
        if (txn.length === 0) return [];
        const committable = `tx${nextTxn++}:${txn.join(',')}`;
        txn = [];
        return [committable];
      },
      snapshotState: () => [{ nextTxn }],
      close() { sink.log.push('close'); },
    };
  }

  get createCommitter(): (() => Committer<string>) | undefined {
    if (!this.withCommitter) return undefined;
    return () => ({
      commit: async (committables) => {
        await new Promise((r) => setTimeout(r, 1));
        this.commits.push([...committables]);
      },
    });
  }
}

async function openSink(sink: FakeSink, restoreFrom?: HarnessSnapshot) {
  return OperatorTestHarness.open(new SinkWriterOperator(sink), { restoreFrom });
}

test('committables are committed only when their checkpoint completes, in checkpoint order', async () => {
  const sink = new FakeSink();
  const h = await openSink(sink);
  h.processElement('a');
  h.processElement('b');
  h.snapshot(1);
  h.processElement('c');
  h.snapshot(2);
  h.processElement('d');
  h.snapshot(3);
  assert.deepEqual(sink.commits, []);
  await h.notifyCheckpointComplete(2);
  assert.deepEqual(sink.commits, [['tx1:a,b'], ['tx2:c']]);
  await h.notifyCheckpointComplete(2);
  assert.equal(sink.commits.length, 2, 'a repeated notification commits nothing twice');
  await h.notifyCheckpointComplete(3);
  assert.deepEqual(sink.commits, [['tx1:a,b'], ['tx2:c'], ['tx3:d']]);
});

test('committables of an aborted checkpoint are committed with the next completed one', async () => {
  const sink = new FakeSink();
  const h = await openSink(sink);
  h.processElement('a');
  h.snapshot(1);
  h.notifyCheckpointAborted(1);
  h.processElement('b');
  h.snapshot(2);
  await h.notifyCheckpointComplete(2);
  assert.deepEqual(sink.commits, [['tx1:a'], ['tx2:b']]);
});

test('after a crash, committables in the restored checkpoint are committed again before processing', async () => {
  const sink = new FakeSink();
  const h = await openSink(sink);
  h.processElement('a');
  h.snapshot(1);
  await h.notifyCheckpointComplete(1);
  h.processElement('b');
  const snap = h.snapshot(2);
  h.processElement('lost');
  // Crash: checkpoint 2 completed, but the notification never reached the sink.

  const restoredSink = new FakeSink();
  const h2 = await openSink(restoredSink, snap);
  assert.deepEqual(restoredSink.log, ['createWriter subtask=0 restored=[{"nextTxn":3}]']);
  assert.deepEqual(restoredSink.commits, [['tx2:b']], 'checkpoint 1 was committed and left the state; 2 is re-committed');
  h2.processElement('c');
  h2.snapshot(3);
  await h2.notifyCheckpointComplete(3);
  assert.deepEqual(restoredSink.commits, [['tx2:b'], ['tx3:c']]);
});

test('without checkpoints, finish() commits what endInput prepared', async () => {
  const sink = new FakeSink();
  const h = await openSink(sink);
  h.processElement('a');
  h.processElement('b');
  h.endInput();
  assert.deepEqual(sink.commits, []);
  await h.finish();
  await h.close();
  assert.deepEqual(sink.commits, [['tx1:a,b']]);
  assert.deepEqual(sink.log.slice(1), ['flush true', 'close']);
});

test('with checkpoints, the final checkpoint after endInput carries its committables', async () => {
  const sink = new FakeSink();
  const h = await openSink(sink);
  h.processElement('a');
  h.snapshot(1);
  h.processElement('b');
  h.endInput();
  h.snapshot(2);
  await h.notifyCheckpointComplete(2);
  assert.deepEqual(sink.commits, [['tx1:a'], ['tx2:b']]);
  await h.finish();
  assert.equal(sink.commits.length, 2, 'nothing left for finish');
});

test('a sink without a committer ignores committables', async () => {
  const sink = new FakeSink({ withCommitter: false });
  const h = await openSink(sink);
  h.processElement('a');
  const snap = h.snapshot(1);
  await h.notifyCheckpointComplete(1);
  h.endInput();
  await h.finish();
  assert.deepEqual(snap.operator.find((e) => e.name === 'committables')?.entries, []);
  assert.deepEqual(sink.log.slice(1), ['flush false', 'flush true']);
});

test('a writer whose flush returns a Promise fails the checkpoint with a clear error', async () => {
  const sink = new FakeSink({ asyncFlush: true });
  const h = await openSink(sink);
  h.processElement('a');
  assert.throws(() => h.snapshot(1), /returned a Promise from flush\(\) at checkpoint 1, but a checkpoint's snapshot is synchronous/);
});

test('an asynchronous flush at end of input is awaited by finish()', async () => {
  const sink = new FakeSink({ asyncFlush: true });
  const h = await openSink(sink);
  h.processElement('a');
  h.endInput();
  await h.finish();
  assert.deepEqual(sink.commits, [['tx1:a']]);
});
