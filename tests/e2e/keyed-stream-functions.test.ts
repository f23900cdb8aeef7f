// Functions applied to a KeyedStream with map/flatMap/filter are keyed, as in Flink: they may use keyed
// state, and BATCH execution hands them their input grouped by key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamExecutionEnvironment, valueState, type RichMapFunction, type RuntimeContext, type ValueState, type RuntimeMode } from 'weir';

/** The example of RuntimeContext's documentation: a running count per key in a map function. */
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

test('keyBy().map() with keyed state counts per key, in STREAMING and BATCH', async () => {
  const words = ['a', 'b', 'a', 'c', 'b', 'a'];
  for (const mode of ['STREAMING', 'BATCH'] as RuntimeMode[]) {
    const env = new StreamExecutionEnvironment({ 'parallelism.default': 1, 'execution.runtime-mode': mode });
    const got = await env.fromCollection(words).keyBy((w) => w).map(new CountPerKey()).executeAndCollect();
    assert.deepEqual([...got].sort(), ['a:1', 'a:2', 'a:3', 'b:1', 'b:2', 'c:1'], mode);
    if (mode === 'BATCH') {
      const keys = got.map((s) => s.split(':')[0]);
      assert.equal(keys.filter((k, i) => i > 0 && k !== keys[i - 1]).length, 2, 'BATCH: grouped by key');
    }
  }
});
