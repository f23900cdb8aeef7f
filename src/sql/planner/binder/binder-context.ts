// What the binder carries through one statement: the catalog, the session configuration, the CTEs in
// scope, and a counter for correlation ids.
import type { Configuration } from '../../../core/config.ts';
import type { Cte } from '../../ast/ast.ts';
import type { CatalogReader } from '../../catalog/catalog-objects.ts';
import type { ExprContext } from '../../expr/expr-context.ts';
import type { Scope } from './scope.ts';

export interface BinderContext {
  readonly catalog: CatalogReader;
  readonly config: Configuration;
  readonly exprCtx: ExprContext;
  readonly mode: 'STREAMING' | 'BATCH';
  /** CTEs visible here, innermost last. */
  readonly ctes: readonly Cte[];
  /** Scope of the enclosing query, for correlated subqueries. */
  readonly outer?: Scope;
}

export function withCtes(ctx: BinderContext, ctes: readonly Cte[]): BinderContext {
  return ctes.length ? { ...ctx, ctes: [...ctx.ctes, ...ctes] } : ctx;
}
