// A worker thread's first module: turns on Node's on-disk compile cache before the engine and the
// job modules load, so that every worker after the first skips most compilation.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./worker-entry.ts');
