// examples/fraud-detection.ts raises exactly the alerts of a plain sequential reading of the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const COUNT = 20_000;

/** The example's generator, restated: 10 accounts, one transaction per 100 ms. */
function transaction(i: number) {
  let h = Math.imul(i + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0;
  const r = h % 1000;
  const amount = r < 40 ? (r + 1) / 50 : r > 980 ? 500 + r : 5 + (r % 200);
  return { accountId: 1 + (h >>> 20) % 10, amount: Math.round(amount * 100) / 100, timestamp: 1_700_000_000_000 + i * 100 };
}

/** The rule read plainly: a small transaction arms an account for one minute; a large one then alerts. */
function expectedAlerts(): string[] {
  const armed = new Map<number, { amount: number; until: number }>();
  const alerts: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const t = transaction(i);
    const a = armed.get(t.accountId);
    const active = a !== undefined && t.timestamp <= a.until;
    if (active && t.amount > 500) {
      alerts.push(`ALERT account ${t.accountId}: ${a.amount.toFixed(2)} then ${t.amount.toFixed(2)} at ${new Date(t.timestamp).toISOString()}`);
      armed.delete(t.accountId);
    }
    if (!active) armed.delete(t.accountId);
    if (t.amount < 1) armed.set(t.accountId, { amount: t.amount, until: t.timestamp + 60_000 });
  }
  return alerts.sort();
}

for (const p of [1, 2]) {
  test(`fraud detection at parallelism ${p} raises the expected alerts`, async () => {
    const { stdout } = await run(process.execPath, ['src/cli/main.ts', 'run', '-p', String(p), 'examples/fraud-detection.ts', '--count', String(COUNT)], { cwd: new URL('../..', import.meta.url).pathname });
    const got = stdout.split('\n').filter((l) => l.includes('ALERT')).map((l) => l.replace(/^fraud(:\d+)?> /, '')).sort();
    const want = expectedAlerts();
    assert.ok(want.length > 100, 'the generated stream has plenty of fraud');
    assert.deepEqual(got, want);
  });
}
