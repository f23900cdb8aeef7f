// How operators call user functions: resolve the method to call once (a plain function or an
// object's method), and run the optional lifecycle hooks of function objects.
import type { OperatorContext } from '../stream-operator.ts';
import { StreamingRuntimeContext } from './streaming-runtime-context.ts';
import type { FunctionHooks } from './user-functions.ts';

type AnyFn = (...args: any[]) => any;

/**
 * The function to call per record: `fn` itself, or `fn[method]` bound to `fn`, resolved once so the
 * hot path is one direct call. `what` names the function kind in the error for a bad argument.
 */
export function resolveUserFunction<F extends AnyFn>(fn: F | Record<string, any>, method: string, what: string): F {
  if (typeof fn === 'function') return fn as F;
  const m: unknown = fn?.[method];
  if (typeof m !== 'function') {
    throw new TypeError(`${what}: expected a function or an object with a ${method}() method, got ${describe(fn)}`);
  }
  return m.bind(fn) as F;
}

/** Checks that an object implements each of `methods`; for functions that are objects only. */
export function requireMethods(fn: unknown, methods: readonly string[], what: string): void {
  const missing = methods.filter((m) => typeof (fn as Record<string, unknown> | null)?.[m] !== 'function');
  if (missing.length > 0) throw new TypeError(`${what}: missing method ${missing.map((m) => `${m}()`).join(', ')} on ${describe(fn)}`);
}

function describe(x: unknown): string {
  if (x === null || typeof x !== 'object') return String(x);
  return `an object with keys [${Object.keys(x).join(', ')}]`;
}

/** Plain functions have no hooks; objects may have any of them. */
function hooksOf(fn: unknown): FunctionHooks | undefined {
  return typeof fn === 'object' && fn !== null ? (fn as FunctionHooks) : undefined;
}

/** Flink's order: initializeState (state restored or fresh), then open. */
export function openUserFunction(fn: unknown, ctx: OperatorContext<unknown>): void | Promise<void> {
  const hooks = hooksOf(fn);
  if (!hooks || (!hooks.initializeState && !hooks.open)) return;
  const runtimeContext = new StreamingRuntimeContext(ctx);
  hooks.initializeState?.({
    isRestored: () => ctx.isRestored,
    operatorStateStore: ctx.operatorState,
    keyedStateStore: ctx.keyedState ? runtimeContext : undefined,
  });
  return hooks.open?.(runtimeContext);
}

export function snapshotUserFunction(fn: unknown, checkpointId: number): void {
  hooksOf(fn)?.snapshotState?.({ checkpointId });
}

export function notifyUserFunctionComplete(fn: unknown, checkpointId: number): void | Promise<void> {
  return hooksOf(fn)?.notifyCheckpointComplete?.(checkpointId);
}

export function notifyUserFunctionAborted(fn: unknown, checkpointId: number): void {
  hooksOf(fn)?.notifyCheckpointAborted?.(checkpointId);
}

export function closeUserFunction(fn: unknown): void | Promise<void> {
  return hooksOf(fn)?.close?.();
}
