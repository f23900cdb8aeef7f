// The 'datagen' connector (Flink's DataGenTableSourceFactory): random or sequence values per column,
// unbounded or bounded by 'number-of-rows' or by the shortest sequence, throttled to 'rows-per-second'
// over all subtasks. Rows are produced in batches by the index-range source, whose checkpointed
// position is the next row index: a restore continues every sequence exactly where it stopped.
import { ConfigError } from '../../../core/errors.ts';
import type { Row } from '../../../core/row.ts';
import { IndexRangeSource } from '../../../api/sources/index-range-source.ts';
import { timeZone } from '../../types/datetime.ts';
import { TableOptions, tableName, validateOptions } from '../option-validation.ts';
import { INSERT_ONLY, type OptionSpec, type SourceContext, type TableConnectorFactory, type TableSource } from '../table-connector.ts';
import { fieldGenerator, sequenceLength, type FieldGenerator } from './field-generators.ts';

/**
 * The row of one index, compiled once per source: a call site per column (each stays monomorphic
 * and can be inlined) and an array literal; a column that is not read (projected away) is null.
 */
function compileProduce(gens: readonly (FieldGenerator | undefined)[]): (index: number) => Row {
  const fields = gens.map((g, f) => (g === undefined ? 'null' : `g${f}(i)`)).join(', ');
  const names = gens.map((_, f) => `g${f}`);
  return new Function(...names, `return (i) => ({ kind: '+I', fields: [${fields}] });`)(...gens) as (index: number) => Row;
}

const OPTIONS: readonly OptionSpec[] = [
  { key: 'rows-per-second', default: '10000', description: 'Rows per second over all subtasks.' },
  { key: 'number-of-rows', description: 'Total rows; unbounded when absent and no column is a sequence.' },
  { key: 'scan.parallelism', description: 'Parallelism of the source; default: the job parallelism.' },
  { key: 'fields.#.kind', pattern: true, default: 'random', allowed: ['random', 'sequence'] },
  { key: 'fields.#.min', pattern: true, description: 'Smallest random value (numeric types).' },
  { key: 'fields.#.max', pattern: true, description: 'Largest random value (numeric types).' },
  { key: 'fields.#.max-past', pattern: true, description: 'Random timestamps lie up to this far before now (default 0).' },
  { key: 'fields.#.length', pattern: true, description: 'Length of random strings and bytes (default 100), size of collections (default 3).' },
  { key: 'fields.#.var-len', pattern: true, default: 'false', allowed: ['true', 'false'], description: 'Random strings and bytes of length 1..length.' },
  { key: 'fields.#.start', pattern: true, description: 'First value of a sequence (required for sequences).' },
  { key: 'fields.#.end', pattern: true, description: 'Last value of a sequence (required for sequences).' },
  { key: 'fields.#.null-rate', pattern: true, default: '0', description: 'Fraction of null values.' },
];

export const datagenFactory: TableConnectorFactory = {
  identifier: 'datagen',
  options: OPTIONS,
  createSource(ctx: SourceContext): TableSource {
    validateOptions(datagenFactory, ctx.options);
    const options = new TableOptions(ctx.options, tableName(ctx.path));
    const rowsPerSecond = options.number('rows-per-second', 10000);
    const numberOfRows = options.int('number-of-rows');
    const scanParallelism = options.int('scan.parallelism');
    const { names, types } = ctx.physicalType;
    for (const key of Object.keys(ctx.options)) {
      const m = /^fields\.(.+)\.[a-z-]+$/.exec(key);
      if (m && !names.includes(m[1]!)) throw new ConfigError(key, `Option '${key}' of ${tableName(ctx.path)} names no column '${m[1]}'; the columns are: ${names.join(', ')}`);
    }
    const zoneId = String(ctx.config.getRaw('table.local-time-zone') ?? 'default');
    const zone = timeZone(zoneId === 'default' ? Intl.DateTimeFormat().resolvedOptions().timeZone : zoneId);
    const zoneOffset = (instant: number) => zone.offsetAt(instant);
    const specs = names.map((name, i) => ({ name, type: types[i]!, options, zoneOffset }));

    let rows = numberOfRows === undefined ? undefined : BigInt(numberOfRows);
    for (const spec of specs) {
      const len = sequenceLength(spec);
      if (len !== undefined && (rows === undefined || len < rows)) rows = len;
    }
    const end = rows === undefined ? Infinity : Number(rows);

    const projected = ctx.projectedFields ? new Set(ctx.projectedFields) : undefined;
    const gens = specs.map((spec, i) => {
      const gen = fieldGenerator(spec); // validates every column's options, projected or not
      return projected && !projected.has(i) ? undefined : gen;
    });
    const produce = compileProduce(gens);

    return {
      changelogMode: INSERT_ONLY,
      bounded: end !== Infinity,
      produce(env, opts) {
        const source = new IndexRangeSource<Row>({ start: 0, end, produce, rowsPerSecond });
        const stream = env.fromSource(source, opts.watermarks, opts.name).uid(opts.uid);
        const parallelism = scanParallelism ?? opts.parallelism;
        if (parallelism !== undefined) stream.setParallelism(parallelism);
        return stream;
      },
    };
  },
};
