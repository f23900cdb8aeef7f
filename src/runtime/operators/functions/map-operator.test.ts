import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ListState, ValueState } from '../../../state/keyed-state.ts';
import { aggregatingState, listState, mapState, reducingState, valueState } from '../../../state/state-descriptor.ts';
import { MapOperator } from './map-operator.ts';
import { OperatorTestHarness } from './test-harness.ts';
import type {
  CheckpointedFunction, CheckpointListener, FunctionInitializationContext, FunctionSnapshotContext, RichMapFunction, RuntimeContext,
} from './user-functions.ts';

test('a plain function maps each record and keeps its timestamp', async () => {
  const h = await OperatorTestHarness.open(new MapOperator((n: number) => n * 10));
  h.processElement(1, 100);
  h.processElement(2, 200);
  h.processWatermark(150);
  assert.deepEqual(h.output, [
    { kind: 'record', value: 10, timestamp: 100 },
    { kind: 'record', value: 20, timestamp: 200 },
    { kind: 'watermark', timestamp: 150 },
  ]);
});

class CountPerKey implements RichMapFunction<string, string> {
  count!: ValueState<number>;
  open(ctx: RuntimeContext): void {
    this.count = ctx.getState(valueState<number>('count'));
  }
  map(word: string): string {
    const n = (this.count.value() ?? 0) + 1;
    this.count.update(n);
    return `${word}:${n}`;
  }
}

test('an object map function is called as a method and reads keyed state of the current key', async () => {
  const h = await OperatorTestHarness.open(new MapOperator(new CountPerKey()), { keySelectors: [(w: string) => w] });
  for (const w of ['a', 'b', 'a', 'a', 'b']) h.processElement(w);
  assert.deepEqual(h.values(), ['a:1', 'b:1', 'a:2', 'a:3', 'b:2']);
});

test('the runtime context hands out every kind of keyed state by descriptor', async () => {
  const fn: RichMapFunction<[string, number], string> & { describe?: (n: number) => string } = {
    open(ctx) {
      const list = ctx.getListState(listState<number>('list'));
      const map = ctx.getMapState(mapState<string, number>('map'));
      const sum = ctx.getReducingState(reducingState<number>('sum', (a, b) => a + b));
      const avg = ctx.getAggregatingState(aggregatingState<number, [number, number], number>('avg', {
        createAccumulator: () => [0, 0],
        add: (v, [s, c]) => [s + v, c + 1],
        getResult: ([s, c]) => s / c,
        merge: ([s1, c1], [s2, c2]) => [s1 + s2, c1 + c2],
      }));
      this.describe = (n) => {
        list.add(n);
        map.put(`k${n}`, n);
        sum.add(n);
        avg.add(n);
        return `${list.get().join('+')}=${sum.get()} avg ${avg.get()} keys ${[...map.keys()].join(',')}`;
      };
    },
    map([, n]) { return this.describe!(n); },
  };
  const h = await OperatorTestHarness.open(new MapOperator(fn), { keySelectors: [(v: [string, number]) => v[0]] });
  h.processElement(['a', 1]);
  h.processElement(['b', 10]);
  h.processElement(['a', 2]);
  assert.deepEqual(h.values(), ['1=1 avg 1 keys k1', '10=10 avg 10 keys k10', '1+2=3 avg 1.5 keys k1,k2']);
});

test("keyed state on a non-keyed stream fails with Flink's message", async () => {
  await assert.rejects(
    OperatorTestHarness.open(new MapOperator(new CountPerKey())),
    { message: "Keyed state can only be used on a 'keyed stream', i.e., after a 'keyBy()' operation." },
  );
});

test('the runtime context tells the subtask and adds to accumulators', async () => {
  const fn: RichMapFunction<number, string> = {
    map(n) { return `${n}`; },
    open(ctx) {
      ctx.accumulate('opened', 1);
      ctx.accumulate('opened', 2);
      assert.deepEqual(
        [ctx.getIndexOfThisSubtask(), ctx.getNumberOfParallelSubtasks(), ctx.getMaxNumberOfParallelSubtasks(), ctx.getTaskName(), ctx.getAttemptNumber()],
        [2, 4, 64, 'Map', 1],
      );
    },
  };
  const h = await OperatorTestHarness.open(new MapOperator(fn), { subtaskIndex: 2, parallelism: 4, maxParallelism: 64, operatorName: 'Map', attemptNumber: 1 });
  assert.equal(h.accumulators.get('opened'), 3);
});

/** Flink's buffering pattern: operator list state written at snapshot, read back in initializeState. */
class Numbering implements RichMapFunction<string, string>, CheckpointedFunction, CheckpointListener {
  readonly log: string[] = [];
  seen: string[] = [];
  state!: ListState<string>;
  initializeState(ctx: FunctionInitializationContext): void {
    this.log.push(`init restored=${ctx.isRestored()} keyed=${ctx.keyedStateStore !== undefined}`);
    this.state = ctx.operatorStateStore.getListState('seen');
    this.seen = this.state.get();
  }
  open(): void { this.log.push('open'); }
  map(v: string): string {
    this.seen.push(v);
    return `${this.seen.length}:${v}`;
  }
  snapshotState(ctx: FunctionSnapshotContext): void {
    this.log.push(`snapshot ${ctx.checkpointId}`);
    this.state.update(this.seen);
  }
  notifyCheckpointComplete(id: number): void { this.log.push(`complete ${id}`); }
  notifyCheckpointAborted(id: number): void { this.log.push(`aborted ${id}`); }
  close(): void { this.log.push('close'); }
}

test('lifecycle hooks run in Flink order and operator state is restored into a fresh instance', async () => {
  const fn = new Numbering();
  const h = await OperatorTestHarness.open(new MapOperator(fn));
  h.processElement('a');
  h.processElement('b');
  const snap = h.snapshot(7);
  await h.notifyCheckpointComplete(7);
  h.notifyCheckpointAborted(8);
  h.processElement('lost');
  await h.close();
  assert.deepEqual(fn.log, ['init restored=false keyed=false', 'open', 'snapshot 7', 'complete 7', 'aborted 8', 'close']);

  const fresh = new Numbering();
  const h2 = await OperatorTestHarness.open(new MapOperator(fresh), { restoreFrom: snap });
  h2.processElement('c');
  assert.deepEqual(h2.values(), ['3:c']);
  assert.equal(fresh.log[0], 'init restored=true keyed=false');
});

test('an async open is awaited before the first record', async () => {
  const fn: RichMapFunction<number, number> & { factor: number } = {
    factor: 0,
    async open() {
      await new Promise((r) => setTimeout(r, 5));
      this.factor = 3;
    },
    map(n) { return n * this.factor; },
  };
  const h = await OperatorTestHarness.open(new MapOperator(fn));
  h.processElement(2);
  assert.deepEqual(h.values(), [6]);
});

test('something that is neither a function nor has map() is rejected when the operator is built', () => {
  assert.throws(() => new MapOperator({ mapp: () => 1 } as never), {
    name: 'TypeError',
    message: 'MapFunction: expected a function or an object with a map() method, got an object with keys [mapp]',
  });
});
