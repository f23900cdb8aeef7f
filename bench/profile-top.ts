// Prints the functions with the most self time (and their inclusive time) from a V8 .cpuprofile, to see what limits a workload.
//
//   node --cpu-prof --cpu-prof-dir /tmp/prof bench/workloads/keyed-reduce.ts --parallelism 1
//   node bench/profile-top.ts /tmp/prof/CPU.*.cpuprofile [--top 30] [--by file]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' }, by: { type: 'string', default: 'function' } } });
if (positionals.length === 0) {
  console.error('usage: node bench/profile-top.ts FILE.cpuprofile... [--top 30] [--by function|file]');
  process.exit(2);
}

/** Where a frame comes from, shortened to the path inside the repository. */
function shortUrl(url: string): string {
  const m = url.match(/\/(src|bench|node_modules)\/(.*)$/);
  return m ? `${m[1]}/${m[2]}` : url.replace(/^file:\/\//, '') || '(native)';
}

function keyOf(f: CallFrame, by: string): string {
  if (by === 'file') return shortUrl(f.url);
  const name = f.functionName || '(anonymous)';
  return f.url ? `${name}  ${shortUrl(f.url)}:${f.lineNumber + 1}` : name;
}

for (const file of positionals) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time since the previous sample; attribute it to the sample it ends at.
  for (let i = 0; i < p.samples.length; i++) selfUs.set(p.samples[i]!, (selfUs.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  // Inclusive time: each node's self time counts once for every distinct key on its stack.
  const root = p.nodes[0]!;
  const stack: Array<{ node: ProfileNode; keys: Set<string> }> = [{ node: root, keys: new Set([keyOf(root.callFrame, values.by!)]) }];
  while (stack.length) {
    const { node, keys } = stack.pop()!;
    const t = selfUs.get(node.id) ?? 0;
    const k = keyOf(node.callFrame, values.by!);
    self.set(k, (self.get(k) ?? 0) + t);
    for (const key of keys) inclusive.set(key, (inclusive.get(key) ?? 0) + t);
    for (const c of node.children ?? []) {
      const child = byId.get(c)!;
      stack.push({ node: child, keys: new Set([...keys, keyOf(child.callFrame, values.by!)]) });
    }
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
  console.log(`\n${file}: ${(total / 1e6).toFixed(2)} s sampled; top ${values.top} by self time (self, inclusive)`);
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
  for (const [k, us] of rows) console.log(`${pct(us)} ${pct(inclusive.get(k) ?? 0)}  ${k}`);
}
