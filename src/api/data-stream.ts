// DataStream and KeyedStream: the typed, fluent API over the stream graph. Every call adds a node;
// nothing runs until execute().
import type { StreamNode } from '../runtime/graph/stream-graph.ts';
import type { PartitionerKind } from '../runtime/graph/partitioner.ts';
import type { OperatorFactory } from '../runtime/operators/stream-operator.ts';
import { OutputTag } from '../runtime/operators/stream-operator.ts';
import type { Sink } from '../runtime/sink/sink.ts';
import type { WatermarkStrategy } from '../time/watermark-strategy.ts';
import type { BroadcastStateDescriptor } from '../state/operator-state.ts';
import { MapOperator } from '../runtime/operators/functions/map-operator.ts';
import { FlatMapOperator } from '../runtime/operators/functions/flat-map-operator.ts';
import { FilterOperator } from '../runtime/operators/functions/filter-operator.ts';
import { ProcessOperator } from '../runtime/operators/functions/process-operator.ts';
import { KeyedProcessOperator } from '../runtime/operators/functions/keyed-process-operator.ts';
import { KeyedReduceOperator } from '../runtime/operators/functions/keyed-reduce-operator.ts';
import { PrintSinkOperator } from '../runtime/operators/functions/print-sink-operator.ts';
import { SinkWriterOperator } from '../runtime/operators/functions/sink-writer-operator.ts';
import { sumAggregation, minAggregation, maxAggregation, minByAggregation, maxByAggregation, type AggregationField } from '../runtime/operators/functions/keyed-aggregation.ts';
import { TimestampsAndWatermarksOperator } from '../runtime/operators/timestamps-and-watermarks-operator.ts';
import { ForwardOperator } from '../runtime/operators/forward-operator.ts';
import { CollectSinkOperator, type CollectCallback } from '../runtime/operators/functions/collect-sink-operator.ts';
import { GlobalWindows, CountTrigger, PurgingTrigger, CountEvictor, type WindowAssigner, type Window, type GlobalWindow } from '../runtime/operators/windowing/index.ts';
import { AUTO_WATERMARK_INTERVAL } from '../core/config-options.ts';
import type {
  FlatMapFunction, MapFunction, FilterFunction, ProcessFunction, KeyedProcessFunction, ReduceFunction, KeySelector,
} from '../runtime/operators/functions/user-functions.ts';
import type { StreamExecutionEnvironment } from './stream-execution-environment.ts';
import { WindowedStream } from './windowed-stream.ts';
import { ConnectedStreams, BroadcastStream, BroadcastConnectedStream } from './connected-streams.ts';

/** How a new node attaches to an existing stream. */
export interface StreamInput {
  readonly stream: DataStream<any>;
  readonly inputIndex: number;
}

export class DataStream<T> {
  readonly env: StreamExecutionEnvironment;
  /** The node this stream comes out of. */
  readonly node: StreamNode;
  readonly sideOutputTag: string | undefined;
  readonly partitioner: PartitionerKind;
  declare readonly _t?: T;

  constructor(env: StreamExecutionEnvironment, node: StreamNode, partitioner: PartitionerKind = 'forward', sideOutputTag?: string) {
    this.env = env;
    this.node = node;
    this.partitioner = partitioner;
    this.sideOutputTag = sideOutputTag;
  }

  // ---- properties of the operator that produced this stream ----

  /** The operator's name, shown in logs, errors and the web UI. */
  name(name: string): this {
    this.node.name = name;
    return this;
  }

  /** The stable id of the operator's state in savepoints; set it on every stateful operator. */
  uid(uid: string): this {
    this.node.uid = uid;
    return this;
  }

  setParallelism(parallelism: number): this {
    if (!Number.isInteger(parallelism) || parallelism < 1) throw new RangeError(`parallelism must be a positive integer, got ${parallelism}`);
    if (this.node.operatorType === 'collection-source' && parallelism !== 1) throw new RangeError('fromElements/fromCollection is not parallel: its parallelism must be 1');
    this.node.parallelism = parallelism;
    return this;
  }

  setMaxParallelism(maxParallelism: number): this {
    if (!Number.isInteger(maxParallelism) || maxParallelism < 1 || maxParallelism > 32768) throw new RangeError(`max parallelism must be in 1..32768, got ${maxParallelism}`);
    this.node.maxParallelism = maxParallelism;
    return this;
  }

  /** This operator starts a new chain (it is not chained to its input). */
  startNewChain(): this {
    this.node.chaining = 'head';
    return this;
  }

