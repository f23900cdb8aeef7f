// A bounded keyed job whose operator 'Validate' throws on record --fail-at, naming the parallel instance it
// ran in, for the error-reporting tests of `weir run`.
//
//   weir run -p 2 tests/e2e-jobs/failing-job.ts --fail-at 7
import { parseArgs } from 'node:util';
import { StreamExecutionEnvironment, type KeyedProcessFunction, type RuntimeContext } from 'weir';

const { values: args } = parseArgs({ options: { 'fail-at': { type: 'string', default: '7' } } });
const failAt = Number(args['fail-at']);

let subtask = -1;
const validate: KeyedProcessFunction<number, number, number> = {
  open(ctx: RuntimeContext) { subtask = ctx.getIndexOfThisSubtask(); },
  processElement(i, _ctx, out) {
    if (i === failAt) throw new RangeError(`bad record ${i} in instance ${subtask}`);
    out.collect(i);
  },
};

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.fromSequence(0, 999)
  .keyBy((i) => i % 4)
  .process(validate)
  .name('Validate')
  .addSink(() => {});
await env.execute('failing');
