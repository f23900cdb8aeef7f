// A failure is recorded against the task that runs the failing operator, not against the upstream task
// that handed it the record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamExecutionEnvironment, JobExecutionError } from 'weir';

test('the exception history and the job error name the task of the failing operator', async () => {
  const env = new StreamExecutionEnvironment({ 'parallelism.default': 1 });
  env.fromSequence(0, 99)
    .keyBy((i) => i % 4)
    .map((i) => {
      if (i === 7) throw new Error('boom');
      return i;
    })
    .name('Validate')
    .addSink(() => {});
  // After keyBy the map runs in its own task (vertex 1), behind the source's task (vertex 0).
  const graph = env.getJobGraph('attribution');
  const vertex = graph.vertices.find((v) => v.name.startsWith('Validate'))!;
  assert.notEqual(vertex.id, 0);
  const client = await env.executeAsync('attribution');
  await assert.rejects(client.result, (e: unknown) => {
    assert.ok(e instanceof JobExecutionError);
    assert.equal(e.failure?.vertex, vertex.id, 'the failure names the Validate task');
    assert.match(e.failure?.taskName ?? '', /^Validate/);
    return true;
  });
  const [entry] = client.exceptionHistory();
  assert.equal(entry?.vertex, vertex.id);
  assert.match(entry?.taskName ?? '', /^Validate -> Sink \(1\/1\)$/);
});
