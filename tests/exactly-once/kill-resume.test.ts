// SIGKILLs `weir run examples/event-counts.ts` (p=1) at random moments and resumes it from the newest retained checkpoint until it finishes; the committed window counts must equal a failure-free run and a reference computed by the test.
import { after, test } from 'node:test';
import { ExactlyOnceHarness } from './harness.ts';
import { checkEventCountsUnderKills } from './event-counts-kills.ts';

const harness = new ExactlyOnceHarness();
after(() => harness.dispose());

test(`event-counts at p=1 commits every window exactly once across repeated SIGKILLs and resumes (base seed ${harness.seed})`, async (t) => {
  t.diagnostic(await checkEventCountsUnderKills(harness, { parallelism: 1, maxKills: 8 }));
});