  /** This operator is chained neither to its input nor to its outputs. */
  disableChaining(): this {
    this.node.chaining = 'never';
    return this;
  }

  getParallelism(): number {
    return this.node.parallelism ?? this.env.getParallelism();
  }

  // ---- partitioning ----

  rebalance(): DataStream<T> { return this.#partition('rebalance'); }
  rescale(): DataStream<T> { return this.#partition('rescale'); }
  shuffle(): DataStream<T> { return this.#partition('shuffle'); }
  global(): DataStream<T> { return this.#partition('global'); }
  forward(): DataStream<T> { return this.#partition('forward'); }

  /** Without descriptors: every record goes to every parallel instance. With them: see connect(). */
  broadcast(): DataStream<T>;
  broadcast(...descriptors: BroadcastStateDescriptor<any, any>[]): BroadcastStream<T>;
  broadcast(...descriptors: BroadcastStateDescriptor<any, any>[]): DataStream<T> | BroadcastStream<T> {
    const s = this.#partition('broadcast');
    return descriptors.length ? new BroadcastStream(s, descriptors) : s;
  }

  #partition(p: PartitionerKind): DataStream<T> {
    return new DataStream<T>(this.env, this.node, p, this.sideOutputTag);
  }

  keyBy<K>(key: KeySelector<T, K>): KeyedStream<T, K> {
    return new KeyedStream<T, K>(this, key);
  }

  // ---- transformations ----

  /** Adds a one-input node after this stream. */
  transform<R>(name: string, operatorType: string, factory: OperatorFactory<T, R>, opts: { keySelectors?: (KeySelector<any, any> | undefined)[]; kind?: 'operator' | 'sink' } = {}): DataStream<R> {
    const node = this.env.addNode({
      name, operatorType, factory, kind: opts.kind ?? 'operator',
      inputs: [{ stream: this, inputIndex: 0 }],
      keySelectors: opts.keySelectors ?? [undefined],
    });
    return new DataStream<R>(this.env, node);
  }

  map<R>(fn: MapFunction<T, R>): DataStream<R> {
    return this.transform('Map', 'map', () => new MapOperator(fn));
  }

  flatMap<R>(fn: FlatMapFunction<T, R>): DataStream<R> {
    return this.transform('Flat Map', 'flat-map', () => new FlatMapOperator(fn));
  }

  filter(fn: FilterFunction<T>): DataStream<T> {
    return this.transform('Filter', 'filter', () => new FilterOperator(fn));
  }

  process<R>(fn: ProcessFunction<T, R>): DataStream<R> {
    return this.transform('Process', 'process', () => new ProcessOperator(fn));
  }

  /** Merges streams of the same type; order between them is not defined. */
  union(...others: DataStream<T>[]): DataStream<T> {
    const node = this.env.addNode({
      name: 'Union', operatorType: 'union', kind: 'operator',
      factory: () => new ForwardOperator<T>(),
      inputs: [this, ...others].map((stream) => ({ stream, inputIndex: 0 })),
      keySelectors: [undefined],
    });
    return new DataStream<T>(this.env, node);
  }

  connect<R>(other: BroadcastStream<R>): BroadcastConnectedStream<T, R>;
  connect<R>(other: DataStream<R>): ConnectedStreams<T, R>;
  connect<R>(other: DataStream<R> | BroadcastStream<R>): ConnectedStreams<T, R> | BroadcastConnectedStream<T, R> {
    return other instanceof BroadcastStream ? new BroadcastConnectedStream<T, R>(this, other) : new ConnectedStreams<T, R>(this, other);
  }

  getSideOutput<X>(tag: OutputTag<X>): DataStream<X> {
    return new DataStream<X>(this.env, this.node, 'forward', tag.id);
  }

  assignTimestampsAndWatermarks(strategy: WatermarkStrategy<T>): DataStream<T> {
    const interval = this.env.config.get(AUTO_WATERMARK_INTERVAL);
    return this.transform('Timestamps/Watermarks', 'timestamps-watermarks', () => new TimestampsAndWatermarksOperator(strategy, interval));
  }

  // ---- sinks ----

  /** Prints each record to standard output, prefixed like Flink (`2> ...` at parallelism > 1). */
  print(sinkIdentifier?: string): DataStream<never> {
    return this.transform(sinkIdentifier ? `Print to Std. Out (${sinkIdentifier})` : 'Print to Std. Out', 'print', () => new PrintSinkOperator({ sinkIdentifier }), { kind: 'sink' });
  }

  /** Writes to a two-phase-commit sink: exactly-once when the sink commits on checkpoints. */
  sinkTo<C>(sink: Sink<T, C>): DataStream<never> {
    return this.transform('Sink', 'sink', () => new SinkWriterOperator(sink), { kind: 'sink' });
  }

  /** Calls `fn(value, timestamp)` for every record: at-least-once, as nothing is committed. */
  addSink(fn: CollectCallback<T>): DataStream<never> {
    return this.transform('Sink', 'sink-function', () => new CollectSinkOperator(fn), { kind: 'sink' });
  }

  /** Runs the job and returns every record of this stream (bounded jobs). */
  async executeAndCollect(jobName?: string): Promise<T[]> {
    const id = this.env.addCollectSink(this);
    const out: T[] = [];
    await this.env.execute(jobName ?? 'Weir Collect Job', { [id]: (values) => { for (const v of values) out.push(v as T); } });
    return out;
  }
}

/** A stream partitioned by key: state and timers are scoped to the current key. */
export class KeyedStream<T, K> extends DataStream<T> {
  readonly keySelector: KeySelector<T, K>;

  constructor(input: DataStream<T>, keySelector: KeySelector<T, K>) {
    super(input.env, input.node, 'hash', input.sideOutputTag);
    this.keySelector = keySelector;
  }

  /** Operators after keyBy() are keyed (map, flatMap and filter may use keyed state), as in Flink. */
  override transform<R>(name: string, operatorType: string, factory: OperatorFactory<T, R>, opts: { keySelectors?: (KeySelector<any, any> | undefined)[]; kind?: 'operator' | 'sink' } = {}): DataStream<R> {
    return super.transform(name, operatorType, factory, { ...opts, keySelectors: opts.keySelectors ?? [this.keySelector] });
  }

  #keyed<R>(name: string, type: string, factory: OperatorFactory<T, R>): DataStream<R> {
    return this.transform(name, type, factory);
  }

  override process<R>(fn: KeyedProcessFunction<K, T, R> | ProcessFunction<T, R>): DataStream<R> {
    return this.#keyed('KeyedProcess', 'keyed-process', () => new KeyedProcessOperator(fn as KeyedProcessFunction<K, T, R>));
  }

  /** Rolling reduce: emits the reduced value of the key after every record. */
  reduce(fn: ReduceFunction<T>): DataStream<T> {
    return this.#keyed('Keyed Reduce', 'keyed-reduce', () => new KeyedReduceOperator(fn));
  }

  /** Rolling sum of a field (property name or tuple index; none for plain numbers). */
  sum(field?: AggregationField): DataStream<T> {
    return this.#keyed('Keyed Aggregation (sum)', 'keyed-sum', () => new KeyedReduceOperator(sumAggregation<T>(field)));
  }

  min(field?: AggregationField): DataStream<T> {
    return this.#keyed('Keyed Aggregation (min)', 'keyed-min', () => new KeyedReduceOperator(minAggregation<T>(field)));
  }

  max(field?: AggregationField): DataStream<T> {
    return this.#keyed('Keyed Aggregation (max)', 'keyed-max', () => new KeyedReduceOperator(maxAggregation<T>(field)));
  }

  minBy(field?: AggregationField, first = true): DataStream<T> {
    return this.#keyed('Keyed Aggregation (minBy)', 'keyed-min-by', () => new KeyedReduceOperator(minByAggregation<T>(field, first)));
  }

  maxBy(field?: AggregationField, first = true): DataStream<T> {
    return this.#keyed('Keyed Aggregation (maxBy)', 'keyed-max-by', () => new KeyedReduceOperator(maxByAggregation<T>(field, first)));
  }

  window<W extends Window>(assigner: WindowAssigner<T, W>): WindowedStream<T, K, W> {
    return new WindowedStream<T, K, W>(this, assigner);
  }

  /** Count windows: tumbling of `size` records per key, or sliding by `slide` records. */
  countWindow(size: number, slide?: number): WindowedStream<T, K, GlobalWindow> {
    const w = this.window(GlobalWindows.create() as WindowAssigner<T, GlobalWindow>);
    return slide === undefined
      ? w.trigger(PurgingTrigger.of(CountTrigger.of(size)))
      : w.evictor(CountEvictor.of(size)).trigger(CountTrigger.of(slide));
  }
}
