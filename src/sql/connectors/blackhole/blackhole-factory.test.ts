import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamExecutionEnvironment } from '../../../api/stream-execution-environment.ts';
import type { Row } from '../../../core/row.ts';
import { rowType, Types } from '../../../core/types/logical-type.ts';
import { sinkContext } from '../connector-test-support.ts';
import { blackholeFactory } from './blackhole-factory.ts';

test('the blackhole sink accepts every change kind but update-before, like Flink, and discards the rows', async () => {
  const sink = await blackholeFactory.createSink!(sinkContext(rowType([['x', Types.INT()]]), { connector: 'blackhole' }));
  assert.deepEqual(sink.acceptedChangelogMode({ kinds: ['+I', '-U', '+U', '-D'] }), { kinds: ['+I', '+U', '-D'] });
  const env = new StreamExecutionEnvironment().setParallelism(1);
  let seen = 0;
  const input = env.fromSequence(1, 10_000).map((i): Row => { seen++; return { kind: '+I', fields: [i] }; });
  sink.consume(input, { name: 'blackhole', uid: 'blackhole' });
  const result = await env.execute('blackhole test');
  assert.equal(seen, 10_000);
  assert.ok(result);
});
