// The entry point of a DataStream program: configuration, sources, and execute().
import { Configuration } from '../core/config.ts';
import * as o from '../core/config-options.ts';
import { WeirError } from '../core/errors.ts';
import { StreamGraph, type StreamNode } from '../runtime/graph/stream-graph.ts';
import type { KeySelector } from '../runtime/graph/partitioner.ts';
import { buildJobGraph, type JobGraph } from '../runtime/graph/job-graph.ts';
import type { OperatorFactory } from '../runtime/operators/stream-operator.ts';
import type { Source } from '../runtime/source/source.ts';
import type { WatermarkStrategy } from '../time/watermark-strategy.ts';
import { JobMaster, type JobExecutionResult } from '../runtime/execution/job-master.ts';
import { deployLocal } from '../runtime/execution/local-deployment.ts';
import { deployOnWorkers, type JobModule } from '../runtime/execution/worker-deployment.ts';
import { currentExecutionContext, workerRuntime, jobModuleOf, type ExecutionContext } from '../runtime/execution/execution-context.ts';
import { DataStream, type StreamInput } from './data-stream.ts';
import { IndexRangeSource } from './sources/index-range-source.ts';
import { JobClient } from './job-client.ts';

export type RuntimeMode = 'STREAMING' | 'BATCH' | 'AUTOMATIC';

export interface NodeSpec {
  readonly name: string;
  readonly operatorType: string;
  readonly kind: StreamNode['kind'];
  readonly factory?: OperatorFactory;
  readonly inputs: readonly StreamInput[];
  readonly keySelectors: (KeySelector | undefined)[];
  readonly source?: Source<any, any, any>;
  readonly watermarkStrategy?: WatermarkStrategy<any>;
  readonly parallelism?: number;
  readonly collectId?: string;
}

export class StreamExecutionEnvironment {
  readonly config: Configuration;
  readonly graph = new StreamGraph();
  readonly #context: ExecutionContext | undefined;
  #jobModule: JobModule | undefined;
  #collectCount = 0;

