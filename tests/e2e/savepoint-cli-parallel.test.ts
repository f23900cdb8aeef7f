// Savepoints through `weir run` with every restore at parallelism 2 (worker threads), where restored
// sources start emitting to other workers as soon as their own worker has started.
import { test } from 'node:test';
import { savepointChain } from './savepoint-chain.ts';

test('stop-with-savepoint at p=2, restores by -s at p=2 continue the job exactly; uid and max-parallelism checks', (t) => savepointChain(t, 2));
