// Rescaling of operator state: how the states of p old subtasks become those of p' new ones.
import { RestoreError, WeirError } from '../core/errors.ts';
import type { OperatorStateEntry, OperatorStateMode, RedistributeOperatorState } from './operator-state.ts';

/**
 * Split lists: all old subtasks' elements, in old-subtask order, dealt out in contiguous chunks whose
 * sizes differ by at most one. Union lists: every new subtask gets all elements. Broadcast: every new
 * subtask gets the first old subtask's copy (all copies are equal). Every new subtask gets every name.
 */
export const redistributeOperatorState: RedistributeOperatorState = (oldStates, newParallelism) => {
  if (!Number.isInteger(newParallelism) || newParallelism < 1) {
    throw new WeirError(`cannot redistribute operator state to parallelism ${newParallelism}: it must be a positive integer`);
  }
  const byName = new Map<string, { mode: OperatorStateMode; parts: (readonly unknown[])[] }>();
  for (const subtask of oldStates) {
    for (const { name, mode, entries } of subtask) {
      const gathered = byName.get(name);
      if (gathered === undefined) byName.set(name, { mode, parts: [entries] });
      else if (gathered.mode !== mode) throw new RestoreError(`operator state "${name}" is ${gathered.mode} in one old subtask and ${mode} in another`);
      else gathered.parts.push(entries);
    }
  }
  const result: OperatorStateEntry[][] = Array.from({ length: newParallelism }, () => []);
  for (const [name, { mode, parts }] of byName) {
    const all = mode === 'broadcast' ? parts[0]! : parts.flat();
    for (let i = 0; i < newParallelism; i++) {
      const entries = mode === 'split'
        ? all.slice(Math.floor((i * all.length) / newParallelism), Math.floor(((i + 1) * all.length) / newParallelism))
        : all.slice();
      result[i]!.push({ name, mode, entries });
    }
  }
  return result;
};
