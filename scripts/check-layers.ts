// Fails when a file imports from a layer above its own (DESIGN.md §2): imports only flow down.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

const LAYERS = ['core', 'state', 'time', 'runtime', 'api', 'formats', 'connectors', 'sql', 'cluster', 'cli'];
// formats and connectors share a level: connectors may use formats, formats may not use connectors.
const rank = (layer: string): number => (layer === 'connectors' ? LAYERS.indexOf('formats') + 0.5 : LAYERS.indexOf(layer));

const root = resolve(import.meta.dirname, '..', 'src');
const problems: string[] = [];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const layerOf = (file: string): string => relative(root, file).split(sep)[0]!;

for (const file of walk(root)) {
  if (file === join(root, 'index.ts')) continue; // the package entry re-exports the public layers
  const from = layerOf(file);
  if (rank(from) < 0) { problems.push(`${relative(root, file)}: not inside a known layer (${LAYERS.join(', ')})`); continue; }
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    const target = resolve(dirname(file), (m[1] ?? m[2])!);
    if (!target.startsWith(root + sep)) continue;
    const to = layerOf(target);
    if (rank(to) > rank(from)) problems.push(`${relative(root, file)} imports ${relative(root, target)}: layer '${from}' may not depend on '${to}'`);
  }
}

if (problems.length) {
  console.error(`layer check failed (imports must flow down: ${LAYERS.join(' < ')}):\n  ` + problems.join('\n  '));
  process.exit(1);
}
console.log('layer check: imports flow down');
