import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../core/errors.ts';
import type { RowFormatFactory } from '../../formats/row-format.ts';
import { TableOptions, validateOptions } from './option-validation.ts';
import type { TableConnectorFactory } from './table-connector.ts';

const connector: TableConnectorFactory = {
  identifier: 'demo',
  options: [
    { key: 'path', required: true },
    { key: 'mode', allowed: ['fast', 'SAFE'] },
    { key: 'fields.#.kind', pattern: true, allowed: ['random', 'sequence'] },
    { key: 'format' },
  ],
};

const jsonLike = { identifier: 'json', options: [{ key: 'ignore-parse-errors', allowed: ['true', 'false'] }] } as unknown as RowFormatFactory;

function message(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.message;
  }
  throw new Error('expected an error');
}

test('unknown keys are listed with every supported key, format keys under their prefix', () => {
  assert.equal(
    message(() => validateOptions(connector, { connector: 'demo', path: '/x', zzz: '1', aaa: '2' }, [jsonLike])),
    "Unsupported options found for 'demo'.\n\nUnsupported options:\n\naaa\nzzz\n\nSupported options:\n\nconnector\nfields.#.kind\nformat\njson.ignore-parse-errors\nmode\npath\nproperty-version",
  );
  assert.doesNotThrow(() => validateOptions(connector, { connector: 'demo', path: '/x', 'json.ignore-parse-errors': 'TRUE', 'fields.a.b.kind': 'random' }, [jsonLike]));
  assert.doesNotThrow(() => validateOptions(connector, { connector: 'demo', path: '/x', 'value.json.ignore-parse-errors': 'true' }, [{ prefix: 'value.json.', format: jsonLike }]));
});

test('missing required keys and values outside the allowed set are named', () => {
  assert.equal(message(() => validateOptions(connector, { connector: 'demo' })), 'One or more required options are missing.\n\nMissing required options are:\n\npath');
  assert.equal(message(() => validateOptions(connector, { connector: 'demo', path: '/', mode: 'slow' })), "Invalid value for option 'mode': 'slow'. Allowed values are: fast, SAFE");
  assert.doesNotThrow(() => validateOptions(connector, { connector: 'demo', path: '/', mode: 'safe' }));
  assert.match(message(() => validateOptions(connector, { connector: 'demo', path: '/', 'fields.x.kind': 'seq' })), /'fields\.x\.kind': 'seq'\. Allowed values are: random, sequence/);
});

test('typed getters parse durations, sizes, integers, booleans and choices, naming the key on errors', () => {
  const o = new TableOptions({ a: '2 s', b: '10s', c: '1 min', d: '128MB', e: '64 kb', f: '42', g: 'TRUE', h: 'x', i: 'iso-8601', j: '0.25' }, "table 'c.d.t'");
  assert.equal(o.duration('a'), 2000);
  assert.equal(o.duration('b'), 10_000);
  assert.equal(o.duration('c'), 60_000);
  assert.equal(o.memory('d'), 128 * 1024 * 1024);
  assert.equal(o.memory('e'), 64 * 1024);
  assert.equal(o.int('f'), 42);
  assert.equal(o.boolean('g'), true);
  assert.equal(o.number('j'), 0.25);
  assert.equal(o.int('missing', 7), 7);
  assert.equal(o.choice('i', ['SQL', 'ISO-8601'], 'SQL'), 'ISO-8601');
  assert.equal(message(() => o.int('h')), "Invalid value for option 'h' of table 'c.d.t': 'x' (expected an integer)");
  assert.match(message(() => o.duration('h')), /expected a duration such as '500 ms', '10 s' or '1 min'/);
  assert.match(message(() => o.boolean('h')), /expected one of: true, false/);
  assert.match(message(() => o.choice('h', ['SQL', 'ISO-8601'], 'SQL')), /Allowed values are: SQL, ISO-8601/);
  assert.match(message(() => o.required('nope')), /Missing required option 'nope' of table 'c\.d\.t'/);
});