  /** Configuration given here overrides the context's (`weir run -D ...`), as code overrides flink-conf in Flink. */
  constructor(config?: Configuration | Record<string, unknown>) {
    this.#context = currentExecutionContext();
    const own = config instanceof Configuration ? config : new Configuration(Object.entries(config ?? {}));
    this.config = (this.#context?.config ?? new Configuration()).merge(own);
    this.config.validate(o.ALL_OPTIONS);
  }

  /** Flink's spelling of `new StreamExecutionEnvironment(config)`. */
  static getExecutionEnvironment(config?: Configuration | Record<string, unknown>): StreamExecutionEnvironment {
    return new StreamExecutionEnvironment(config);
  }

  // ---- configuration ----

  setParallelism(parallelism: number): this {
    this.config.set(o.PARALLELISM, parallelism);
    return this;
  }

  getParallelism(): number {
    return this.config.get(o.PARALLELISM);
  }

  setMaxParallelism(maxParallelism: number): this {
    this.config.set(o.MAX_PARALLELISM, maxParallelism);
    return this;
  }

  setRuntimeMode(mode: RuntimeMode): this {
    this.config.set(o.RUNTIME_MODE, mode);
    return this;
  }

  /** Checkpoints every `intervalMs`; state goes to state.checkpoints.dir (or `dir`). */
  enableCheckpointing(intervalMs: number, mode: 'EXACTLY_ONCE' | 'AT_LEAST_ONCE' = 'EXACTLY_ONCE', dir?: string): this {
    this.config.set(o.CHECKPOINT_INTERVAL, intervalMs);
    this.config.set(o.CHECKPOINT_MODE, mode);
    if (dir !== undefined) this.config.set(o.CHECKPOINTS_DIR, dir);
    return this;
  }

  /** Sets any configuration key (Flink's names), validated when the job starts. */
  configure(settings: Record<string, string | number | boolean>): this {
    for (const [k, v] of Object.entries(settings)) this.config.set(k, v);
    this.config.validate(o.ALL_OPTIONS);
    return this;
  }

  // ---- sources ----

  fromSource<T>(source: Source<T, any, any>, watermarks: WatermarkStrategy<T> | undefined, name: string): DataStream<T> {
    const node = this.addNode({ name, operatorType: 'source', kind: 'source', source, watermarkStrategy: watermarks, inputs: [], keySelectors: [] });
    return new DataStream<T>(this, node);
  }

  /** A bounded stream of the given values, in order (parallelism 1). */
  fromElements<T>(...elements: T[]): DataStream<T> {
    return this.fromCollection(elements);
  }

  fromCollection<T>(elements: readonly T[]): DataStream<T> {
    const items = [...elements];
    const source = new IndexRangeSource<T>({ start: 0, end: items.length, produce: (i) => items[i]!, splits: 1 });
    const node = this.addNode({ name: 'Collection Source', operatorType: 'collection-source', kind: 'source', source, inputs: [], keySelectors: [], parallelism: 1 });
    return new DataStream<T>(this, node);
  }

  /** The numbers from..to (inclusive), split over the parallel instances; `to` = Infinity never ends. */
  fromSequence(from: number, to: number, opts: { rowsPerSecond?: number } = {}): DataStream<number> {
    const source = new IndexRangeSource<number>({ start: from, end: to === Infinity ? Infinity : to + 1, produce: (i) => i, rowsPerSecond: opts.rowsPerSecond });
    return this.fromSource(source, undefined, 'Sequence Source');
  }

  /** Records made by `generate(index)` for index 0..count-1 (Infinity: endless), optionally rate-limited. */
  fromGenerator<T>(generate: (index: number) => T, count: number, opts: { rowsPerSecond?: number; watermarks?: WatermarkStrategy<T> } = {}): DataStream<T> {
    const source = new IndexRangeSource<T>({ start: 0, end: count, produce: generate, rowsPerSecond: opts.rowsPerSecond });
    return this.fromSource(source, opts.watermarks, 'Data Generator');
  }

  // ---- graph ----

  addNode(spec: NodeSpec): StreamNode {
    const node = this.graph.addNode({
      name: spec.name,
      uid: undefined,
      parallelism: spec.parallelism,
      maxParallelism: undefined,
      kind: spec.kind,
      operatorType: spec.operatorType,
      source: spec.source,
      watermarkStrategy: spec.watermarkStrategy,
      operatorFactory: spec.factory,
      keySelectors: spec.keySelectors,
      chaining: 'always',
      collectId: spec.collectId,
    });
    for (const input of spec.inputs) {
      const s = input.stream;
      if (s.env !== this) throw new WeirError('cannot combine streams of different execution environments');
      this.graph.addEdge({
        source: s.node.id,
        target: node.id,
        partitioner: s.partitioner,
        inputIndex: input.inputIndex,
        sideOutputTag: s.sideOutputTag,
        keySelector: s.partitioner === 'hash' ? (s as unknown as { keySelector: KeySelector }).keySelector : undefined,
      });
    }
    return node;
  }

  /** @internal Adds a collect sink for executeAndCollect(); returns its id. */
  addCollectSink(stream: DataStream<any>): string {
    const collectId = `collect-${this.#collectCount++}`;
    const node = this.addNode({ name: 'Collect Sink', operatorType: 'collect', kind: 'sink', inputs: [{ stream, inputIndex: 0 }], keySelectors: [undefined], collectId });
    // One instance, as Flink's collect sink: results come back in the order of a single-instance
    // producer (a sorted query's last operator), not rebalanced over several subtasks.
    node.parallelism = 1;
    return collectId;
  }

  isBatch(): boolean {
    const mode = this.config.get(o.RUNTIME_MODE);
    if (mode === 'BATCH') {
      const unbounded = this.graph.nodes.filter((n) => n.kind === 'source' && n.source!.boundedness !== 'bounded');
      if (unbounded.length) throw new WeirError(`execution.runtime-mode is BATCH but source '${unbounded[0]!.name}' is unbounded; BATCH needs bounded sources`);
      return true;
    }
    return mode === 'AUTOMATIC' && this.graph.nodes.every((n) => n.kind !== 'source' || n.source!.boundedness === 'bounded');
  }

  getJobGraph(jobName: string): JobGraph {
    return buildJobGraph(this.graph, jobName, { defaultParallelism: this.getParallelism(), maxParallelism: this.config.get(o.MAX_PARALLELISM) });
  }

  // ---- execution ----

  /**
   * Names the module that worker threads import to rebuild this job (and the argv they see), for
   * jobs not built by the module that calls execute() — the SQL layer rebuilds its jobs from the
   * statements. By default the caller of execute() is the job module.
   */
  setJobModule(jobModule: JobModule): this {
    this.#jobModule = jobModule;
    return this;
  }

  /** Runs the job to its end and returns its result; throws if it fails. */
  async execute(jobName = 'Weir Streaming Job', collectors?: Record<string, (values: unknown[]) => void>): Promise<JobExecutionResult> {
    const client = await this.executeAsync(jobName, collectors);
    return client.result;
  }

  /** Starts the job and returns a handle to cancel it, take savepoints and await its result. */
  async executeAsync(jobName = 'Weir Streaming Job', collectors?: Record<string, (values: unknown[]) => void>): Promise<JobClient<unknown>> {
    if (this.graph.nodes.length === 0) throw new WeirError('no operators defined in the job; add a source and a sink before execute()');
    const graph = this.getJobGraph(jobName);
    const worker = workerRuntime();
    if (worker) return worker.run(graph) ?? JobClient.skipped(graph.jobName);
    const slots = Math.max(...graph.vertices.map((v) => v.parallelism));
    const caller = jobModuleOf(new Error().stack ?? '');
    const jobModule = this.#jobModule ?? (caller ? { url: caller } : undefined);
    const master = new JobMaster({
      graph,
      config: this.config,
      batch: this.isBatch(),
      deployer: slots === 1 ? deployLocal : (spec, restore, gateway) => deployOnWorkers(spec, restore, gateway, jobModule),
      onCollect: (id, values) => collectors?.[id]?.(values),
    });
    const client = new JobClient(master);
    this.#context?.onJobStarted?.(client);
    await master.start();
    return client;
  }
}
