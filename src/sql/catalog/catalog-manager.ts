// The session's catalogs: in-memory catalogs of databases holding tables, views and functions,
// temporary objects that shadow permanent ones of the same path (as in Flink), the current
// catalog and database, and name resolution. Unquoted names match case-insensitively, back-quoted
// ones exactly; objects keep the name as written for display.
import type { Ident, QualifiedName } from '../ast/ast.ts';
import { SqlValidationError } from '../sql-errors.ts';
import { CatalogError } from './catalog-errors.ts';
import { formatPath, type CatalogFunction, type CatalogReader, type CatalogRelation, type ObjectPath } from './catalog-objects.ts';

export const DEFAULT_CATALOG = 'default_catalog';
export const DEFAULT_DATABASE = 'default_database';

interface Database {
  readonly name: string;
  readonly comment?: string;
  readonly relations: Map<string, CatalogRelation>;
  readonly functions: Map<string, CatalogFunction>;
}

interface Catalog {
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
  readonly databases: Map<string, Database>;
}

/** A name written in SQL, or a plain string from the Table API (matched as if unquoted). */
export type NamePart = Ident | string;

const key = (name: string): string => name.toLowerCase();
const pathKey = (p: ObjectPath): string => `${key(p.catalog)}\u0000${key(p.database)}\u0000${key(p.name)}`;
const text = (n: NamePart): string => (typeof n === 'string' ? n : n.name);

/** The entry of `map` that `name` designates: back-quoted names must match the stored spelling exactly. */
function lookup<T>(map: ReadonlyMap<string, T>, name: NamePart, nameOf: (entry: T) => string = (e) => (e as { name: string }).name): T | undefined {
  const entry = map.get(key(text(name)));
  if (!entry) return undefined;
  return typeof name !== 'string' && name.quoted && nameOf(entry) !== name.name ? undefined : entry;
}

const matchesPath = (stored: ObjectPath, p: ObjectPath): boolean =>
  stored.catalog === p.catalog && stored.database === p.database && stored.name === p.name;

const newDatabase = (name: string, comment?: string): Database => ({ name, comment, relations: new Map(), functions: new Map() });

export class CatalogManager implements CatalogReader {
  readonly #catalogs = new Map<string, Catalog>();
  readonly #temporary = new Map<string, CatalogRelation>();
  readonly #temporaryFunctions = new Map<string, CatalogFunction>();
  readonly #systemFunctions = new Map<string, CatalogFunction>();
  #currentCatalog = DEFAULT_CATALOG;
  #currentDatabase = DEFAULT_DATABASE;

  constructor() {
    this.#catalogs.set(DEFAULT_CATALOG, { name: DEFAULT_CATALOG, options: { type: 'generic_in_memory' }, databases: new Map([[DEFAULT_DATABASE, newDatabase(DEFAULT_DATABASE)]]) });
  }

  get currentCatalog(): string {
    return this.#currentCatalog;
  }

  get currentDatabase(): string {
    return this.#currentDatabase;
  }

  // ---- names ----

  /** The path a (possibly partial) name designates, spelled as the existing catalog, database and object are. */
  resolvePath(name: QualifiedName): ObjectPath {
    return this.resolveParts(name.parts, name);
  }

