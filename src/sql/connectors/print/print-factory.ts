// The 'print' connector (Flink's PrintTableSinkFactory): writes every change to standard out (or
// standard error) as `+I[1, Alice]`, prefixed `<print-identifier>:<subtask>> ` like Flink.
import { PrintSinkOperator } from '../../../runtime/operators/functions/print-sink-operator.ts';
import { TableOptions, tableName, validateOptions } from '../option-validation.ts';
import type { OptionSpec, TableConnectorFactory, TableSink } from '../table-connector.ts';
import { rowRenderer } from './row-to-string.ts';

const OPTIONS: readonly OptionSpec[] = [
  { key: 'print-identifier', description: 'Printed before each line, as `<identifier>> ` or `<identifier>:<subtask>> ` at parallelism > 1.' },
  { key: 'standard-error', default: 'false', allowed: ['true', 'false'], description: 'Print to standard error instead of standard out.' },
  { key: 'sink.parallelism', description: 'Parallelism of the sink; default: that of its input.' },
];

export const printFactory: TableConnectorFactory = {
  identifier: 'print',
  options: OPTIONS,
  createSink(ctx): TableSink {
    validateOptions(printFactory, ctx.options);
    const options = new TableOptions(ctx.options, tableName(ctx.path));
    const sinkIdentifier = options.string('print-identifier');
    const toStdErr = options.boolean('standard-error', false);
    const sinkParallelism = options.int('sink.parallelism');
    const render = rowRenderer(ctx.physicalType.types);
    return {
      acceptedChangelogMode: (produced) => produced,
      consume(stream, opts) {
        const parallelism = sinkParallelism ?? opts.parallelism;
        const lines = stream.map(render).name(`${opts.name}: format`).uid(`${opts.uid}-format`);
        const sink = lines.transform(opts.name, 'print-sink', () => new PrintSinkOperator<string>({ sinkIdentifier, target: toStdErr ? process.stderr : process.stdout }), { kind: 'sink' }).uid(opts.uid);
        if (parallelism !== undefined) {
          lines.setParallelism(parallelism);
          sink.setParallelism(parallelism);
        }
      },
    };
  },
};
