// The `weir` command line. Node's on-disk compile cache is on before anything else loads, so a
// second start skips most compilation of the engine and the job.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./program.ts');
