import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../core/errors.ts';
import { connectorIdentifiers, getConnector, registerConnector } from './connector-registry.ts';
import type { TableConnectorFactory } from './table-connector.ts';

test('built-in connectors are registered by identifier and load on first use', async () => {
  for (const id of ['blackhole', 'datagen', 'filesystem', 'print']) assert.ok(connectorIdentifiers().includes(id), id);
  const datagen = await getConnector('datagen', "table 'c.d.t'");
  assert.equal(datagen.identifier, 'datagen');
  assert.equal(await getConnector('datagen', "table 'c.d.t'"), datagen);
});

test('a registered connector is loaded once, only when asked for', async () => {
  let loads = 0;
  const factory: TableConnectorFactory = { identifier: 'test-lazy', options: [] };
  registerConnector('test-lazy', async () => { loads++; return factory; });
  assert.equal(loads, 0);
  const [a, b] = await Promise.all([getConnector('test-lazy', 'here'), getConnector('test-lazy', 'here')]);
  assert.equal(a, factory);
  assert.equal(b, factory);
  assert.equal(loads, 1);
});

test('a loader that fails is retried on the next request', async () => {
  let attempt = 0;
  registerConnector('test-flaky', async () => {
    if (attempt++ === 0) throw new Error('module not found');
    return { identifier: 'test-flaky', options: [] };
  });
  await assert.rejects(getConnector('test-flaky', 'here'), /module not found/);
  assert.equal((await getConnector('test-flaky', 'here')).identifier, 'test-flaky');
});

test('an unknown identifier lists the available ones as Flink does', async () => {
  await assert.rejects(getConnector('kafkaa', "table 'default_catalog.default_database.orders'"), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.key, 'connector');
    assert.match(e.message, /^Unable to create a source or sink for table 'default_catalog\.default_database\.orders'\.\n\nCould not find any factory for identifier 'kafkaa' that implements 'DynamicTableFactory' in the classpath\.\n\nAvailable factory identifiers are:\n\n/);
    const listed = e.message.split('Available factory identifiers are:\n\n')[1]!.split('\n');
    assert.deepEqual(listed, [...listed].sort());
    for (const id of ['blackhole', 'datagen', 'filesystem', 'print']) assert.ok(listed.includes(id));
    return true;
  });
});
