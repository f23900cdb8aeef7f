// The job graph: stream-graph nodes chained into vertices (forward edges with equal parallelism
// become direct calls inside one task), with network edges between vertices.
import { murmur3 } from '../../core/key-group.ts';
import { WeirError } from '../../core/errors.ts';
import type { StreamEdge, StreamGraph, StreamNode } from './stream-graph.ts';
import type { PartitionerKind } from './partitioner.ts';

export interface JobVertex {
  readonly id: number;
  readonly name: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** Nodes of the chain, head first, in an order where every node comes after its chained input. */
  readonly nodes: readonly StreamNode[];
  readonly head: StreamNode;
  /** Edges between nodes of this chain (direct calls). */
  readonly chainedEdges: readonly StreamEdge[];
  readonly inputs: readonly NetworkEdge[];
  readonly outputs: readonly NetworkEdge[];
}

/** An edge between two vertices: records cross it through channels, serialized when they cross threads. */
export interface NetworkEdge {
  readonly id: number;
  readonly edge: StreamEdge;
  readonly partitioner: PartitionerKind;
  readonly sourceVertex: number;
  readonly targetVertex: number;
}

export interface JobGraph {
  readonly jobName: string;
  readonly vertices: readonly JobVertex[];
  readonly networkEdges: readonly NetworkEdge[];
  /** Operator uid per stream node id: the key of its state in checkpoints and savepoints. */
  readonly uids: ReadonlyMap<number, string>;
  readonly fingerprint: string;
  readonly streamGraph: StreamGraph;
}

export interface JobGraphOptions {
  readonly defaultParallelism: number;
  readonly maxParallelism: number;
}

export function buildJobGraph(graph: StreamGraph, jobName: string, opts: JobGraphOptions): JobGraph {
  const parallelism = (n: StreamNode): number => n.parallelism ?? opts.defaultParallelism;
  const uids = assignUids(graph);

  const chainable = (e: StreamEdge): boolean => {
    const up = graph.node(e.source);
    const down = graph.node(e.target);
    return e.partitioner === 'forward'
      && parallelism(up) === parallelism(down)
      && graph.inputsOf(down.id).length === 1
      && down.chaining === 'always' && up.chaining !== 'never';
  };

  // Every node whose single input edge is chainable joins its predecessor's chain.
  const headOf = new Map<number, number>();
  for (const n of graph.nodes) {
    const ins = graph.inputsOf(n.id);
    headOf.set(n.id, ins.length === 1 && chainable(ins[0]!) ? headOf.get(ins[0]!.source)! : n.id);
  }

  const vertexIdOfHead = new Map<number, number>();
  const heads = graph.nodes.filter((n) => headOf.get(n.id) === n.id);
  heads.forEach((h, i) => vertexIdOfHead.set(h.id, i));
  const vertexOf = (nodeId: number): number => vertexIdOfHead.get(headOf.get(nodeId)!)!;

  const networkEdges: NetworkEdge[] = [];
  for (const e of graph.edges) {
    if (headOf.get(e.target) === e.target || !chainable(e)) {
      const up = graph.node(e.source);
      const down = graph.node(e.target);
      let partitioner = e.partitioner;
      if (partitioner === 'forward' && parallelism(up) !== parallelism(down)) partitioner = 'rebalance';
      networkEdges.push({ id: networkEdges.length, edge: e, partitioner, sourceVertex: vertexOf(e.source), targetVertex: vertexOf(e.target) });
    }
  }

  const vertices: JobVertex[] = heads.map((head, id) => {
    const nodes = graph.nodes.filter((n) => headOf.get(n.id) === head.id);
    const maxPar = head.maxParallelism ?? opts.maxParallelism;
    const par = parallelism(head);
    if (par > maxPar) {
      throw new WeirError(`operator '${head.name}' has parallelism ${par}, more than its max parallelism ${maxPar}; lower the parallelism or raise pipeline.max-parallelism`);
    }
    return {
      id,
      name: nodes.map((n) => n.name).join(' -> '),
      parallelism: par,
      maxParallelism: maxPar,
      nodes,
      head,
      chainedEdges: graph.edges.filter((e) => headOf.get(e.target) === head.id && e.target !== head.id && chainable(e)),
      inputs: networkEdges.filter((ne) => ne.targetVertex === id),
      outputs: networkEdges.filter((ne) => ne.sourceVertex === id),
    };
  });

  return { jobName, vertices, networkEdges, uids, fingerprint: fingerprintOf(graph, vertices, jobName), streamGraph: graph };
}

/** User uids as given; others derived from the node's position and kind, stable for the same program. */
function assignUids(graph: StreamGraph): Map<number, string> {
  const uids = new Map<number, string>();
  const seen = new Set<string>();
  for (const n of graph.nodes) {
    const uid = n.uid ?? `auto-${n.id}-${n.operatorType}`;
    if (seen.has(uid)) throw new WeirError(`uid '${uid}' is used by more than one operator (second: '${n.name}'); uids must be unique within a job`);
    seen.add(uid);
    uids.set(n.id, uid);
  }
  return uids;
}

function fingerprintOf(graph: StreamGraph, vertices: readonly JobVertex[], jobName: string): string {
  const shape = JSON.stringify({
    jobName,
    nodes: graph.nodes.map((n) => [n.id, n.name, n.uid ?? null, n.operatorType, n.keySelectors.length]),
    edges: graph.edges.map((e) => [e.source, e.target, e.partitioner, e.inputIndex, e.sideOutputTag ?? null]),
    vertices: vertices.map((v) => [v.parallelism, v.maxParallelism]),
  });
  return murmur3(new TextEncoder().encode(shape)).toString(16).padStart(8, '0');
}

/** A readable description of the graph, for errors when a worker rebuilt a different one. */
export function describeJobGraph(g: JobGraph): string {
  return g.vertices.map((v) => `${v.name} (p=${v.parallelism})`).join(', ');
}
