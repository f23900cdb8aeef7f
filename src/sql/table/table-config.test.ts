import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TableConfig, validateOption, RESULT_MODE } from './table-config.ts';
import { STATE_TTL } from './table-options.ts';

test('SET accepts known runtime, table and client keys and checks their values', () => {
  const c = new TableConfig();
  c.set('table.exec.state.ttl', '1 h').set('parallelism.default', '2').set('sql-client.execution.result-mode', 'tableau').set('table.dml-sync', 'true');
  assert.equal(c.getOption(STATE_TTL), 3_600_000);
  assert.equal(c.getOption(RESULT_MODE), 'TABLEAU');
  assert.equal(c.configuration().getRaw('parallelism.default'), '2');
  assert.deepEqual(c.entries().map((e) => e[0]), ['parallelism.default', 'sql-client.execution.result-mode', 'table.dml-sync', 'table.exec.state.ttl']);
});

test('a bad value names the key and the allowed values', () => {
  assert.throws(() => validateOption('sql-client.execution.result-mode', 'grid'),
    { name: 'ConfigError', message: "invalid value 'grid' for configuration key 'sql-client.execution.result-mode': expected one of: TABLE, CHANGELOG, TABLEAU" });
  assert.throws(() => validateOption('table.exec.mini-batch.enabled', 'yes'), /expected one of: true, false/);
  assert.throws(() => validateOption('parallelism.default', '0'), /expected an integer >= 1/);
  assert.throws(() => validateOption('table.exec.state.ttl', 'soon'), /expected a duration/);
});

test('an unknown key is an error listing the known keys of its prefix', () => {
  assert.throws(() => validateOption('table.exec.mini-batch.enable', 'true'), (e: Error) => {
    assert.match(e.message, /^Unknown configuration key 'table.exec.mini-batch.enable'. Known 'table.\*' keys are:\n/);
    assert.match(e.message, /\ntable.exec.mini-batch.enabled\n/);
    return true;
  });
  assert.throws(() => validateOption('foo', 'x'), /Unknown configuration key 'foo'. Known key prefixes are: execution, parallelism, pipeline/);
});

test('RESET returns a key, or every key, to its initial value', () => {
  const c = new TableConfig({ 'parallelism.default': '4' });
  c.set('parallelism.default', '1').set('table.local-time-zone', 'Europe/Berlin');
  c.reset('parallelism.default');
  assert.equal(c.get('parallelism.default'), '4');
  assert.equal(c.get('table.local-time-zone'), 'Europe/Berlin');
  c.reset();
  assert.deepEqual(c.entries(), [['parallelism.default', '4']]);
  assert.throws(() => c.reset('nope.key'), /Unknown configuration key 'nope.key'/);
  assert.throws(() => new TableConfig({ 'execution.runtime-mode': 'fast' }), /expected one of: STREAMING, BATCH, AUTOMATIC/);
});
