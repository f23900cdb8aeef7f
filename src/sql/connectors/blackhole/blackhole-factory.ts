// The 'blackhole' connector (Flink's BlackHoleTableSinkFactory): a sink that discards every change,
// for benchmarks and for testing a query's cost without output. As Flink's, it accepts every kind
// except update-before, so an aggregate feeding it emits +U without the -U in front.
import type { Row } from '../../../core/row.ts';
import type { StreamOperator } from '../../../runtime/operators/stream-operator.ts';
import type { TableConnectorFactory, TableSink } from '../table-connector.ts';

/** Drops records and watermarks; nothing to flush or snapshot. */
class BlackholeSinkOperator implements StreamOperator<Row, never> {
  processElement(): void {}
  processWatermark(): void {}
}

const blackholeSink: TableSink = {
  acceptedChangelogMode: (produced) => ({ ...produced, kinds: produced.kinds.filter((k) => k !== '-U') }),
  consume(stream, opts) {
    const sink = stream.transform(opts.name, 'blackhole-sink', () => new BlackholeSinkOperator(), { kind: 'sink' }).uid(opts.uid);
    if (opts.parallelism !== undefined) sink.setParallelism(opts.parallelism);
  },
};

export const blackholeFactory: TableConnectorFactory = {
  identifier: 'blackhole',
  options: [],
  createSink: () => blackholeSink,
};
