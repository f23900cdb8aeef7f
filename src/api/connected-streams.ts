// Two-input streams: connect() of two streams (co-map, co-flat-map, co-process, keyed co-process)
// and of a stream with a broadcast stream (the broadcast state pattern).
import type { BroadcastStateDescriptor } from '../state/operator-state.ts';
import type { OperatorFactory } from '../runtime/operators/stream-operator.ts';
import { CoMapOperator } from '../runtime/operators/functions/co-map-operator.ts';
import { CoFlatMapOperator } from '../runtime/operators/functions/co-flat-map-operator.ts';
import { CoProcessOperator } from '../runtime/operators/functions/co-process-operator.ts';
import { KeyedCoProcessOperator } from '../runtime/operators/functions/keyed-co-process-operator.ts';
import { BroadcastProcessOperator } from '../runtime/operators/functions/broadcast-process-operator.ts';
import { KeyedBroadcastProcessOperator } from '../runtime/operators/functions/keyed-broadcast-process-operator.ts';
import type {
  CoMapFunction, CoFlatMapFunction, CoProcessFunction, KeyedCoProcessFunction, BroadcastProcessFunction, KeyedBroadcastProcessFunction, KeySelector,
} from '../runtime/operators/functions/user-functions.ts';
import { DataStream, KeyedStream } from './data-stream.ts';

function twoInput<R>(first: DataStream<any>, second: DataStream<any>, name: string, type: string, factory: OperatorFactory<any, R>, keySelectors: (KeySelector<any, any> | undefined)[]): DataStream<R> {
  const node = first.env.addNode({
    name, operatorType: type, factory, kind: 'operator',
    inputs: [{ stream: first, inputIndex: 0 }, { stream: second, inputIndex: 1 }],
    keySelectors,
  });
  return new DataStream<R>(first.env, node);
}

export class ConnectedStreams<A, B> {
  readonly first: DataStream<A>;
  readonly second: DataStream<B>;

  constructor(first: DataStream<A>, second: DataStream<B>) {
    this.first = first;
    this.second = second;
  }

  /** Partitions both inputs by key, so keyed state and timers see both sides of a key. */
  keyBy<K>(key1: KeySelector<A, K>, key2: KeySelector<B, K>): ConnectedStreams<A, B> {
    return new ConnectedStreams(this.first.keyBy(key1), this.second.keyBy(key2));
  }

  #keys(): (KeySelector<any, any> | undefined)[] {
    return [this.first instanceof KeyedStream ? this.first.keySelector : undefined, this.second instanceof KeyedStream ? this.second.keySelector : undefined];
  }

  map<R>(fn: CoMapFunction<A, B, R>): DataStream<R> {
    return twoInput(this.first, this.second, 'Co-Map', 'co-map', () => new CoMapOperator(fn), this.#keys());
  }

  flatMap<R>(fn: CoFlatMapFunction<A, B, R>): DataStream<R> {
    return twoInput(this.first, this.second, 'Co-Flat Map', 'co-flat-map', () => new CoFlatMapOperator(fn), this.#keys());
  }

  /** A CoProcessFunction, or a KeyedCoProcessFunction after keyBy (with state and timers). */
  process<R, K = unknown>(fn: CoProcessFunction<A, B, R> | KeyedCoProcessFunction<K, A, B, R>): DataStream<R> {
    const keys = this.#keys();
    return keys[0] && keys[1]
      ? twoInput(this.first, this.second, 'KeyedCoProcess', 'keyed-co-process', () => new KeyedCoProcessOperator(fn as KeyedCoProcessFunction<K, A, B, R>), keys)
      : twoInput(this.first, this.second, 'Co-Process', 'co-process', () => new CoProcessOperator(fn as CoProcessFunction<A, B, R>), keys);
  }
}

/** A stream whose records go to every parallel instance, together with the broadcast states they update. */
export class BroadcastStream<T> {
  readonly stream: DataStream<T>;
  readonly descriptors: readonly BroadcastStateDescriptor<any, any>[];

  constructor(stream: DataStream<T>, descriptors: readonly BroadcastStateDescriptor<any, any>[]) {
    this.stream = stream;
    this.descriptors = descriptors;
  }
}

export class BroadcastConnectedStream<A, B> {
  readonly #first: DataStream<A>;
  readonly #broadcast: BroadcastStream<B>;

  constructor(first: DataStream<A>, broadcast: BroadcastStream<B>) {
    this.#first = first;
    this.#broadcast = broadcast;
  }

  /** A BroadcastProcessFunction, or a KeyedBroadcastProcessFunction when the first stream is keyed. */
  process<R, K = unknown>(fn: BroadcastProcessFunction<A, B, R> | KeyedBroadcastProcessFunction<K, A, B, R>): DataStream<R> {
    const d = this.#broadcast.descriptors;
    const first = this.#first;
    return first instanceof KeyedStream
      ? twoInput(first, this.#broadcast.stream, 'Co-Process-Broadcast-Keyed', 'keyed-broadcast-process', () => new KeyedBroadcastProcessOperator(fn as KeyedBroadcastProcessFunction<K, A, B, R>, d), [first.keySelector, undefined])
      : twoInput(first, this.#broadcast.stream, 'Co-Process-Broadcast', 'broadcast-process', () => new BroadcastProcessOperator(fn as BroadcastProcessFunction<A, B, R>, d), [undefined, undefined]);
  }
}
