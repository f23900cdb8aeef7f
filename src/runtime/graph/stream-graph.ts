// The stream graph: one node per transformation the API built, and the edges between them.
import type { OperatorFactory } from '../operators/stream-operator.ts';
import type { Source } from '../source/source.ts';
import type { WatermarkStrategy } from '../../time/watermark-strategy.ts';
import type { KeySelector, PartitionerKind } from './partitioner.ts';

export interface StreamEdge {
  readonly source: number;
  readonly target: number;
  readonly partitioner: PartitionerKind;
  /** Which logical input of the target (0, or 1 for the second input of connect/broadcast). */
  readonly inputIndex: number;
  /** Set when the edge carries a side output of the source node. */
  readonly sideOutputTag?: string;
  /** For hash edges: the key of a record. */
  readonly keySelector?: KeySelector;
}

export interface StreamNode {
  readonly id: number;
  name: string;
  uid: string | undefined;
  /** undefined: the job's default parallelism. */
  parallelism: number | undefined;
  maxParallelism: number | undefined;
  /** Whether parallelism may differ from the default (sources like fromElements are fixed at 1). */
  readonly kind: 'source' | 'operator' | 'sink';
  /** A stable description of what the node computes, for the graph fingerprint (not the code). */
  readonly operatorType: string;
  readonly source?: Source<any, any, any>;
  readonly watermarkStrategy?: WatermarkStrategy<any>;
  readonly operatorFactory?: OperatorFactory;
  /** Per logical input: the key selector when that input is keyed. */
  readonly keySelectors: (KeySelector | undefined)[];
  /** 'head': never chained to its predecessor (e.g. after startNewChain or disableChaining). */
  chaining: 'always' | 'head' | 'never';
  /** Collect sinks hand their records to this callback in the calling process. */
  readonly collectId?: string;
}

export class StreamGraph {
  readonly nodes: StreamNode[] = [];
  readonly edges: StreamEdge[] = [];

  addNode(node: Omit<StreamNode, 'id'>): StreamNode {
    const n = { ...node, id: this.nodes.length } as StreamNode;
    this.nodes.push(n);
    return n;
  }

  addEdge(edge: StreamEdge): void {
    this.edges.push(edge);
  }

  inputsOf(id: number): StreamEdge[] {
    return this.edges.filter((e) => e.target === id);
  }

  outputsOf(id: number): StreamEdge[] {
    return this.edges.filter((e) => e.source === id);
  }

  node(id: number): StreamNode {
    return this.nodes[id]!;
  }
}
