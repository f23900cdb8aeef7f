import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Configuration } from '../../core/config.ts';
import { restartStrategyFrom } from './restart-strategy.ts';

const conf = (o: Record<string, string>) => new Configuration(Object.entries(o));

test('none never restarts', () => {
  assert.equal(restartStrategyFrom(conf({})).onFailure(0), undefined);
});

test('fixed-delay restarts a fixed number of times with its delay', () => {
  const s = restartStrategyFrom(conf({ 'restart-strategy.type': 'fixed-delay', 'restart-strategy.fixed-delay.attempts': '2', 'restart-strategy.fixed-delay.delay': '3 s' }));
  assert.deepEqual([s.onFailure(0), s.onFailure(1), s.onFailure(2)], [3000, 3000, undefined]);
});

test('exponential-delay doubles up to the maximum and resets after a long quiet run', () => {
  const s = restartStrategyFrom(conf({
    'restart-strategy.type': 'exponential-delay',
    'restart-strategy.exponential-delay.initial-backoff': '100 ms',
    'restart-strategy.exponential-delay.max-backoff': '350 ms',
    'restart-strategy.exponential-delay.reset-backoff-threshold': '10 s',
  }));
  assert.deepEqual([s.onFailure(1), s.onFailure(2), s.onFailure(3), s.onFailure(4)], [100, 200, 350, 350]);
  assert.equal(s.onFailure(20_000), 100);
});

test('failure-rate fails the job when failures in the interval exceed the maximum', () => {
  const s = restartStrategyFrom(conf({
    'restart-strategy.type': 'failure-rate',
    'restart-strategy.failure-rate.max-failures-per-interval': '2',
    'restart-strategy.failure-rate.failure-rate-interval': '1 min',
    'restart-strategy.failure-rate.delay': '5 ms',
  }));
  assert.equal(s.onFailure(0), 5);
  assert.equal(s.onFailure(1000), 5);
  assert.equal(s.onFailure(2000), undefined);
  assert.equal(restartStrategyFrom(conf({ 'restart-strategy.type': 'failure-rate', 'restart-strategy.failure-rate.max-failures-per-interval': '1' })).onFailure(0), 1000);
});

test('an unknown strategy names the key and the allowed values', () => {
  assert.throws(() => restartStrategyFrom(conf({ 'restart-strategy.type': 'sometimes' })),
    /invalid value 'sometimes' for configuration key 'restart-strategy.type': expected one of: none, disable, fixed-delay, exponential-delay, failure-rate/);
});
