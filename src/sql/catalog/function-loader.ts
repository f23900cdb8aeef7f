// CREATE FUNCTION f AS 'module-path#export': imports a TypeScript/JavaScript module and checks that
// the export is a user-defined function (an object made by scalarFunction/tableFunction/
// aggregateFunction, or a class whose instances have eval or accumulate and a `returns` type).
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadedUserFunction } from '../functions/user-function.ts';
import { parseDataType } from '../parser/index.ts';
import { toLogicalType } from '../types/type-from-spec.ts';
import { CatalogError } from './catalog-errors.ts';

/** Where a module path in CREATE FUNCTION points: relative paths against `baseDir` (the script's directory), then the working directory. */
export function resolveModule(modulePath: string, baseDir: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(modulePath) && !isAbsolute(modulePath)) return modulePath; // file:, node: or data: URL
  if (isAbsolute(modulePath)) return pathToFileURL(modulePath).href;
  if (!modulePath.startsWith('.')) return modulePath; // a package name
  const fromBase = resolve(baseDir, modulePath);
  return pathToFileURL(existsSync(fromBase) ? fromBase : resolve(modulePath)).href;
}

/** Splits `'./udfs.ts#shout'`; the export defaults to `default`. */
export function splitClassName(className: string): { modulePath: string; exportName: string } {
  const hash = className.lastIndexOf('#');
  return hash < 0 ? { modulePath: className, exportName: 'default' } : { modulePath: className.slice(0, hash), exportName: className.slice(hash + 1) };
}

const isFn = (v: unknown): v is (...args: any[]) => unknown => typeof v === 'function';

/** An instance of a UDF class as the plain object the planner calls (methods bound to the instance). */
function fromInstance(instance: Record<string, any>, ctor: Record<string, any>): LoadedUserFunction | undefined {
  const returns = instance.returns ?? ctor.returns;
  if (typeof returns !== 'string') return undefined;
  const bind = (name: string) => (isFn(instance[name]) ? instance[name].bind(instance) : undefined);
  if (isFn(instance.accumulate) && isFn(instance.createAccumulator) && isFn(instance.getValue)) {
    return { kind: 'aggregate', returns, createAccumulator: bind('createAccumulator')!, accumulate: bind('accumulate')!, retract: bind('retract'), merge: bind('merge'), getValue: bind('getValue')! };
  }
  if (!isFn(instance.eval)) return undefined;
  const kind = instance.kind ?? ctor.kind;
  return kind === 'table'
    ? { kind: 'table', returns, eval: bind('eval') as (...args: any[]) => Iterable<unknown> }
    : { kind: 'scalar', returns, eval: bind('eval')!, deterministic: instance.deterministic ?? ctor.deterministic };
}

/** The user function that `value` is, or undefined. */
export function asUserFunction(value: unknown): LoadedUserFunction | undefined {
  if (value === null || value === undefined) return undefined;
  if (isFn(value)) {
    if (!value.prototype) return undefined;
    try {
      return fromInstance(new (value as unknown as new () => Record<string, any>)(), value as unknown as Record<string, any>);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object') return undefined;
  const v = value as Record<string, any>;
  if (typeof v.returns !== 'string') return undefined;
  if (v.kind === 'scalar' || v.kind === 'table') return isFn(v.eval) ? (v as LoadedUserFunction) : undefined;
  if (v.kind === 'aggregate') return isFn(v.accumulate) && isFn(v.createAccumulator) && isFn(v.getValue) ? (v as LoadedUserFunction) : undefined;
  return fromInstance(v, {});
}

/** Checks that a function's `returns` is a SQL type, so that a typo fails at CREATE FUNCTION. */
export function checkReturnType(fn: LoadedUserFunction, name: string): void {
  try {
    toLogicalType(parseDataType(fn.returns));
  } catch (e) {
    throw new CatalogError(`Function '${name}' declares an invalid result type '${fn.returns}': ${(e as Error).message}`);
  }
}

/** Imports the module and returns the function it exports; errors name the path and the export. */
export async function loadUserFunction(name: string, className: string, baseDir: string): Promise<LoadedUserFunction> {
  const { modulePath, exportName } = splitClassName(className);
  const url = resolveModule(modulePath, baseDir);
  let module: Record<string, unknown>;
  try {
    module = await import(url);
  } catch (e) {
    throw new CatalogError(`Cannot load function '${name}': module '${modulePath}' (${url}) could not be imported: ${(e as Error).message}`);
  }
  if (!(exportName in module)) {
    throw new CatalogError(`Cannot load function '${name}': module '${modulePath}' has no export '${exportName}' (its exports: ${Object.keys(module).sort().join(', ') || 'none'})`);
  }
  const fn = asUserFunction(module[exportName]);
  if (!fn) {
    throw new CatalogError(`Cannot load function '${name}': export '${exportName}' of '${modulePath}' is not a user-defined function. ` +
      `Export an object made by scalarFunction(), tableFunction() or aggregateFunction(), or a class with eval (or createAccumulator, accumulate and getValue) and a 'returns' SQL type.`);
  }
  checkReturnType(fn, name);
  return fn;
}
