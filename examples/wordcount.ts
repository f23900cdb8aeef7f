// Counts words in a file or directory and writes `word,count` lines of the final counts.
//
//   weir run examples/wordcount.ts --input FILE_OR_DIR --output DIR
//
// The same program gives the same counts in STREAMING and BATCH mode (-D execution.runtime-mode=BATCH).
import { parseArgs } from 'node:util';
import {
  StreamExecutionEnvironment, FileSource, FileSink, BasePathBucketAssigner, SimpleStringEncoder, valueState, MAX_WATERMARK,
  type KeyedProcessFunction, type KeyedProcessContext, type KeyedOnTimerContext, type Collector, type RuntimeContext, type ValueState,
} from 'weir';

const { values: args } = parseArgs({ options: { input: { type: 'string' }, output: { type: 'string' } } });
if (!args.input || !args.output) {
  console.error('usage: weir run examples/wordcount.ts --input FILE_OR_DIR --output DIR');
  process.exit(2);
}

/** Counts per word in keyed state; emits the final count when the input ends (the last watermark). */
class FinalCount implements KeyedProcessFunction<string, string, string> {
  count!: ValueState<number>;

  open(ctx: RuntimeContext): void {
    this.count = ctx.getState(valueState<number>('count'));
  }

  processElement(_word: string, ctx: KeyedProcessContext<string>): void {
    const n = this.count.value() ?? 0;
    if (n === 0) ctx.timerService().registerEventTimeTimer(MAX_WATERMARK);
    this.count.update(n + 1);
  }

  onTimer(_ts: number, ctx: KeyedOnTimerContext<string>, out: Collector<string>): void {
    out.collect(`${ctx.getCurrentKey()},${this.count.value()}`);
  }
}

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.fromSource(FileSource.textLines(args.input).build(), undefined, 'Lines')
  .flatMap<string>((line, out) => {
    for (const word of line.toLowerCase().split(/[^\p{L}]+/u)) if (word) out.collect(word);
  })
  .name('Split words')
  .keyBy((word) => word)
  .process(new FinalCount())
  .name('Count')
  .uid('count')
  .sinkTo(FileSink.forRowFormat(args.output, new SimpleStringEncoder<string>()).withBucketAssigner(new BasePathBucketAssigner()).build())
  .name('Counts file')
  .uid('counts-sink');

await env.execute('WordCount');
