// Test support for table connectors: contexts for one table, and the runtime Source a TableSource
// builds (captured from produce() without running a job), for SourceTestRunner.
import { Configuration } from '../../core/config.ts';
import type { RowType } from '../../core/types/logical-type.ts';
import type { Source } from '../../runtime/source/source.ts';
import type { StreamExecutionEnvironment } from '../../api/stream-execution-environment.ts';
import type { Row } from '../../core/row.ts';
import type { SinkContext, SourceContext, TableSource } from './table-connector.ts';

export function sourceContext(physicalType: RowType, options: Record<string, string>, extra: Partial<SourceContext> = {}): SourceContext {
  return {
    path: { catalog: 'default_catalog', database: 'default_database', name: 't' },
    options,
    physicalType,
    partitionKeys: [],
    config: new Configuration(),
    mode: 'STREAMING',
    metadataKeys: [],
    ...extra,
  };
}

export function sinkContext(physicalType: RowType, options: Record<string, string>, extra: Partial<SinkContext> = {}): SinkContext {
  return { ...sourceContext(physicalType, options), staticPartition: {}, overwrite: false, ...extra };
}

/** The runtime source that `table.produce` adds to a job. */
export function capturedSource(table: TableSource): Source<Row, any, any> {
  let source: Source<Row, any, any> | undefined;
  const stream = { uid: () => stream, setParallelism: () => stream, name: () => stream };
  const env = { fromSource: (s: Source<Row, any, any>) => { source = s; return stream; } };
  table.produce(env as unknown as StreamExecutionEnvironment, { name: 'src', uid: 'src' });
  return source!;
}
