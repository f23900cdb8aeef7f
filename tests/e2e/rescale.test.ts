// Rescaling down and up: keyed state and operator list state redistributed 2 -> 1 -> 3 through savepoints
// (parallelism 1 runs in one thread, 2 and 3 on worker threads).
import { test } from 'node:test';
import { rescaleChain } from './rescale-chain.ts';

test('rescale 2 -> 1 -> 3: keyed reduce and operator list state are redistributed', (t) => rescaleChain(t, [2, 1, 3]));
