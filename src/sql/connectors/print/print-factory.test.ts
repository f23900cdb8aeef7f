import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamExecutionEnvironment } from '../../../api/stream-execution-environment.ts';
import type { Row } from '../../../core/row.ts';
import { rowType, Types } from '../../../core/types/logical-type.ts';
import { sinkContext } from '../connector-test-support.ts';
import { printFactory } from './print-factory.ts';
import { bigDecimalToString, rowRenderer } from './row-to-string.ts';

test('rows render like Flink Row.toString of the Java external classes', () => {
  const render = rowRenderer([
    Types.INT(), Types.STRING(), Types.TIMESTAMP(3), Types.DECIMAL(5, 2), Types.TIMESTAMP_LTZ(3), Types.DOUBLE(), Types.FLOAT(),
    Types.DATE(), Types.TIME(0), Types.BOOLEAN(), Types.BIGINT(), Types.ARRAY(Types.INT()), Types.MAP(Types.STRING(), Types.INT()),
    Types.BYTES(), Types.ROW([{ name: 'a', type: Types.INT() }]),
  ]);
  const ts = Date.UTC(2020, 0, 1, 12, 0, 0); // 2020-01-01T12:00
  assert.equal(
    render({ kind: '+I', fields: [1, 'Alice', ts, 1230n, ts + 123, 1.0, Math.fround(3.14), 18262, 45_296_000, true, 2n ** 63n - 1n, [1, null], new Map([['k', 1]]), new Uint8Array([1, 255]), [7]] }),
    '+I[1, Alice, 2020-01-01T12:00, 12.30, 2020-01-01T12:00:00.123Z, 1.0, 3.14, 2020-01-01, 12:34:56, true, 9223372036854775807, [1, null], {k=1}, [1, -1], +I[7]]',
  );
  assert.equal(rowRenderer([Types.INT(), Types.STRING()])({ kind: '-U', fields: [null, null] }), '-U[null, null]');
  assert.equal(rowRenderer([Types.TIMESTAMP(3)])({ kind: '+I', fields: [ts + 5_000] }), '+I[2020-01-01T12:00:05]');
});

test('floating point and decimals print as Java prints them', () => {
  const render = rowRenderer([Types.DOUBLE(), Types.DOUBLE(), Types.DOUBLE(), Types.FLOAT(), Types.FLOAT()]);
  assert.equal(render({ kind: '+I', fields: [1e7, 1.5e-5, -0, Math.fround(0.1), NaN] }), '+I[1.0E7, 1.5E-5, -0.0, 0.1, NaN]');
  assert.equal(bigDecimalToString(-5n, 3), '-0.005');
  assert.equal(bigDecimalToString(12345n, 0), '12345');
  assert.equal(bigDecimalToString(1n, 7), '1E-7');
});

test('the print sink writes every change with the identifier prefix', async (t) => {
  const lines: string[] = [];
  const write = process.stdout.write;
  t.after(() => { process.stdout.write = write; });
  // The test runner writes its own reports as buffers; the sink writes strings.
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'string') return (write as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
    lines.push(...chunk.split('\n').filter((l) => l !== ''));
    return true;
  }) as typeof process.stdout.write;

  const env = new StreamExecutionEnvironment().setParallelism(1);
  const rows: Row[] = [{ kind: '+I', fields: [1, 'a'] }, { kind: '-U', fields: [1, 'a'] }, { kind: '+U', fields: [1, 'b'] }, { kind: '-D', fields: [1, 'b'] }];
  const sink = await printFactory.createSink!(sinkContext(rowType([['id', Types.INT()], ['v', Types.STRING()]]), { connector: 'print', 'print-identifier': 'out' }));
  assert.deepEqual(sink.acceptedChangelogMode({ kinds: ['+I', '-U', '+U', '-D'] }).kinds, ['+I', '-U', '+U', '-D']);
  sink.consume(env.fromCollection(rows), { name: 'print', uid: 'print' });
  await env.execute('print test');
  process.stdout.write = write;
  assert.deepEqual(lines, ['out> +I[1, a]', 'out> -U[1, a]', 'out> +U[1, b]', 'out> -D[1, b]']);
});

test('print options are validated', async () => {
  await assert.rejects(async () => printFactory.createSink!(sinkContext(rowType([['id', Types.INT()]]), { connector: 'print', 'standard-error': 'maybe' })),
    /Invalid value for option 'standard-error': 'maybe'\. Allowed values are: true, false/);
});
