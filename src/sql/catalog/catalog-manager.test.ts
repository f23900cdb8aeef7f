import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ident, QualifiedName } from '../ast/ast.ts';
import { Types } from '../../core/types/logical-type.ts';
import { CatalogManager } from './catalog-manager.ts';
import type { CatalogTable, ObjectPath } from './catalog-objects.ts';

const pos = { line: 1, column: 1 };
const id = (name: string, quoted = false): Ident => ({ kind: 'Ident', pos, name, quoted });
const qn = (...parts: (string | Ident)[]): QualifiedName => ({ kind: 'QualifiedName', pos, parts: parts.map((p) => (typeof p === 'string' ? id(p) : p)) });
const table = (path: ObjectPath, temporary = false, connector = 'datagen'): CatalogTable => ({
  kind: 'table', path, temporary, columns: [{ kind: 'physical', name: 'a', type: Types.INT() }], partitionKeys: [], options: { connector },
});
const at = (name: string, catalog = 'default_catalog', database = 'default_database'): ObjectPath => ({ catalog, database, name });

test('names resolve against the current catalog and database, 1 to 3 parts', () => {
  const cm = new CatalogManager();
  assert.deepEqual(cm.resolvePath(qn('t')), at('t'));
  assert.deepEqual(cm.resolvePath(qn('db', 't')), at('t', 'default_catalog', 'db'));
  assert.deepEqual(cm.resolvePath(qn('c', 'db', 't')), at('t', 'c', 'db'));
  assert.throws(() => cm.resolvePath(qn('a', 'b', 'c', 'd')), /must have 1 to 3 parts/);
});

test('unquoted names match case-insensitively and resolve to the spelling as created; back-quoted ones match exactly', () => {
  const cm = new CatalogManager();
  cm.createRelation(table(at('Orders')), false);
  assert.deepEqual(cm.resolvePath(qn('ORDERS')), at('Orders'));
  assert.equal(cm.getRelation(cm.resolvePath(qn('orders')))?.path.name, 'Orders');
  assert.equal(cm.getRelation(cm.resolvePath(qn(id('Orders', true))))?.path.name, 'Orders');
  assert.equal(cm.getRelation(cm.resolvePath(qn(id('orders', true)))), undefined);
  assert.equal(cm.getRelation(cm.resolvePath(qn('DEFAULT_CATALOG', 'Default_Database', 'orders')))?.path.name, 'Orders');
});

test('a temporary table shadows the permanent one and must be dropped first, as in Flink', () => {
  const cm = new CatalogManager();
  cm.createRelation(table(at('t'), false, 'permanent'), false);
  cm.createRelation(table(at('t'), true, 'temporary'), false);
  assert.equal((cm.getRelation(at('t')) as CatalogTable).options.connector, 'temporary');
  assert.deepEqual(cm.listRelations('default_catalog', 'default_database').map((r) => r.temporary), [true]);
  assert.throws(() => cm.dropRelation(at('t'), 'table', false, false),
    { message: "Temporary table with identifier 'default_catalog.default_database.t' exists. Drop it first before removing the permanent table." });
  assert.equal(cm.dropRelation(at('t'), 'table', true, false), true);
  assert.equal((cm.getRelation(at('t')) as CatalogTable).options.connector, 'permanent');
  assert.equal(cm.dropRelation(at('t'), 'table', false, false), true);
  assert.equal(cm.getRelation(at('t')), undefined);
});

test('create and drop errors are worded like Flink', () => {
  const cm = new CatalogManager();
  cm.createRelation(table(at('t')), false);
  assert.throws(() => cm.createRelation(table(at('t')), false), { name: 'CatalogError', message: 'Table (or view) default_catalog.default_database.t already exists in Catalog default_catalog.' });
  assert.equal(cm.createRelation(table(at('t')), true), false);
  assert.throws(() => cm.dropRelation(at('x'), 'table', false, false), { message: "Table with identifier 'default_catalog.default_database.x' does not exist." });
  assert.throws(() => cm.dropRelation(at('t'), 'view', false, false), { message: "View with identifier 'default_catalog.default_database.t' does not exist." });
  assert.equal(cm.dropRelation(at('x'), 'table', false, true), false);
  assert.throws(() => cm.createRelation(table(at('t', 'default_catalog', 'nodb')), false), { message: 'Database nodb does not exist in Catalog default_catalog.' });
});

test('catalogs and databases: create, use, list, drop', () => {
  const cm = new CatalogManager();
  cm.createCatalog('c2', { type: 'generic_in_memory' });
  assert.deepEqual(cm.listCatalogs(), ['c2', 'default_catalog']);
  cm.useCatalog('C2');
  assert.equal(cm.currentCatalog, 'c2');
  assert.equal(cm.currentDatabase, 'default_database');
  cm.createDatabase(['sales'], false);
  assert.throws(() => cm.createDatabase(['sales'], false), { message: 'Database sales already exists in Catalog c2.' });
  cm.useDatabase(['sales']);
  assert.deepEqual(cm.resolvePath(qn('t')), at('t', 'c2', 'sales'));
  assert.throws(() => cm.useDatabase(['nope']), { message: 'A database with name [nope] does not exist in the catalog: [c2].' });
  assert.throws(() => cm.useCatalog('nope'), { message: 'A catalog with name [nope] does not exist.' });
  assert.throws(() => cm.dropDatabase(['sales'], false, false), { message: 'Cannot drop a database which is currently in use.' });
  cm.useDatabase(['default_database']);
  cm.createRelation(table(at('t', 'c2', 'sales')), false);
  assert.throws(() => cm.dropDatabase(['sales'], false, false), { message: 'Database sales in catalog c2 is not empty.' });
  cm.dropDatabase(['sales'], false, true);
  assert.deepEqual(cm.listDatabases(), ['default_database']);
  assert.throws(() => cm.dropCatalog('c2', false), { message: 'Cannot drop a catalog which is currently in use.' });
  cm.useCatalog('default_catalog');
  cm.dropCatalog('c2', false);
  assert.deepEqual(cm.listCatalogs(), ['default_catalog']);
});

test('functions: temporary system functions come first and take one-part names', () => {
  const cm = new CatalogManager();
  const impl = { kind: 'scalar' as const, returns: 'INT', eval: () => 1 };
  cm.createFunction({ kind: 'function', path: at('f'), temporary: false, impl }, false, false);
  const system = { kind: 'function' as const, path: { catalog: '', database: '', name: 'F' }, temporary: true, impl: { ...impl, returns: 'STRING' } };
  cm.createFunction(system, true, false);
  assert.equal(cm.getFunction(qn('f'))?.impl.returns, 'STRING');
  assert.equal(cm.getFunction(qn('default_database', 'f'))?.impl.returns, 'INT');
  assert.throws(() => cm.createFunction(system, true, false), { message: "Could not register temporary system function. A function named 'F' does already exist." });
  assert.deepEqual(cm.listUserFunctions().map((f) => f.path.name), ['F', 'f']);
  cm.dropFunction({ catalog: '', database: '', name: 'f' }, true, true, false);
  assert.equal(cm.getFunction(qn('f'))?.impl.returns, 'INT');
  assert.throws(() => cm.dropFunction(at('g'), false, false, false), { message: 'Function default_catalog.default_database.g does not exist in Catalog default_catalog.' });
});
