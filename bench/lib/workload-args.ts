// Reads a workload module's numeric parameters from process.argv (`--records 1e7 --parallelism 2`).
import { parseArgs } from 'node:util';

/**
 * Parses `--name value` for every name in `defaults` and returns them as numbers; numbers may be
 * written as `10000000`, `1e7` or `10_000_000`. Worker threads see the same argv as the main thread,
 * so they rebuild the same job.
 */
export function workloadArgs<K extends string>(defaults: Record<K, number>): Record<K, number> & { dir: string | undefined } {
  const options: Record<string, { type: 'string' }> = { dir: { type: 'string' } };
  for (const name of Object.keys(defaults)) options[name] = { type: 'string' };
  const { values } = parseArgs({ args: process.argv.slice(2), options, strict: true, allowPositionals: false });
  const out = { ...defaults, dir: values.dir as string | undefined } as Record<K, number> & { dir: string | undefined };
  for (const name of Object.keys(defaults) as K[]) {
    const raw = values[name];
    if (typeof raw !== 'string') continue;
    const n = Number(raw.replaceAll('_', ''));
    if (!Number.isFinite(n)) throw new RangeError(`--${name} must be a number, got '${raw}'`);
    (out as Record<K, number>)[name] = n;
  }
  return out;
}
