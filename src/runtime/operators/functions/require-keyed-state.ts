// Keyed operators check at open that the runtime gave them keyed state, and say how to fix it if not.
import { WeirError } from '../../../core/errors.ts';
import type { KeyedStateBackend } from '../../../state/keyed-state-backend.ts';
import type { OperatorContext } from '../stream-operator.ts';

export function requireKeyedState(ctx: OperatorContext<unknown>, what: string): KeyedStateBackend {
  if (!ctx.keyedState) {
    throw new WeirError(`${what} in operator '${ctx.runtime.operatorName}' needs a keyed stream: apply it after keyBy()`);
  }
  return ctx.keyedState;
}
