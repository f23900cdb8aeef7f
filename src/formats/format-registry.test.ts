import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../core/errors.ts';
import { getRowFormat, registerRowFormat, rowFormatIdentifiers } from './format-registry.ts';
import type { RowFormatFactory } from './row-format.ts';

test('the built-in formats load by identifier', async () => {
  assert.deepEqual(rowFormatIdentifiers().filter((f) => !f.startsWith('test-')), ['canal-json', 'csv', 'debezium-json', 'json', 'maxwell-json', 'raw']);
  for (const id of rowFormatIdentifiers()) {
    const f = await getRowFormat(id);
    assert.equal(f.identifier, id);
    assert.equal(f.changelogMode, id.endsWith('-json') && id !== 'json' ? 'all' : 'insert-only');
  }
  assert.deepEqual(Object.keys((await getRowFormat('debezium-json')).readableMetadata).sort(), ['ingestion-timestamp', 'schema', 'source.database', 'source.properties', 'source.schema', 'source.table', 'source.timestamp']);
});

test('a format loads once, on first use; an unknown one lists the available', async () => {
  let loads = 0;
  registerRowFormat('test-fmt', async () => { loads++; return { identifier: 'test-fmt' } as RowFormatFactory; });
  assert.equal(loads, 0);
  await Promise.all([getRowFormat('test-fmt'), getRowFormat('test-fmt')]);
  assert.equal(loads, 1);
  await assert.rejects(getRowFormat('jsn', 'value.format'), (e: unknown) => e instanceof ConfigError && e.key === 'value.format' && /identifier 'jsn' \(option 'value\.format'\)\. Available format identifiers are:\n\ncanal-json\ncsv\n/.test(e.message));
});
