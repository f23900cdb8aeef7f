// Flags an account when a small transaction (< 1.00) is followed within a minute by a large one
// (> 500.00): Flink's fraud-detection walkthrough, on keyed state and event-time timers.
//
//   weir run examples/fraud-detection.ts [--count 100000] [--rows-per-second 5000]
//
// Transactions come from a deterministic generator read by one source subtask, so each account's
// transactions arrive in order and every run, at any parallelism, raises the same alerts.
import { parseArgs } from 'node:util';
import {
  StreamExecutionEnvironment, WatermarkStrategy, valueState,
  type KeyedProcessFunction, type KeyedProcessContext, type KeyedOnTimerContext, type Collector, type RuntimeContext, type ValueState,
} from 'weir';

export interface Transaction { accountId: number; amount: number; timestamp: number }
export interface Alert { accountId: number; small: number; large: number; timestamp: number }

const SMALL_AMOUNT = 1.0;
const LARGE_AMOUNT = 500.0;
const ONE_MINUTE = 60_000;

/** Transaction `i`: 10 accounts, one every 100 ms of event time, amounts from a fixed hash of i. */
export function transaction(i: number): Transaction {
  let h = Math.imul(i + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0;
  const r = h % 1000;
  const amount = r < 40 ? (r + 1) / 50 : r > 980 ? 500 + r : 5 + (r % 200);
  return { accountId: 1 + (h >>> 20) % 10, amount: Math.round(amount * 100) / 100, timestamp: 1_700_000_000_000 + i * 100 };
}

export class FraudDetector implements KeyedProcessFunction<number, Transaction, Alert> {
  /** The small transaction that armed the detector, until its minute has passed. */
  small!: ValueState<Transaction>;
  timer!: ValueState<number>;

  open(ctx: RuntimeContext): void {
    this.small = ctx.getState(valueState<Transaction>('small-transaction'));
    this.timer = ctx.getState(valueState<number>('timer'));
  }

  processElement(tx: Transaction, ctx: KeyedProcessContext<number>, out: Collector<Alert>): void {
    const small = this.small.value();
    // The timer only cleans up: it fires when the watermark passes, which may be after later
    // transactions were seen, so the minute is checked on the transactions' own timestamps.
    if (small !== undefined && tx.amount > LARGE_AMOUNT && tx.timestamp - small.timestamp <= ONE_MINUTE) {
      out.collect({ accountId: tx.accountId, small: small.amount, large: tx.amount, timestamp: tx.timestamp });
      this.#clear(ctx);
    }
    if (tx.amount < SMALL_AMOUNT) {
      this.#clear(ctx);
      this.small.update(tx);
      const at = tx.timestamp + ONE_MINUTE;
      ctx.timerService().registerEventTimeTimer(at);
      this.timer.update(at);
    }
  }

  onTimer(_ts: number, _ctx: KeyedOnTimerContext<number>): void {
    this.small.clear();
    this.timer.clear();
  }

  #clear(ctx: KeyedProcessContext<number>): void {
    const t = this.timer.value();
    if (t !== undefined) ctx.timerService().deleteEventTimeTimer(t);
    this.small.clear();
    this.timer.clear();
  }
}

const { values: args } = parseArgs({ options: { count: { type: 'string', default: '100000' }, 'rows-per-second': { type: 'string' } } });
const env = StreamExecutionEnvironment.getExecutionEnvironment();
env.fromGenerator(transaction, Number(args.count), {
  rowsPerSecond: args['rows-per-second'] ? Number(args['rows-per-second']) : undefined,
  watermarks: WatermarkStrategy.forBoundedOutOfOrderness<Transaction>(1000).withTimestampAssigner((t) => t.timestamp),
})
  .name('Transactions')
  .setParallelism(1)
  .keyBy((t) => t.accountId)
  .process(new FraudDetector())
  .name('Fraud detector')
  .uid('fraud-detector')
  .map((a) => `ALERT account ${a.accountId}: ${a.small.toFixed(2)} then ${a.large.toFixed(2)} at ${new Date(a.timestamp).toISOString()}`)
  .print('fraud');

await env.execute('Fraud detection');
