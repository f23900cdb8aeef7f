// Savepoints through `weir run`: a job stopped with a savepoint at parallelism 2 is restored with -s at
// parallelism 1 (a savepoint directory moved elsewhere, a retained chk-<n> directory, a _metadata file).
import { test } from 'node:test';
import { savepointChain } from './savepoint-chain.ts';

test('stop-with-savepoint at p=2, restores by -s at p=1 continue the job exactly; uid and max-parallelism checks', (t) => savepointChain(t, 1));