  /** Like resolvePath, for names given as parts (Table API strings are parsed as identifiers by the caller). */
  resolveParts(parts: readonly NamePart[], at?: QualifiedName): ObjectPath {
    if (parts.length < 1 || parts.length > 3) {
      throw new SqlValidationError(`Object identifier '${parts.map(text).join('.')}' must have 1 to 3 parts (name, database.name or catalog.database.name)`, at?.pos);
    }
    const [catPart, dbPart, namePart] = parts.length === 3 ? parts : parts.length === 2 ? [this.#currentCatalog, parts[0]!, parts[1]!] : [this.#currentCatalog, this.#currentDatabase, parts[0]!];
    const catalog = lookup(this.#catalogs, catPart!);
    const database = catalog ? lookup(catalog.databases, dbPart!) : undefined;
    const partial: ObjectPath = { catalog: catalog?.name ?? text(catPart!), database: database?.name ?? text(dbPart!), name: text(namePart!) };
    const temp = this.#temporary.get(pathKey(partial));
    const stored = temp ?? database?.relations.get(key(partial.name)) ?? database?.functions.get(key(partial.name));
    const quotedMismatch = stored && typeof namePart !== 'string' && namePart!.quoted && stored.path.name !== namePart!.name;
    return stored && !quotedMismatch ? { ...partial, name: stored.path.name } : partial;
  }

  // ---- relations ----

  /** The temporary object at `path` if there is one, else the permanent one. */
  getRelation(path: ObjectPath): CatalogRelation | undefined {
    const temp = this.#temporary.get(pathKey(path));
    if (temp && matchesPath(temp.path, path)) return temp;
    const stored = this.#database(path)?.relations.get(key(path.name));
    return stored && matchesPath(stored.path, path) ? stored : undefined;
  }

  getTemporary(path: ObjectPath): CatalogRelation | undefined {
    return this.#temporary.get(pathKey(path));
  }

  getPermanent(path: ObjectPath): CatalogRelation | undefined {
    return this.#database(path)?.relations.get(key(path.name));
  }

  /** Adds a table or view; `ifNotExists` makes an existing object a no-op. Returns whether it was added. */
  createRelation(relation: CatalogRelation, ifNotExists: boolean): boolean {
    const p = relation.path;
    if (relation.temporary) {
      this.#requireDatabase(p);
      if (this.#temporary.has(pathKey(p))) {
        if (ifNotExists) return false;
        throw new CatalogError(`Temporary table '${formatPath(p)}' already exists`);
      }
      this.#temporary.set(pathKey(p), relation);
      return true;
    }
    const db = this.#requireDatabase(p);
    if (db.relations.has(key(p.name))) {
      if (ifNotExists) return false;
      throw new CatalogError(`Table (or view) ${formatPath(p)} already exists in Catalog ${p.catalog}.`);
    }
    db.relations.set(key(p.name), relation);
    return true;
  }

  /** Replaces an existing object (ALTER TABLE). */
  replaceRelation(relation: CatalogRelation): void {
    if (relation.temporary) this.#temporary.set(pathKey(relation.path), relation);
    else this.#requireDatabase(relation.path).relations.set(key(relation.path.name), relation);
  }

  /**
   * DROP [TEMPORARY] TABLE|VIEW. A temporary object must be dropped with TEMPORARY; dropping the
   * permanent object while a temporary one shadows it is refused, as in Flink.
   */
  dropRelation(path: ObjectPath, what: 'table' | 'view', temporary: boolean, ifExists: boolean): boolean {
    const noun = what === 'table' ? 'Table' : 'View';
    const isKind = (r: CatalogRelation | undefined) => r !== undefined && (what === 'view' ? r.kind === 'view' : r.kind !== 'view');
    if (temporary) {
      const temp = this.#temporary.get(pathKey(path));
      if (!isKind(temp)) {
        if (ifExists) return false;
        throw new CatalogError(`Temporary ${what} with identifier '${formatPath(path)}' does not exist.`);
      }
      this.#temporary.delete(pathKey(path));
      return true;
    }
    if (isKind(this.#temporary.get(pathKey(path)))) {
      throw new CatalogError(`Temporary ${what} with identifier '${formatPath(path)}' exists. Drop it first before removing the permanent ${what}.`);
    }
    const db = this.#database(path);
    if (!db || !isKind(db.relations.get(key(path.name)))) {
      if (ifExists) return false;
      throw new CatalogError(`${noun} with identifier '${formatPath(path)}' does not exist.`);
    }
    db.relations.delete(key(path.name));
    return true;
  }

  /** Relations of a database (temporary and permanent), for SHOW TABLES / VIEWS. */
  listRelations(catalog: string, database: string): CatalogRelation[] {
    const db = this.#requireDatabase({ catalog, database, name: '' });
    const temps = [...this.#temporary.values()].filter((r) => key(r.path.catalog) === key(catalog) && key(r.path.database) === key(database));
    const shadowed = new Set(temps.map((r) => key(r.path.name)));
    return [...temps, ...[...db.relations.values()].filter((r) => !shadowed.has(key(r.path.name)))];
  }

  // ---- functions ----

  getFunction(name: QualifiedName): CatalogFunction | undefined {
    if (name.parts.length === 1) {
      const system = lookup(this.#systemFunctions, name.parts[0]!, (f) => f.path.name);
      if (system) return system;
    }
    const path = this.resolvePath(name);
    const temp = this.#temporaryFunctions.get(pathKey(path));
    if (temp && temp.path.name === path.name) return temp;
    const stored = this.#database(path)?.functions.get(key(path.name));
    return stored && stored.path.name === path.name ? stored : undefined;
  }

  /** Temporary system functions take a one-part name; the others a catalog path. */
  createFunction(fn: CatalogFunction, system: boolean, ifNotExists: boolean): boolean {
    const p = fn.path;
    const [map, k, exists] = system
      ? [this.#systemFunctions, key(p.name), `Could not register temporary system function. A function named '${p.name}' does already exist.`]
      : fn.temporary
        ? [this.#temporaryFunctions, pathKey(p), `Temporary catalog function ${formatPath(p)} already exists.`]
        : [this.#requireDatabase(p).functions, key(p.name), `Function ${formatPath(p)} already exists in Catalog ${p.catalog}.`];
    if (map.has(k)) {
      if (ifNotExists) return false;
      throw new CatalogError(exists);
    }
    map.set(k, fn);
    return true;
  }

  dropFunction(path: ObjectPath, temporary: boolean, system: boolean, ifExists: boolean): boolean {
    const [map, k, missing] = system
      ? [this.#systemFunctions, key(path.name), `Temporary system function ${path.name} doesn't exist`]
      : temporary
        ? [this.#temporaryFunctions, pathKey(path), `Temporary catalog function ${formatPath(path)} doesn't exist`]
        : [this.#database(path)?.functions, key(path.name), `Function ${formatPath(path)} does not exist in Catalog ${path.catalog}.`];
    if (!map?.has(k)) {
      if (ifExists) return false;
      throw new CatalogError(missing);
    }
    map.delete(k);
    return true;
  }

  /** User functions visible from the current database: temporary system, temporary catalog and catalog functions. */
  listUserFunctions(): CatalogFunction[] {
    const here = (f: CatalogFunction) => key(f.path.catalog) === key(this.#currentCatalog) && key(f.path.database) === key(this.#currentDatabase);
    const db = this.#database({ catalog: this.#currentCatalog, database: this.#currentDatabase });
    return [...this.#systemFunctions.values(), ...[...this.#temporaryFunctions.values()].filter(here), ...(db?.functions.values() ?? [])];
  }

  // ---- catalogs and databases ----

  createCatalog(name: string, options: Readonly<Record<string, string>>): void {
    if (this.#catalogs.has(key(name))) throw new CatalogError(`Catalog ${name} already exists.`);
    this.#catalogs.set(key(name), { name, options, databases: new Map([[DEFAULT_DATABASE, newDatabase(DEFAULT_DATABASE)]]) });
  }

  dropCatalog(name: NamePart, ifExists: boolean): void {
    const catalog = lookup(this.#catalogs, name);
    if (!catalog) {
      if (ifExists) return;
      throw new CatalogError(`Catalog ${text(name)} does not exist.`);
    }
    if (catalog.name === this.#currentCatalog) throw new CatalogError('Cannot drop a catalog which is currently in use.');
    this.#catalogs.delete(key(catalog.name));
  }

  listCatalogs(): string[] {
    return [...this.#catalogs.values()].map((c) => c.name).sort();
  }

  getCatalogOptions(name: string): Readonly<Record<string, string>> | undefined {
    return this.#catalogs.get(key(name))?.options;
  }

  /** `parts`: [database] or [catalog, database]. */
  createDatabase(parts: readonly NamePart[], ifNotExists: boolean, comment?: string): void {
    const catalog = this.#requireCatalog(parts.length === 2 ? parts[0]! : this.#currentCatalog);
    const name = text(parts.at(-1)!);
    if (catalog.databases.has(key(name))) {
      if (ifNotExists) return;
      throw new CatalogError(`Database ${name} already exists in Catalog ${catalog.name}.`);
    }
    catalog.databases.set(key(name), newDatabase(name, comment));
  }

  dropDatabase(parts: readonly NamePart[], ifExists: boolean, cascade: boolean): void {
    const catalog = this.#requireCatalog(parts.length === 2 ? parts[0]! : this.#currentCatalog);
    const db = lookup(catalog.databases, parts.at(-1)!);
    if (!db) {
      if (ifExists) return;
      throw new CatalogError(`Database ${text(parts.at(-1)!)} does not exist in Catalog ${catalog.name}.`);
    }
    if (catalog.name === this.#currentCatalog && db.name === this.#currentDatabase) throw new CatalogError('Cannot drop a database which is currently in use.');
    if (!cascade && (db.relations.size > 0 || db.functions.size > 0)) throw new CatalogError(`Database ${db.name} in catalog ${catalog.name} is not empty.`);
    catalog.databases.delete(key(db.name));
    for (const [k, r] of this.#temporary) if (key(r.path.catalog) === key(catalog.name) && key(r.path.database) === key(db.name)) this.#temporary.delete(k);
  }

  listDatabases(catalog = this.#currentCatalog): string[] {
    return [...this.#requireCatalog(catalog).databases.values()].map((d) => d.name).sort();
  }

  useCatalog(name: NamePart): void {
    const catalog = lookup(this.#catalogs, name);
    if (!catalog) throw new CatalogError(`A catalog with name [${text(name)}] does not exist.`);
    this.#currentCatalog = catalog.name;
    this.#currentDatabase = catalog.databases.has(DEFAULT_DATABASE) ? DEFAULT_DATABASE : [...catalog.databases.values()][0]?.name ?? DEFAULT_DATABASE;
  }

  /** `parts`: [database] or [catalog, database]. */
  useDatabase(parts: readonly NamePart[]): void {
    const catalog = this.#requireCatalog(parts.length === 2 ? parts[0]! : this.#currentCatalog);
    const db = lookup(catalog.databases, parts.at(-1)!);
    if (!db) throw new CatalogError(`A database with name [${text(parts.at(-1)!)}] does not exist in the catalog: [${catalog.name}].`);
    this.#currentCatalog = catalog.name;
    this.#currentDatabase = db.name;
  }

  #requireCatalog(name: NamePart): Catalog {
    const catalog = lookup(this.#catalogs, name);
    if (!catalog) throw new CatalogError(`A catalog with name [${text(name)}] does not exist.`);
    return catalog;
  }

  #database(p: Pick<ObjectPath, 'catalog' | 'database'>): Database | undefined {
    return this.#catalogs.get(key(p.catalog))?.databases.get(key(p.database));
  }

  #requireDatabase(p: ObjectPath): Database {
    const catalog = this.#requireCatalog(p.catalog);
    const db = catalog.databases.get(key(p.database));
    if (!db) throw new CatalogError(`Database ${p.database} does not exist in Catalog ${catalog.name}.`);
    return db;
  }
}
